/** Every default of the Fisher estimators, each with the reason it has that value. */
export const FISHER_DEFAULTS = {
  delta: 0.1, // two-class δ (radians): I·δ² = 0.5 at the median I ≈ 50 of the built-in experiment's networks; the original
  // work's 0.03 gives d′ ≈ 0.2 there, below the noise of 25 images per class (sd 5× I, decoders +180% to +500%;
  // docs/validation.md). Larger δ averages I over θ ± δ/2 (a finite difference of a curved tuning curve)
  confidence: 0.95, // conventional two-sided interval level for ciLow/ciHigh
  seed: 0, // every random step (MCD starts, MLP init, bootstrap) is seeded; 0 unless the caller picks one
  folds: 5, // cross-validated decoders: 5 folds keep 80% of trials for fitting, held-out d′ is nearly unbiased
  mcdTrials: 30, // scikit-learn fast_mcd: 30 random (p+1)-subsets, 2 C-steps each
  mcdBest: 10, // scikit-learn fast_mcd: the 10 best candidates are iterated to convergence
  mcdMaxIter: 30, // scikit-learn c_step remaining_iterations
  mlpHidden: 4, // small discriminator: 4 tanh units bend the boundary; more overfit 400 trials (held-out d′ −16% at 8 units on the test population)
  mlpEpochs: 200, // full-batch Adam epochs; the loss plateaus before this on the test populations
  mlpLearningRate: 0.03, // Adam step for standardised inputs
  mlpWeightDecay: 0.1, // strong L2 keeps held-out d′ within ~8% of the linear truth (1e-3 lost >50% to overfitting)
  sgWindow: 31, // Savitzky–Golay window (points on the dense grid); odd, ≫ polyorder 2
  smoothPoints: 20, // coarse points where covariances (and I) are evaluated
  derivativeBootstrap: 30, // derivative: parametric-bootstrap replicates for the stderr (±13% precision on it; each costs one estimate)
  shrinkageMargin: 3, // switch to Ledoit–Wolf when trials < units + 3 (inverse-Wishart mean needs ν > N + 1)
  intervalRelError: 0.05, // interval(): stop when stderr / mean < 5%
  intervalBatch: 16, // interval(): angles measured per round
  intervalMaxSamples: 256, // interval(): above this, split the interval instead of sampling more
  intervalMinWidth: 1e-3, // interval(): do not split below this width (radians)
  intervalMaxEvaluations: 4096, // interval(): total measurement budget per call (≈ 1 min of derivative at layer 1)
  refineAbsTol: Infinity, // refine(): absolute tolerance off unless given
  refineRelTol: 0.1, // refine(): insert a midpoint when neighbours differ by > 10%
  refineMinSpacing: 1e-3, // refine(): radians; below this the curve is not refined further
} as const;
