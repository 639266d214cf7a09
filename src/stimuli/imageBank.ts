/**
 * A bank of grey base images ("identities"): count × height × width, row-major float32, values
 * nominally in [0, 1] (the mask fills with 0.5, mid-grey). Rotated images are drawn from it.
 */
export interface ImageBank {
  /** where it came from, e.g. "textures:400:0" or "npy:faces.npy" (provenance in run records) */
  readonly name: string;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** [count, height·width] */
  readonly data: Float32Array;
}

/** The pixels of identity i as a view (no copy). */
export function bankImage(bank: ImageBank, i: number): Float32Array {
  const size = bank.height * bank.width;
  return bank.data.subarray(i * size, (i + 1) * size);
}
