/**
 * Job handler for one replicate of one adaptation iteration: fine-tune from the pretrained run on
 * the iteration's tabulated density, then measure I(θ) and write it as the run's Fisher CSV.
 * runAdaptation runs an iteration's replicates as jobs on the experiments worker pool, so they
 * use every core; the pool owns status.json and resumes a killed replicate from its checkpoint.
 */
import { join } from "node:path";
import type { ConfigOverrides } from "../train/index.js";
import { fineTune, measuredModel } from "../train/index.js";
import { fisherCsv, measureConfiguredNetwork, type ConfiguredMeasurement } from "../fisher/index.js";
import { writeCsv } from "../io/index.js";
import { compiledSibling, type JobContext, type JobResult, type PoolJob } from "../experiments/index.js";

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
  const run = await fineTune(job.from, job.overrides, {
    outDir: ctx.runDir, resume: ctx.resume, quiet: true, ownStatus: false, resetOptimizer: job.reset_optimizer,
  });
  try {
    const { columns, rows } = fisherCsv(measureConfiguredNetwork(measuredModel(run.network, run.config), run.config, job.measurement));
    writeCsv(join(ctx.runDir, job.fisher_file), columns, rows);
  } finally {
    run.network.dispose();
  }
  return { summary: { ...run.summary } };
}

/** The compiled module of this handler (worker threads cannot import TypeScript: tests use dist/). */
export function replicateJobModule(): URL {
  return compiledSibling("replicateJob.js", import.meta.url);
}
