import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isFinished, readRunDir, RUNS_DIR, SWEEP_FILE, type RunDirContents, type SweepRecord, type SweepRecordJob } from "../rundir/index.js";

/** One finished job of a study experiment: its sweep record and what its run directory holds. */
export interface StudyRun {
  job: SweepRecordJob;
  stage: string;
  replicate: number;
  /** swept key → value */
  condition: Record<string, unknown>;
  contents: RunDirContents;
}

/** A Fisher curve read back from a run: θ ascending, I and its standard error. */
export interface Curve {
  theta: number[];
  fisher: number[];
  stderr: number[];
}

/**
 * The finished runs of a sweep directory (DIR/sweep.json and DIR/runs/<run_id>), in job order.
 * Jobs that failed or never ran are left out: an analysis counts the replicates it actually has.
 */
export function loadSweepRuns(dir: string): StudyRun[] {
  const path = join(dir, SWEEP_FILE);
  if (!existsSync(path)) throw new Error(`loadSweepRuns(): ${dir} has no ${SWEEP_FILE}; run the study's experiments first (fisherlab study)`);
  const record = JSON.parse(readFileSync(path, "utf8")) as SweepRecord;
  const out: StudyRun[] = [];
  for (const job of record.jobs) {
    const runDir = join(dir, RUNS_DIR, job.run_id);
    if (!isFinished(runDir)) continue;
    out.push({ job, stage: job.stage ?? "pretrain", replicate: job.replicate ?? 0, condition: job.condition ?? {}, contents: readRunDir(runDir) });
  }
  return out;
}

/** A run's Fisher curve of one method (with its label, e.g. "derivative-boot1") and layer, or null when it has none. */
export function runCurve(run: StudyRun, method: string, layer = "output"): Curve | null {
  const file = run.contents.fisher.find((f) => f.method === method && f.layer === layer);
  if (!file || file.rows.length === 0) return null;
  const rows = [...file.rows].sort((a, b) => Number(a.theta) - Number(b.theta));
  return { theta: rows.map((r) => Number(r.theta)), fisher: rows.map((r) => Number(r.fisher)), stderr: rows.map((r) => Number(r.stderr)) };
}

/** The measurement methods a run holds with a given prefix (e.g. every "derivative-boot…" of it). */
export function runMethods(run: StudyRun, prefix: string, layer = "output"): string[] {
  return run.contents.fisher.filter((f) => f.layer === layer && f.method.startsWith(prefix)).map((f) => f.method);
}

/** A number from a run's summary.json (NaN when absent). */
export function summaryNumber(run: StudyRun, key: string): number {
  const v = run.contents.summary?.[key];
  return typeof v === "number" ? v : v === undefined || v === null ? NaN : Number(v);
}
