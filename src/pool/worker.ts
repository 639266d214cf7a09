import { parentPort } from "node:worker_threads";
import { executeJob, type JobContext } from "./handlers.js";
import type { PoolJob } from "./poolJob.js";

/**
 * Worker-thread entry of the job pool: receives one job at a time, runs its handler, answers with
 * the outcome. Must be loaded from compiled JS (dist/), since worker threads cannot load .ts.
 */
export interface WorkerRequest {
  job: PoolJob;
  ctx: JobContext;
  module: string;
}

if (parentPort) {
  const port = parentPort;
  port.on("message", (msg: WorkerRequest) => {
    void executeJob(msg.job.kind, msg.module, msg.job, msg.ctx).then((outcome) => port.postMessage(outcome));
  });
}
