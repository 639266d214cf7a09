/**
 * Job handler for the sweep pool's "train" and "finetune" jobs: train (or fine-tune from the
 * parent job's run) into the job's run directory, then take the job's Fisher measurements. The
 * pool owns status.json; training resumes from its checkpoint when an earlier attempt was killed.
 * Loaded by path in worker threads (see handlerRegistry.ts), so it is a module with a default export.
 */
import { trainAndMeasure } from "../../measure/index.js";
import type { JobContext, JobResult } from "../../pool/index.js";
import type { StageJob } from "../job.js";

export default async function stageJob(job: StageJob, ctx: JobContext): Promise<JobResult> {
  if (job.kind === "finetune" && !ctx.parentDir) throw new Error(`job ${job.run_id}: a finetune job needs its parent's run directory`);
  const stage = job.kind === "train"
    ? { kind: "train" as const, config: job.config }
    : { kind: "finetune" as const, from: ctx.parentDir!, overrides: job.config, resetOptimizer: job.reset_optimizer };
  const { summary } = await trainAndMeasure(stage, job.measurements, { runDir: ctx.runDir, resume: ctx.resume });
  return { summary };
}
