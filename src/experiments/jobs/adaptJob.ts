/**
 * Job handler for the sweep pool's "adapt" jobs: the adaptation loop starting from the parent
 * job's finished run, written into the job's run directory (resumable, like `fisherlab adapt`).
 */
import { runAdaptation } from "../../adapt/index.js";
import type { JobContext, JobResult } from "../../pool/index.js";
import type { AdaptJob } from "../job.js";

export default async function adaptJob(job: AdaptJob, ctx: JobContext): Promise<JobResult> {
  if (!ctx.parentDir) throw new Error(`job ${job.run_id}: an adapt job needs its parent's run directory`);
  // workers: 0 — the sweep's pool already runs one job per core; replicates run in this thread
  const summary = await runAdaptation(ctx.parentDir, job.config, { outDir: ctx.runDir, quiet: true, workers: 0 });
  return { summary: { ...summary } };
}
