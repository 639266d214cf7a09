import { parentPort } from "node:worker_threads";
import { runJobs, type PoolJob, type PoolReport } from "../pool/index.js";

/**
 * Thread entry of a queue worker's job slot: runs one job at a time with the local pool's own
 * code (runJobs inline: run directory, job.json, config.yaml, handler, status), so a job runs
 * exactly as in a local sweep. The thread lives as long as the worker, so the handler modules
 * are loaded once, not once per job. Loaded from compiled JS (dist/), like the pool's worker.
 */
export interface JobThreadRequest {
  /** the job last; before it, its parent (already unpacked and finished in runsDir) */
  jobs: PoolJob[];
  runsDir: string;
  /** job kind → handler module (href or absolute path: URLs do not cross threads) */
  handlers: Record<string, string>;
}

export type JobThreadReply = { report: PoolReport } | { error: string };

if (parentPort) {
  const port = parentPort;
  port.on("message", (msg: JobThreadRequest) => {
    runJobs(msg.jobs, { runsDir: msg.runsDir, handlers: msg.handlers, workers: 0, quiet: true }).then(
      (report) => port.postMessage({ report } satisfies JobThreadReply),
      (err: unknown) => port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies JobThreadReply),
    );
  });
}
