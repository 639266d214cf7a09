// Public API of src/fisher: Fisher information estimators on activity matrices (trials × units).
// No configs, no networks, no run directories: src/measure applies these to networks.
export { FISHER_METHODS, NETWORK_METHODS, TWO_CLASS_METHODS, type FisherMethod, type NetworkMethod } from "./methods.js";
export { type FisherEstimate } from "./estimate.js";
export { type Activity } from "./activity.js";
export { type TwoClassData } from "./twoClass.js";
export { type Condition, type Regime } from "./regime.js";
export { type Measure } from "./measure.js";
export { FISHER_DEFAULTS } from "./defaults.js";
export { sampling, SAMPLING_REGIME, SAMPLING_COVARIANCES, type SamplingOptions } from "./sampling.js";
export { linearDecoder, LINEAR_DECODER_REGIME, type LinearDecoderOptions } from "./linearDecoder.js";
export { robustDiscrimination, ROBUST_REGIME, type RobustOptions } from "./robustDiscrimination.js";
export { nonlinearDecoder, NONLINEAR_DECODER_REGIME, type NonlinearDecoderOptions } from "./nonlinearDecoder.js";
export { twoClassEstimator } from "./twoClassEstimator.js";
export { smooth, type SmoothOptions, type GridData } from "./smooth.js";
export { derivative, DERIVATIVE_REGIME, type DerivativeOptions, type DerivativeData } from "./derivative.js";
export { lowRankPreferred } from "./lowRankShrunk.js";
export { interval, type IntervalOptions, type IntervalEstimate } from "./interval.js";
export { refine, type RefineOptions } from "./refine.js";
export { mcd, type McdFit, type McdOptions } from "./mcd.js";
export { correctedReweighting, mcdConsistency, pisonFactor, type CorrectedMcd } from "./mcdCorrection.js";
export { ledoitWolf } from "./ledoitWolf.js";
export { correctLinearFisher } from "./linearFisher.js";
export { dprimeBetween } from "./dprimeBetween.js";
export { stimulusPairs, estimateFromResponses, derivativeGroups, type TwoClassEstimator } from "./fromResponses.js";
export { fisherCsv, FISHER_COLUMNS } from "./csvRows.js";
export { replicateBands, type ReplicateBand } from "./replicateBands.js";
