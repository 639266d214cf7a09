import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { systemError, withSystemErrors, writeFileAtomic } from "../io/index.js";
import { dumpConfig } from "../config/index.js";
import { checkJobs } from "./checkJobs.js";
import { expandSweep } from "./expandSweep.js";
import { loadExperiment, type ExperimentSpec } from "./experimentSpec.js";
import { type HandlerRegistry, type JobOutcome, type PoolReport, runJobs } from "../pool/index.js";
import type { Job } from "./job.js";
import { buildResultsStore, type StoreSummary } from "./resultsStore.js";
import { DATABASE_FILE, isFinished, JOB_FILE, RUNS_DIR, SWEEP_FILE, SWEEP_FILES, type SweepRecord } from "../rundir/index.js";
import { acquireSweepLock } from "./sweepLock.js";

export interface RunSweepOptions {
  /** output directory DIR: DIR/runs/<run_id>, DIR/sweep.json, DIR/results.duckdb, DIR/parquet */
  out: string;
  handlers: HandlerRegistry;
  /** worker threads (default one per core; 0 = in this thread) */
  workers?: number;
  quiet?: boolean;
  onOutcome?: (outcome: JobOutcome) => void;
}

/** The jobs ran but DIR/results.duckdb could not be rebuilt (e.g. a full disk); `report` is the pool's tally. */
export class StoreNotBuilt extends Error {
  readonly report: PoolReport;
  constructor(message: string, report: PoolReport) {
    super(message);
    this.name = "StoreNotBuilt";
    this.report = report;
  }
}

export interface SweepResult {
  jobs: Job[];
  report: PoolReport;
  store: StoreSummary;
}

/**
 * Run an experiment: expand it into jobs, run them on the pool (resuming: finished run
 * directories are kept), then rebuild the results store. Rerunning after a kill finishes only
 * what is missing; failed jobs are retried.
 */
export async function runSweep(experiment: string | ExperimentSpec, options: RunSweepOptions): Promise<SweepResult> {
  const { spec, jobs, release } = prepareSweep(experiment, options.out);
  try {
    const report = await runJobs(jobs, {
      runsDir: join(options.out, RUNS_DIR), handlers: options.handlers, workers: options.workers,
      quiet: options.quiet, label: `sweep ${spec.name}`, onOutcome: options.onOutcome,
    });
    let store: StoreSummary;
    try {
      store = await buildResultsStore(options.out);
    } catch (err) {
      const readable = systemError(err, join(options.out, DATABASE_FILE));
      const message = readable instanceof Error ? readable.message : String(readable);
      throw new StoreNotBuilt(`runSweep(): the jobs ran (${report.finished} finished now, ${report.doneBefore} before, ${report.failed} failed) but the results store was not rebuilt: ${message}; rerun to rebuild it`, report);
    }
    return { jobs, report, store };
  } finally {
    release();
  }
}

/** A sweep's output directory, ready to run its jobs; call release() when done. */
export interface PreparedSweep {
  spec: ExperimentSpec;
  jobs: Job[];
  /** gives up the sweep lock */
  release: () => void;
}

/**
 * Expand an experiment and prepare DIR for it, as every sweep does whatever runs its jobs (the
 * local pool or the queue): take the sweep lock, refuse finished runs made for a different config,
 * write experiment.yaml and sweep.json.
 */
export function prepareSweep(experiment: string | ExperimentSpec, out: string): PreparedSweep {
  const spec = typeof experiment === "string" ? loadExperiment(experiment) : experiment;
  const jobs = expandSweep(spec);
  checkJobs(jobs); // every job's inputs, before the first one starts and before DIR is touched
  withSystemErrors(out, "create the directory", () => mkdirSync(out, { recursive: true }));
  const release = acquireSweepLock(out);
  try {
    refuseChangedJobs(out, jobs);
    const record: SweepRecord = { name: spec.name, sweep_keys: Object.keys(spec.sweep), jobs };
    writeFileAtomic(join(out, SWEEP_FILES.experiment), dumpConfig(spec));
    writeFileAtomic(join(out, SWEEP_FILE), JSON.stringify(record, null, 1) + "\n");
  } catch (err) {
    release();
    throw err;
  }
  return { spec, jobs, release };
}

/**
 * A finished run is only reused if it was run for the same job: after an edit of the spec that
 * changes a job's config (same run_id, e.g. a new base lr) its old result would be silently mixed in.
 */
function refuseChangedJobs(out: string, jobs: readonly Job[]): void {
  for (const job of jobs) {
    const dir = join(out, RUNS_DIR, job.run_id);
    const path = join(dir, JOB_FILE);
    if (!isFinished(dir) || !existsSync(path)) continue;
    const before = JSON.parse(readFileSync(path, "utf8")) as Job;
    if (JSON.stringify(before.config) !== JSON.stringify(job.config) || before.parent !== job.parent) {
      throw new Error(`runSweep(): ${dir} finished with a different config than the experiment now gives it; use a new --out, or delete that run directory to rerun it`);
    }
  }
}
