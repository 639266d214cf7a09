// The worker-thread job pool: jobs with parents, handler modules loaded by path in each worker,
// status.json committed by the thread that ran the job, resume of finished runs.
export type { PoolJob } from "./poolJob.js";
export { loadHandler, moduleSpecifier, type JobHandler, type JobContext, type JobResult, type HandlerRegistry, type HandlerOutcome } from "./handlers.js";
export { runJobs, exitCodeFor, defaultWorkers, workerScript, type RunJobsOptions, type JobOutcome, type JobState, type PoolReport } from "./jobPool.js";
export { launchOrder, lineageOf, parentReady, skipDependentsOfFailures } from "./schedule.js";
