/**
 * Every file name of fisherlab's output directories, in one place: every writer and reader
 * imports them from here (docs/architecture.md).
 */

/** A run directory: one training or fine-tuning run (`fisherlab train`, a sweep job). */
export const RUN_FILES = {
  status: "status.json", // lifecycle: running / finished / failed (see runDir.ts)
  config: "config.yaml", // fully resolved config
  metrics: "metrics.csv", // one row per completed epoch
  model: "model.safetensors", // the best weights (the ones test metrics are computed with)
  optimizer: "optimizer.safetensors", // Adam's state at the best epoch: the pair restarts fine-tuning
  summary: "summary.json", // final metrics, written after the model
  checkpoint: "checkpoint.safetensors", // last completed epoch: weights, Adam, best weights, early stopping
} as const;

/** A job's definition, written by the job pool into the job's run directory. */
export const JOB_FILE = "job.json";

/** An adaptation directory (`fisherlab adapt`, a sweep's adapt job); replicates live in iter_k/rep_r/. */
export const ADAPT_FILES = {
  iterations: "iterations.csv", // one row per iteration × grid angle
  replicates: "replicates.csv", // every replicate's I(θ)
  summary: "summary.json",
  plot: "adapt.svg",
  config: "adapt.yaml", // the resolved adapt config
  state: "iterations.json", // full iteration records, for exact resume
} as const;

/** A sweep's output directory (`fisherlab sweep`, `fisherlab run`). */
export const SWEEP_FILES = {
  experiment: "experiment.yaml", // the experiment spec as run
  sweep: "sweep.json", // the expanded jobs
  runs: "runs", // runs/<run_id>/: one run directory per job
  database: "results.duckdb", // the results store
  parquet: "parquet", // parquet/<table>.parquet: the store's tables as files
  lock: "sweep.lock", // one sweep per directory at a time
} as const;

/** A study directory (`fisherlab study`): one sweep directory per experiment (DIR/<experiment>/) and these. */
export const STUDY_FILES = {
  html: "study.html", // the self-contained study report, one section per finding
  markdown: "findings.md", // the same findings as Markdown (docs/findings.md is a copy)
  figures: "findings", // findings/<id>-<slug>-<figure>.svg, linked from findings.md
  timings: "timings.json", // wall time and load of each experiment's sweep
} as const;

export const STATUS_FILE = RUN_FILES.status;
export const CONFIG_FILE = RUN_FILES.config;
export const SUMMARY_FILE = RUN_FILES.summary;
export const METRICS_FILE = RUN_FILES.metrics;
export const ITERATIONS_FILE = ADAPT_FILES.iterations;
export const SWEEP_FILE = SWEEP_FILES.sweep;
export const RUNS_DIR = SWEEP_FILES.runs;
export const DATABASE_FILE = SWEEP_FILES.database;

const FISHER_FILE = /^fisher_(.+)_([^_]+)\.csv$/;

/** `fisher_<method>_<layer>.csv`: a Fisher measurement written into a run directory. */
export function fisherFileName(method: string, layer: string | number): string {
  return `fisher_${method}_${layer}.csv`;
}

/**
 * Method and layer of a Fisher CSV from its name: the layer is the last `_` field (layers are
 * "output" or an index, without `_`), the method the rest (method names may contain `_` or `-`).
 */
export function parseFisherFileName(file: string): { method: string; layer: string } | null {
  const m = FISHER_FILE.exec(file);
  return m ? { method: m[1], layer: m[2] } : null;
}
