// Training, fine-tuning and inference: the loop, its run directory, checkpoints and loading runs.
export { train } from "./train.js";
export { fineTune, type FineTuneOptions, type ConfigOverrides } from "./fineTune.js";
export { predict, type PredictOptions, type ImageBatch, type Prediction } from "./predict.js";
export { loadRun, type LoadedRun, type LoadRunOptions } from "./loadRun.js";
export { type TrainOptions, type TrainResult } from "./runTraining.js";
export { TrainingInterrupted } from "./interrupted.js";
export { type RunSummary } from "./runSummary.js";
export { type EpochMetrics, METRIC_COLUMNS } from "./epochMetrics.js";
export { evaluate, type EvalMetrics } from "./evaluate.js";
export { type LabelledImages } from "./labelledImages.js";
export { buildTrainingData, trainingDistribution } from "./buildTrainingData.js";
export { type TrainingData, type EpochSample } from "./trainingData.js";
export { readCheckpoint, writeCheckpoint, CHECKPOINT_FORMAT, type Checkpoint, type LoopState } from "./checkpoint.js";
export { epochRng, initRng } from "./epochRng.js";
export { encodingPeriod, angleDistance } from "./angleError.js";
export { networkSpec, createNetwork, changedArchitectureKey } from "./network.js";
export { lossFromConfig } from "./lossFromConfig.js";
export { TRAIN_DEFAULTS } from "./defaults.js";
export { backboneImages, toBackboneInput, type BackboneInput } from "./backboneImages.js";
export {
  backboneFeatureMap, featureCacheDir, featureStandardization, standardizeInPlace, STANDARDIZATION_IMAGES, type FeatureMap, type BackboneSpec,
  type FeatureStandardization,
} from "./backboneFeatures.js";
export { createBackboneTop, saveBackboneTop, readBackboneTop, loadBackboneTop } from "./backboneTop.js";
