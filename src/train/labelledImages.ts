/**
 * A fixed set of images with their true angles, as the network reads them: flattened rows of
 * one image each. The validation and test sets are held this way for a whole run.
 */
export interface LabelledImages {
  /** [count, pixels] row-major (64·64 = 4096 pixels per image by default) */
  readonly images: Float32Array;
  /** [count] true angles in radians */
  readonly angles: Float64Array;
  readonly count: number;
}
