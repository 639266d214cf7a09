/**
 * Estimator names, as used by `--method`, in configs and in the `method` CSV column: the one
 * list every other layer imports (docs/estimators.md describes each).
 */
export const FISHER_METHODS = [
  "sampling", "linear-decoder", "robust", "nonlinear-decoder", "smooth", "derivative", "interval", "refine",
] as const;
export type FisherMethod = (typeof FISHER_METHODS)[number];

/**
 * The methods that can measure a network (src/measure): every method but `smooth`, which needs a
 * dense grid of recorded responses and runs only on files. A configured measurement (experiment
 * files, the adapt loop) may name only these.
 */
export const NETWORK_METHODS = [
  "derivative", "sampling", "linear-decoder", "robust", "nonlinear-decoder", "interval", "refine",
] as const satisfies readonly FisherMethod[];
export type NetworkMethod = (typeof NETWORK_METHODS)[number];

/** The two-class methods: estimators of I from responses at θ ± δ/2. */
export const TWO_CLASS_METHODS = ["sampling", "linear-decoder", "robust", "nonlinear-decoder"] as const satisfies readonly FisherMethod[];
