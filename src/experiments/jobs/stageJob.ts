/**
 * Job handler for the sweep pool's "train" and "finetune" jobs: train (or fine-tune from the
 * parent job's run) into the job's run directory, then take the job's Fisher measurements. The
 * pool owns status.json; training resumes from its checkpoint when an earlier attempt was killed.
 * Loaded by path in worker threads (see handlerRegistry.ts), so it is a module with a default export.
 */
import { fineTune, train } from "../../train/index.js";
import type { JobContext, JobResult } from "../handlers.js";
import type { StageJob } from "../job.js";
import { writeMeasurements } from "./writeMeasurements.js";

export default async function stageJob(job: StageJob, ctx: JobContext): Promise<JobResult> {
  const common = { outDir: ctx.runDir, resume: ctx.resume, quiet: true, ownStatus: false } as const;
  let result;
  if (job.kind === "train") result = await train(job.config, common);
  else {
    if (!ctx.parentDir) throw new Error(`job ${job.run_id}: a finetune job needs its parent's run directory`);
    result = await fineTune(ctx.parentDir, job.config, { ...common, resetOptimizer: job.reset_optimizer });
  }
  try {
    writeMeasurements(result.network, result.config, job.measurements, ctx.runDir);
  } finally {
    result.network.dispose();
  }
  return { summary: { ...result.summary } };
}
