// Experiments: configs, run directories, sweeps, the job pool and the results store.
export { LOSS_NAMES, ACTIVATIONS, ENCODINGS, DISTRIBUTION_KINDS, FISHER_METHODS, SMOOTHING_KINDS, DISPERSION_STATISTICS,
  type LossName, type ActivationName, type EncodingName, type DistributionKind, type FisherMethodName, isDistanceLoss } from "./choices.js";
export { DEFAULT_CONFIG, DISTRIBUTION_DEFAULTS, SMOOTHING_DEFAULTS, DEFAULT_ADAPT_CONFIG, DEFAULT_EXPERIMENT } from "./defaults.js";
export { configSchema, adaptConfigSchema, distributionSchema, fisherMeasurementSchema,
  type Config, type AdaptConfig, type Distribution, type FisherMeasurement } from "./configSchema.js";
export { ConfigError, type ConfigIssue } from "./configError.js";
export { type ResolveInput, type ConfigKind, applyOverridesRaw } from "./configKind.js";
export { resolveConfig, loadConfig, applyOverrides, TRAIN_CONFIG } from "./trainConfig.js";
export { resolveAdaptConfig, ADAPT_CONFIG } from "./adaptConfig.js";
export { dumpConfig } from "./dumpConfig.js";
export { createRunDir, readStatus, writeStatus, markFinished, markFailed, writeRunConfig, writeSummary,
  STATUS_FILE, CONFIG_FILE, SUMMARY_FILE, JOB_FILE, type RunStatus, type StatusRecord, type CreateRunDirOptions, type RunDirHandle } from "./runDir.js";
export { readRunDir, parseFisherFileName, fisherFileName, METRICS_FILE, ITERATIONS_FILE,
  type RunDirContents, type FisherFile, type CsvRow } from "./readRunDir.js";
export { parseExperiment, loadExperiment, experimentSpecSchema, type ExperimentSpec } from "./experimentSpec.js";
export { expandSweep, conditions } from "./expandSweep.js";
export { conditionSlug, runId, sweepLabels } from "./runId.js";
export type { Job, StageJob, AdaptJob, PoolJob } from "./job.js";
export { loadHandler, compiledSibling, type JobHandler, type JobContext, type JobResult, type HandlerRegistry } from "./handlers.js";
export { runJobs, exitCodeFor, defaultWorkers, type RunJobsOptions, type JobOutcome, type JobState, type PoolReport } from "./jobPool.js";
export { buildResultsStore, DATABASE_FILE, SWEEP_FILE, RUNS_DIR, PARQUET_DIR, EXPERIMENT_FILE, type StoreSummary, type SweepRecord } from "./resultsStore.js";
export { LOCK_FILE } from "./sweepLock.js";
export { checkJobs } from "./checkJobs.js";
export { runSweep, StoreNotBuilt, type RunSweepOptions, type SweepResult } from "./runSweep.js";
export { queryResults } from "./queryResults.js";
export { defaultHandlers } from "./jobs/handlerRegistry.js";
export { measurementFileName } from "./jobs/writeMeasurements.js";
export { MAIN_EXPERIMENT } from "./mainExperiment.js";
