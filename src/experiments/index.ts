// Experiments: experiment specs, their expansion into jobs (sweeps), the sweep's job handlers,
// running a sweep on the pool, the results store and the built-in main experiment.
export { parseExperiment, loadExperiment, withOverrides, experimentSpecSchema, DEFAULT_EXPERIMENT, RESET_OPTIMIZER_KEY, type ExperimentSpec } from "./experimentSpec.js";
export { expandSweep, conditions } from "./expandSweep.js";
export type { Job, StageJob, AdaptJob } from "./job.js";
export { buildResultsStore, removeStaleTemporaries, type StoreSummary } from "./resultsStore.js";
export { LOCK_FILE } from "./sweepLock.js";
export { checkJobs } from "./checkJobs.js";
export { runSweep, prepareSweep, StoreNotBuilt, type RunSweepOptions, type SweepResult, type PreparedSweep } from "./runSweep.js";
export { ingestRuns, exportParquet } from "./ingestRuns.js";
export { queryResults } from "./queryResults.js";
export { defaultHandlers } from "./jobs/handlerRegistry.js";
export { MAIN_EXPERIMENT } from "./mainExperiment.js";
