/**
 * The closed vocabularies of the config (STYLE.md habit 4: rules as data). Each list is the one
 * place a name is allowed; other layers' registries (nn losses, fisher estimators) are checked
 * against these lists in their tests.
 */
export const LOSS_NAMES = [
  "cos_sim", "angle_diff", "sq_diff", "sqrt_diff",
  "sim_linear", "sim_sqrt", "sim_log", "sim_square", "sim_quart", "sim_root4",
  "dist_linear", "dist_sqrt", "dist_log", "dist_square", "dist_quart", "dist_root4",
] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/** The distance family (dist_<g>) reads the linear encoding's projection; the others read angles of 2-d vectors. */
export const isDistanceLoss = (name: string): boolean => name.startsWith("dist_");

export const ACTIVATIONS = ["relu", "leaky_relu", "celu", "elu", "tanh"] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const ENCODINGS = ["circular", "half_angle", "linear"] as const;
export type EncodingName = (typeof ENCODINGS)[number];

export const DISTRIBUTION_KINDS = ["vonmises", "uniform", "normal", "tabulated"] as const;
export type DistributionKind = (typeof DISTRIBUTION_KINDS)[number];

/**
 * Methods a configured measurement may use on a network: src/fisher's NETWORK_METHODS (smooth
 * needs a dense grid of recorded responses and runs only on files). Kept here so configs validate
 * without loading the estimators; a test checks the two lists are equal.
 */
export const FISHER_METHODS = [
  "derivative", "sampling", "linear-decoder", "robust", "nonlinear-decoder", "interval", "refine",
] as const;
export type FisherMethodName = (typeof FISHER_METHODS)[number];

export const SMOOTHING_KINDS = ["moving_average", "fourier"] as const;

/** src/adapt's DispersionStatistic. */
export const DISPERSION_STATISTICS = ["var_over_mean", "cv2"] as const;
