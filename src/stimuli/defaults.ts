/**
 * Every default of src/stimuli in one place, each with the reason it has this value.
 * Values are in radians and pixels.
 */
export const STIMULI_DEFAULTS = {
  /** gratings */
  gratingSize: 64, // the original work: P×P grid; 64 matches the 64×64 image banks so networks are interchangeable
  gratingFrequency: 5, // the original work: f = 5 cycles per 2π across the grid
  gratingShotProbability: 0.1, // a tenth of the pixels noisy: orientation stays visible, I(θ) stays finite
  gratingShotVariance: 1, // Gaussian noise of variance 1 on a [-1, 1] signal, then clamped: strong but sparse
  gratingMaskRadiusSquared: 6, // the original work: pixels with x² + y² ≥ 6 are set to 0 (a disc of radius √6 ≈ 2.45 of π)

  /** the procedural textures bank */
  textureCount: 400, // the original face bank had 400 identities (300/50/50 split)
  textureSize: 64, // the original work: 64×64 grey images
  textureSeed: 0, // a fixed bank: identities are the same in every run unless asked otherwise

  /** datasets */
  splitSeed: 0, // the original work: the identity split uses a fixed seed so train/val/test never mix across runs
  splitFractions: { train: 300 / 400, val: 50 / 400, test: 50 / 400 }, // the original work: 300/50/50 of 400
  angleBlock: 4096, // angles are drawn in blocks of this size from forked streams: random access, flat memory

  /** rotation */
  // rad; the original work's FI δ = 0.03. Moves pixels at r ≈ 20 px by 0.6 px, averaging over the kinks of
  // bilinear interpolation: L2 error vs the smooth truth 1.6% (σ = 8 px blob) against 3.7% at step 0.01
  derivativeStep: 0.03,
  maskValue: 0.5, // the original work: pixels outside the circular mask are set to 0.5 (mid-grey)

  /** preview */
  previewCount: 64, // first 64 images: an 8×8 contact sheet is enough to see what the network sees
  previewColumns: 8,
} as const;
