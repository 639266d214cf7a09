/**
 * Job handler for one replicate of one adaptation iteration: fine-tune from the pretrained run on
 * the iteration's tabulated density, then measure I(θ) and write it as the run's Fisher CSV.
 * runAdaptation runs an iteration's replicates as jobs on the worker pool (src/pool), so they
 * use every core; the pool owns status.json and resumes a killed replicate from its checkpoint.
 */
import { compiledSibling } from "../io/index.js";
import { trainAndMeasure, type ConfiguredMeasurement } from "../measure/index.js";
import type { JobContext, JobResult, PoolJob } from "../pool/index.js";
import type { ConfigOverrides } from "../train/index.js";

export interface ReplicateJob extends PoolJob {
  kind: "adapt_replicate";
  /** the pretrained run every replicate starts from */
  from: string;
  overrides: ConfigOverrides;
  reset_optimizer: boolean;
  measurement: ConfiguredMeasurement;
  /** file name of the Fisher CSV in the replicate's run directory */
  fisher_file: string;
}

export default async function replicateJob(job: ReplicateJob, ctx: JobContext): Promise<JobResult> {
  const stage = { kind: "finetune" as const, from: job.from, overrides: job.overrides, resetOptimizer: job.reset_optimizer };
  const { summary } = await trainAndMeasure(stage, [job.measurement], { runDir: ctx.runDir, resume: ctx.resume });
  return { summary };
}

/** The compiled module of this handler (worker threads cannot import TypeScript: tests use dist/). */
export function replicateJobModule(): URL {
  return compiledSibling("replicateJob.js", import.meta.url);
}
