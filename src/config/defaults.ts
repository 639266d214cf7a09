/**
 * Every default of the config, in one place, each with its reason.
 * docs/science.md ("What the original runs looked like") gives the original values; these are those
 * values scaled to a 2-core machine without a GPU.
 */
export const DEFAULT_CONFIG = {
  seed: 0, // any fixed seed: runs are reproducible by default
  data: {
    source: "textures", // the built-in procedural bank: nothing to download
    split: [300, 50, 50], // original faces split by identity (of 400)
    train_size: 8192, // original: dataSize 1024 × 8 images per epoch
    val_size: 2048, // original validation size
    test_size: 2048, // same as validation: test metrics with comparable noise
    distribution: { kind: "vonmises", loc: 0, kappa: 0 }, // κ = 0 is uniform: the neutral pretraining
    noise: { shot: 0, variance: 0 }, // no pixel noise: the identity is the nuisance variable
  },
  model: {
    hidden: [60, 20], // original 4096-60-20-2 MLP
    activation: "celu", // smooth, so network-derivative Fisher estimates are well defined
    dropout: 0, // original runs used none for the Fisher experiments
    encoding: "circular", // (cos θ, sin θ) for 2π-periodic rotated images
  },
  loss: {
    name: "cos_sim", // original default loss
    lagrange: 0, // constraint off: λ > 0 pulls outputs toward `center`
    center: 1.5708, // π/2, the constraint direction used in the original λ sweeps
  },
  train: {
    batch_size: 32, // original
    lr: 0.001, // original Adam learning rate
    max_epochs: 300, // original 1500-4000, cut for 2 cores; early stopping usually ends sooner
    patience: 30, // original 200, scaled with max_epochs
    grad_clip: 0.5, // original gradient-norm clip
    freeze: [] as number[], // train every layer; fine-tuning may freeze e.g. [0]
  },
};

/** Parameters of each smoothing kind of the adaptation loop. */
export const SMOOTHING_DEFAULTS: Record<string, Record<string, unknown>> = {
  moving_average: { width: 31 }, // the original work: ≈ 31 grid points
  fourier: { harmonics: 8 }, // keeps structure at 1/8 of the domain, removes estimator roughness
};

/** `fisherlab adapt` config (docs/adaptation.md). */
export const DEFAULT_ADAPT_CONFIG = {
  adapt: {
    grid: 500, // the original work: 500 points
    domain: [0, 6.283185307179586], // 2π: rotated images
    initial: "uniform", // the original work: start from a flat p
    replicates: 3, // original 3-5 replicates
    max_iterations: 10, // the original loop rarely moved after ~10 iterations
    criterion: 0.1, // converged when the smoothed I is within ~10% (sd/mean) of its mean over the grid
    statistic: "cv", // coefficient of variation: scale-free, unlike the original var/mean (still available as var_over_mean)
    exponent: 0.5, // p ← p / I^½ (the original rule); its fixed point is a constant I over the domain
    damping: 1.0, // 1 = the original (undamped) rule
    smoothing: { kind: "moving_average", width: 31 }, // the original work (docs/adaptation.md)
    fisher: { method: "derivative", angles: 200 }, // original: 200 angles over the domain
    seed: null, // derive the fine-tunes' seeds from the pretrained run's seed; an integer runs independent loops from one network
  },
  finetune: {
    lr: 0.001, // small models: the same lr as pretraining (docs/science.md)
    max_epochs: 50, // original fine-tuning: 30-50 epochs
    patience: 10, // a fifth of max_epochs, as in pretraining
    reset_optimizer: false, // keep Adam's state by default (the original work compared both)
  },
};
