/**
 * The closed vocabularies of the config (STYLE.md habit 4: rules as data). Each list is the one
 * place a name is allowed; other layers' registries (nn losses, fisher estimators) are checked
 * against these lists in their tests.
 */
export const LOSS_NAMES = [
  "cos_sim", "angle_diff", "sq_diff", "sqrt_diff",
  "sim_linear", "sim_sqrt", "sim_log", "sim_square", "sim_quart", "sim_root4",
  "lin_linear", "lin_sqrt", "lin_log", "lin_square", "lin_quart", "lin_root4",
] as const;
export type LossName = (typeof LOSS_NAMES)[number];

export const ACTIVATIONS = ["relu", "leaky_relu", "celu", "elu", "tanh"] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const ENCODINGS = ["circular", "half_angle", "linear"] as const;
export type EncodingName = (typeof ENCODINGS)[number];

export const DISTRIBUTION_KINDS = ["vonmises", "uniform", "normal", "tabulated"] as const;
export type DistributionKind = (typeof DISTRIBUTION_KINDS)[number];

/** Must equal src/fisher's `FisherMethod` union (estimate.ts); kept here so configs validate without loading estimators. */
export const FISHER_METHODS = [
  "sampling", "linear-decoder", "robust", "nonlinear-decoder", "smooth", "derivative", "interval", "refine",
] as const;
export type FisherMethodName = (typeof FISHER_METHODS)[number];

export const SMOOTHING_KINDS = ["moving_average", "fourier"] as const;

/** src/adapt's DispersionStatistic. */
export const DISPERSION_STATISTICS = ["var_over_mean", "cv2"] as const;
