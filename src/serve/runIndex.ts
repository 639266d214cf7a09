import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import YAML from "yaml";
import { readCsv } from "../io/index.js";
import { CONFIG_FILE, FINISHED, METRICS_FILE, RUNS_DIR, SUMMARY_FILE, SWEEP_FILE, parseFisherFileName, readStatus,
  type DirKind, type SweepRecord } from "../rundir/index.js";
import { flattenConfig, type Cell } from "./flattenConfig.js";
import { metricSummary } from "./metricSummary.js";

/** One row of the dashboard's runs table. */
export interface RunRow {
  /** The run id: a sweep's `<condition>__r<k>__<stage>`, `iter_k/rep_r` in an adaptation run, the folder name of a lone run. */
  id: string;
  /** The run directory relative to DIR, `/`-separated ("" for DIR itself). */
  path: string;
  /** pending, running, finished, failed (status.json), or unreadable. */
  status: string;
  error?: string;
  kind?: string;
  stage?: string;
  replicate?: number;
  /** The resolved config, flattened to dotted keys. */
  config: Record<string, Cell>;
  /** Metric summaries (`val_loss.min`, `best_epoch`, …) and the test numbers of summary.json. */
  metrics: Record<string, number>;
  /** The Fisher measurements the run has, as `method:layer`. */
  fisher: string[];
}

/** summary.json numbers the table shows next to the metric summaries. */
const SUMMARY_COLUMNS = ["test_loss", "test_mae_deg", "best_val_mae_deg", "wall_seconds"];

interface Cached { signature: string; row: RunRow }
type Job = SweepRecord["jobs"][number];

function stamp(path: string): string {
  try { const s = statSync(path); return `${s.mtimeMs}:${s.size}`; } catch { return "-"; }
}

/**
 * The runs of DIR as table rows, re-read only where a run directory changed. Run directories are
 * the source of truth (results.duckdb is rebuilt from them only after a sweep), so rows follow a
 * sweep while it runs. Every writer in fisherlab renames files into place, which changes the
 * directory's mtime: the signature of a run is that mtime plus metrics.csv's.
 */
export class RunIndex {
  readonly dir: string;
  readonly kind: DirKind;
  private cache = new Map<string, Cached>();
  private sweep: { signature: string; record: SweepRecord | null } = { signature: "", record: null };

  constructor(dir: string, kind: DirKind) {
    this.dir = resolve(dir);
    this.kind = kind;
  }

  get name(): string {
    return this.sweepRecord()?.name ?? basename(this.dir);
  }

  get sweepKeys(): string[] {
    return this.sweepRecord()?.sweep_keys ?? [];
  }

  private sweepRecord(): SweepRecord | null {
    if (this.kind !== "sweep") return null;
    const path = join(this.dir, SWEEP_FILE);
    const signature = stamp(path);
    if (signature !== this.sweep.signature) {
      let record: SweepRecord | null = null;
      try { record = JSON.parse(readFileSync(path, "utf8")) as SweepRecord; } catch { record = this.sweep.record; }
      this.sweep = { signature, record };
    }
    return this.sweep.record;
  }

  /** The run directories DIR holds now: id → path relative to DIR, with the sweep's job when known. */
  private locate(): { id: string; path: string; job?: Job }[] {
    if (this.kind === "run") return [{ id: basename(this.dir), path: "" }];
    if (this.kind === "adapt") {
      const out: { id: string; path: string }[] = [];
      for (const iter of safeList(this.dir).filter((n) => /^iter_\d+$/.test(n)).sort(byNumber)) {
        for (const rep of safeList(join(this.dir, iter)).filter((n) => /^rep_\d+$/.test(n)).sort(byNumber)) out.push({ id: `${iter}/${rep}`, path: `${iter}/${rep}` });
      }
      return out;
    }
    const jobs = this.sweepRecord()?.jobs ?? [];
    const seen = new Set<string>();
    const out: { id: string; path: string; job?: Job }[] = [];
    for (const job of jobs) { seen.add(job.run_id); out.push({ id: job.run_id, path: `${RUNS_DIR}/${job.run_id}`, job }); }
    for (const name of safeList(join(this.dir, RUNS_DIR)).sort()) {
      if (!seen.has(name) && !name.startsWith(".")) out.push({ id: name, path: `${RUNS_DIR}/${name}` });
    }
    return out;
  }

  /** Rows of every run, and the ids whose row changed since the last call. */
  scan(): { rows: RunRow[]; changed: string[] } {
    const rows: RunRow[] = [], changed: string[] = [];
    const present = new Set<string>();
    for (const { id, path, job } of this.locate()) {
      present.add(id);
      const abs = join(this.dir, path);
      const signature = `${stamp(abs)}|${stamp(join(abs, METRICS_FILE))}|${job ? JSON.stringify(job.config ?? null).length : 0}`;
      const hit = this.cache.get(id);
      if (hit && hit.signature === signature) { rows.push(hit.row); continue; }
      const row = readRow(id, path, abs, job);
      this.cache.set(id, { signature, row });
      rows.push(row);
      changed.push(id);
    }
    for (const id of [...this.cache.keys()]) if (!present.has(id)) { this.cache.delete(id); changed.push(id); }
    return { rows, changed };
  }

  /** The absolute directory of a run id, or null when DIR has no such run. */
  runDir(id: string): string | null {
    const hit = this.cache.get(id);
    if (hit) return join(this.dir, hit.row.path);
    const found = this.locate().find((r) => r.id === id);
    return found ? join(this.dir, found.path) : null;
  }

  /** The cached row of a run id (after a scan). */
  row(id: string): RunRow | undefined {
    return this.cache.get(id)?.row;
  }
}

function byNumber(a: string, b: string): number {
  return Number(a.split("_")[1]) - Number(b.split("_")[1]);
}

function safeList(dir: string): string[] {
  try { return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name); } catch { return []; }
}

function readRow(id: string, path: string, abs: string, job: Job | undefined): RunRow {
  const row: RunRow = { id, path, status: "pending", kind: job?.kind, stage: job?.stage, replicate: job?.replicate, config: {}, metrics: {}, fisher: [] };
  if (!existsSync(abs)) { row.config = flattenConfig(job?.config ?? {}); return row; }
  try {
    const status = readStatus(abs);
    row.status = status?.status ?? (existsSync(join(abs, METRICS_FILE)) ? FINISHED : "pending");
    if (status?.error) row.error = status.error;
    const configPath = join(abs, CONFIG_FILE);
    const config = existsSync(configPath) ? YAML.parse(readFileSync(configPath, "utf8")) : job?.config;
    row.config = flattenConfig(config ?? {});
    if (existsSync(join(abs, METRICS_FILE))) row.metrics = metricSummary(readCsv(join(abs, METRICS_FILE)));
    const summaryPath = join(abs, SUMMARY_FILE);
    if (existsSync(summaryPath)) {
      const summary = JSON.parse(readFileSync(summaryPath, "utf8")) as Record<string, unknown>;
      for (const k of SUMMARY_COLUMNS) if (typeof summary[k] === "number" && Number.isFinite(summary[k])) row.metrics[k] = summary[k] as number;
    }
    for (const file of readdirSync(abs).sort()) {
      const parsed = parseFisherFileName(file);
      if (parsed) row.fisher.push(`${parsed.method}:${parsed.layer}`);
    }
  } catch (err) {
    // a foreign or hand-edited file: show the run with the reason instead of failing the page
    row.status = "unreadable";
    row.error = err instanceof Error ? err.message : String(err);
  }
  return row;
}
