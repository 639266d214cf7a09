// Experiments: experiment specs, their expansion into jobs (sweeps), the sweep's job handlers,
// running a sweep on the pool, the results store and the built-in main experiment.
export { parseExperiment, loadExperiment, experimentSpecSchema, DEFAULT_EXPERIMENT, type ExperimentSpec } from "./experimentSpec.js";
export { expandSweep, conditions } from "./expandSweep.js";
export type { Job, StageJob, AdaptJob } from "./job.js";
export { buildResultsStore, type StoreSummary } from "./resultsStore.js";
export { runSweep, type RunSweepOptions, type SweepResult } from "./runSweep.js";
export { queryResults } from "./queryResults.js";
export { defaultHandlers } from "./jobs/handlerRegistry.js";
export { MAIN_EXPERIMENT } from "./mainExperiment.js";
