import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { CONFIG_FILE, type CsvRow, DATABASE_FILE, readRunDir, readStatus, JOB_FILE, type RunDirContents, RUNS_DIR, STATUS_FILE, SUMMARY_FILE, SWEEP_FILE, SWEEP_FILES, type SweepRecord } from "../rundir/index.js";
import type { PoolJob } from "../pool/index.js";
import { systemError } from "../io/index.js";

/**
 * The results store: DIR/results.duckdb and DIR/parquet/<table>.parquet, rebuilt from the run
 * directories (the source of truth) in one transaction into a temporary file that is renamed over
 * the old database, so a sweep interrupted at any moment leaves the previous consistent database
 * or the new one, never a mix.
 */

export type ColumnType = "VARCHAR" | "DOUBLE" | "INTEGER" | "BIGINT" | "BOOLEAN";
export interface Column { name: string; type: ColumnType }
export type Row = Record<string, unknown>;


export interface StoreSummary {
  database: string;
  parquet: Record<string, string>;
  rows: Record<"runs" | "metrics" | "fisher" | "adapt", number>;
}

const RUN_COLUMNS: Column[] = [
  { name: "run_id", type: "VARCHAR" }, { name: "kind", type: "VARCHAR" }, { name: "stage", type: "VARCHAR" },
  { name: "replicate", type: "INTEGER" }, { name: "parent", type: "VARCHAR" }, { name: "status", type: "VARCHAR" },
  { name: "error", type: "VARCHAR" }, { name: "condition", type: "VARCHAR" },
  { name: "loss", type: "VARCHAR" }, { name: "activation", type: "VARCHAR" }, { name: "encoding", type: "VARCHAR" },
  { name: "distribution", type: "VARCHAR" }, { name: "seed", type: "BIGINT" }, { name: "config", type: "VARCHAR" },
  { name: "best_epoch", type: "INTEGER" }, { name: "best_val_loss", type: "DOUBLE" }, { name: "test_loss", type: "DOUBLE" },
  { name: "test_mae_deg", type: "DOUBLE" }, { name: "wall_seconds", type: "DOUBLE" }, { name: "summary", type: "VARCHAR" },
  { name: "dir", type: "VARCHAR" },
];
const METRIC_COLUMNS: Column[] = [
  { name: "run_id", type: "VARCHAR" }, { name: "epoch", type: "INTEGER" }, { name: "train_loss", type: "DOUBLE" },
  { name: "val_loss", type: "DOUBLE" }, { name: "val_mae_deg", type: "DOUBLE" }, { name: "output_norm", type: "DOUBLE" },
  { name: "seconds", type: "DOUBLE" },
];
const FISHER_COLUMNS: Column[] = [
  { name: "run_id", type: "VARCHAR" }, { name: "method", type: "VARCHAR" }, { name: "layer", type: "VARCHAR" },
  { name: "theta", type: "DOUBLE" }, { name: "fisher", type: "DOUBLE" }, { name: "stderr", type: "DOUBLE" },
  { name: "ci_low", type: "DOUBLE" }, { name: "ci_high", type: "DOUBLE" }, { name: "n_samples", type: "BIGINT" },
];
const ADAPT_COLUMNS: Column[] = [
  { name: "run_id", type: "VARCHAR" }, { name: "iteration", type: "INTEGER" }, { name: "theta", type: "DOUBLE" },
  { name: "density", type: "DOUBLE" }, { name: "fisher", type: "DOUBLE" }, { name: "fisher_smoothed", type: "DOUBLE" },
  { name: "fisher_replicate_sd", type: "DOUBLE" },
];

/** `ciLow` → `ci_low`, `val loss` → `val_loss`: CSV headers as SQL-friendly column names. */
export function columnName(header: string): string {
  return header.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().replace(/[^a-z0-9_]/g, "_");
}

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Required columns first, then every other column seen in the rows (numeric → DOUBLE, else VARCHAR). */
function withExtras(required: Column[], rows: Row[]): Column[] {
  const known = new Set(required.map((c) => c.name));
  const extras = new Map<string, boolean>(); // name → all numeric
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      if (known.has(k)) continue;
      const numeric = v === null || v === undefined || v === "" || typeof v === "number";
      extras.set(k, (extras.get(k) ?? true) && numeric);
    }
  }
  return [...required, ...[...extras].map(([name, numeric]): Column => ({ name, type: numeric ? "DOUBLE" : "VARCHAR" }))];
}

export function appendCell(app: DuckDBAppender, type: ColumnType, v: unknown): void {
  if (v === null || v === undefined || v === "") { app.appendNull(); return; }
  switch (type) {
    case "VARCHAR": app.appendVarchar(typeof v === "string" ? v : JSON.stringify(v)); return;
    case "BOOLEAN": app.appendBoolean(Boolean(v)); return;
    case "INTEGER": case "BIGINT": {
      const n = Number(v);
      if (!Number.isFinite(n)) { app.appendNull(); return; }
      if (type === "INTEGER") app.appendInteger(Math.trunc(n)); else app.appendBigInt(BigInt(Math.trunc(n)));
      return;
    }
    case "DOUBLE": {
      const n = typeof v === "number" ? v : Number(v);
      if (typeof v !== "number" && Number.isNaN(n)) app.appendNull(); else app.appendDouble(n);
      return;
    }
  }
}

export async function writeTable(con: DuckDBConnection, table: string, columns: Column[], rows: Row[]): Promise<void> {
  await con.run(`CREATE TABLE ${table} (${columns.map((c) => `${quote(c.name)} ${c.type}`).join(", ")})`);
  const app = await con.createAppender(table);
  for (const row of rows) {
    for (const c of columns) appendCell(app, c.type, row[c.name]);
    app.endRow();
  }
  app.closeSync();
}

/** Every run directory under runsDir, nested ones included (an adapt run's iter_k/rep_r). */
function findRunDirs(runsDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (name.startsWith(".") || !statSync(path).isDirectory()) continue;
      if ([STATUS_FILE, CONFIG_FILE, SUMMARY_FILE].some((f) => existsSync(join(path, f)))) out.push(path);
      walk(path);
    }
  };
  if (existsSync(runsDir)) walk(runsDir);
  return out;
}

const pick = (obj: Record<string, unknown> | null, ...keys: string[]): unknown => {
  for (const k of keys) if (obj && obj[k] !== undefined) return obj[k];
  return undefined;
};
const get = (obj: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((o, k) => (o !== null && typeof o === "object" ? (o as Row)[k] : undefined), obj);

function csvRows(runId: string, rows: CsvRow[], extra: Row = {}): Row[] {
  return rows.map((r) => {
    const row: Row = { run_id: runId, ...extra };
    for (const [k, v] of Object.entries(r)) row[columnName(k)] = v;
    return row;
  });
}

/** The rows of the four tables for some run directories, and the columns of each table. */
export interface TableRows {
  tables: [TableName, Column[], Row[]][];
}
export type TableName = "runs" | "metrics" | "fisher" | "adapt";
export const TABLE_NAMES: readonly TableName[] = ["runs", "metrics", "fisher", "adapt"];

export function readSweepRecord(dir: string): SweepRecord | null {
  const sweepPath = join(dir, SWEEP_FILE);
  return existsSync(sweepPath) ? (JSON.parse(readFileSync(sweepPath, "utf8")) as SweepRecord) : null;
}

/**
 * The table rows of DIR's runs: every run directory under DIR/runs and every job of DIR/sweep.json
 * (jobs that never started get a row with status "pending" or "skipped"). With `only`, just the
 * rows of those jobs and of the run directories nested in them (incremental ingest); the status of
 * any other job (for "skipped") is then read from its run directory.
 */
export function collectRows(dir: string, only?: readonly string[]): TableRows {
  const runsDir = join(dir, RUNS_DIR);
  const sweep = readSweepRecord(dir);
  const jobs = new Map((sweep?.jobs ?? []).map((j) => [j.run_id, j]));
  const contents = new Map<string, RunDirContents>();
  const dirs = only ? only.filter((id) => existsSync(join(runsDir, id))).flatMap((id) => [join(runsDir, id), ...findRunDirs(join(runsDir, id))]) : findRunDirs(runsDir);
  for (const path of dirs) {
    if (!only || [STATUS_FILE, CONFIG_FILE, SUMMARY_FILE].some((f) => existsSync(join(path, f)))) {
      contents.set(relative(runsDir, path).split(sep).join("/"), readRunDir(path));
    }
  }

  const runs: Row[] = [], metrics: Row[] = [], fisher: Row[] = [], adapt: Row[] = [];
  const statusOf = (id: string): string => {
    const known = contents.get(id)?.status?.status ?? (only && !contents.has(id) ? readStatus(join(runsDir, id))?.status : undefined);
    return known ?? (jobs.has(id) ? "pending" : "unknown");
  };
  const failedAncestor = (id: string): boolean => {
    for (let p = jobs.get(id)?.parent ?? null; p !== null; p = jobs.get(p)?.parent ?? null) {
      if (statusOf(p) === "failed") return true;
    }
    return false;
  };
  const ids = only ? [...new Set([...only.filter((id) => jobs.has(id)), ...contents.keys()])] : [...new Set([...jobs.keys(), ...contents.keys()])];
  const sweepKeys = sweep?.sweep_keys ?? [];
  for (const id of ids) {
    // nested run directories inherit condition, replicate and stage from the job that holds them
    const owner = jobs.get(id) ?? jobs.get(id.split("/")[0]);
    const c = contents.get(id);
    const config = c?.config ?? jobs.get(id)?.config ?? null;
    let status = statusOf(id);
    if (status === "pending" && failedAncestor(id)) status = "skipped";
    const condition = owner?.condition ?? {};
    const row: Row = {
      run_id: id, kind: jobs.get(id)?.kind ?? (c ? readJobFile(c.dir)?.kind : undefined) ?? (owner ? "nested" : "run"),
      stage: jobs.has(id) ? owner?.stage : owner ? `${owner.stage}/${id.split("/").slice(1).join("/")}` : undefined,
      replicate: owner?.replicate, parent: jobs.get(id)?.parent ?? (owner && !jobs.has(id) ? owner.run_id : null),
      status, error: c?.status?.error, condition: JSON.stringify(condition),
      loss: get(config, "loss.name"), activation: get(config, "model.activation"), encoding: get(config, "model.encoding"),
      distribution: get(config, "data.distribution.kind"), seed: get(config, "seed"),
      config: config ? JSON.stringify(config) : null,
      best_epoch: pick(c?.summary ?? null, "best_epoch", "bestEpoch"),
      best_val_loss: pick(c?.summary ?? null, "best_val_loss", "bestValLoss"),
      test_loss: pick(c?.summary ?? null, "test_loss", "testLoss"),
      test_mae_deg: pick(c?.summary ?? null, "test_mae_deg", "testMaeDeg"),
      wall_seconds: pick(c?.summary ?? null, "wall_seconds", "wallSeconds") ?? c?.status?.wall_seconds,
      summary: c?.summary ? JSON.stringify(c.summary) : null, dir: c ? relative(dir, c.dir).split(sep).join("/") : null,
    };
    for (const key of sweepKeys) row[`sweep:${key}`] = condition[key];
    runs.push(row);
    if (!c) continue;
    metrics.push(...csvRows(id, c.metrics));
    for (const f of c.fisher) fisher.push(...csvRows(id, f.rows, { method: f.method, layer: f.layer }).map((r) => ({ ...r, layer: String(r.layer) })));
    adapt.push(...csvRows(id, c.iterations));
  }

  // one column per swept key whose values are all scalars (arrays and maps stay in `condition`)
  const runColumns = [...RUN_COLUMNS];
  const taken = new Set(runColumns.map((c) => c.name));
  for (const key of sweepKeys) {
    const values = runs.map((r) => r[`sweep:${key}`]).filter((v) => v !== undefined && v !== null);
    if (!values.every((v) => ["string", "number", "boolean"].includes(typeof v))) continue;
    let name = columnName(key.replace(/\./g, "_"));
    if (taken.has(name)) name = `sweep_${name}`;
    taken.add(name);
    const type: ColumnType = values.every((v) => typeof v === "number") ? "DOUBLE" : values.every((v) => typeof v === "boolean") ? "BOOLEAN" : "VARCHAR";
    for (const r of runs) r[name] = r[`sweep:${key}`];
    runColumns.push({ name, type });
  }
  return {
    tables: [
      ["runs", runColumns, runs],
      ["metrics", withExtras(METRIC_COLUMNS, metrics), metrics],
      ["fisher", withExtras(FISHER_COLUMNS, fisher), fisher],
      ["adapt", withExtras(ADAPT_COLUMNS, adapt), adapt],
    ],
  };
}

/**
 * DIR/parquet/ (created) and the paths of one table's Parquet file in it: the final name and the
 * temporary it is written to first (renamed over the final one once complete; removeStaleTemporaries
 * clears those a killed process left).
 */
export function parquetFiles(dir: string): { temporary(name: string): string; final(name: string): string } {
  const parquetDir = join(dir, SWEEP_FILES.parquet);
  mkdirSync(parquetDir, { recursive: true });
  return { temporary: (name) => join(parquetDir, `.${name}.${process.pid}.tmp.parquet`), final: (name) => join(parquetDir, `${name}.parquet`) };
}

/** DuckDB's COPY of one table to a Parquet file. */
export const copyTableToParquet = (con: DuckDBConnection, table: string, path: string): Promise<unknown> =>
  con.run(`COPY ${table} TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`);

/**
 * Why results.duckdb could not be built, as one line. DuckDB reports a full disk in its own words
 * ("FATAL Error: … .results.duckdb.<pid>.tmp: No space left on device"), naming its temporary
 * file: that becomes the ENOSPC message every other writer gives, naming results.duckdb.
 */
export function storeBuildError(err: unknown, dbPath: string): Error {
  const reason = err instanceof Error ? err.message : String(err);
  if (/no space left on device/i.test(reason)) return systemError(Object.assign(new Error(reason), { code: "ENOSPC" }), dbPath, "write") as Error;
  return new Error(`buildResultsStore(): could not build ${dbPath}: ${reason}`);
}

/**
 * Rebuild DIR/results.duckdb and DIR/parquet/*.parquet from DIR/runs (and DIR/sweep.json when
 * present: its jobs get a row even if they never started, with status "pending" or "skipped").
 */
export async function buildResultsStore(dir: string): Promise<StoreSummary> {
  const { tables } = collectRows(dir);
  const rowCount = (name: TableName) => tables.find(([n]) => n === name)![2].length;
  const dbPath = join(dir, DATABASE_FILE);
  const tmpDb = join(dir, `.${DATABASE_FILE}.${process.pid}.tmp`);
  const files = parquetFiles(dir);
  removeStaleTemporaries(dir);
  const parquetTmp = files.temporary;
  const parquet: Record<string, string> = {};
  try {
    // imported here, not at the top: loading DuckDB costs ~1.5 s, which every CLI command would pay
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(tmpDb);
    const con = await instance.connect();
    try {
      await con.run("BEGIN TRANSACTION");
      for (const [name, columns, rows] of tables) await writeTable(con, name, columns, rows);
      await con.run("COMMIT");
      await con.run("CHECKPOINT");
      for (const [name] of tables) {
        await copyTableToParquet(con, name, parquetTmp(name));
        parquet[name] = files.final(name);
      }
    } finally {
      con.closeSync();
      instance.closeSync();
    }
    renameSync(tmpDb, dbPath);
    for (const [name] of tables) renameSync(parquetTmp(name), parquet[name]);
  } catch (err) {
    // the previous database and Parquet files stay as they were
    for (const f of [tmpDb, ...tables.map(([name]) => parquetTmp(name))]) rmSync(f, { force: true });
    throw storeBuildError(err, dbPath);
  } finally {
    rmSync(`${tmpDb}.wal`, { force: true });
  }
  return { database: dbPath, parquet, rows: { runs: rowCount("runs"), metrics: rowCount("metrics"), fisher: rowCount("fisher"), adapt: rowCount("adapt") } };
}

function readJobFile(dir: string): PoolJob | null {
  const path = join(dir, JOB_FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as PoolJob) : null;
}

/**
 * Temporary files of an earlier rebuild that was killed (kill -9, power loss) — its
 * `.results.duckdb.<pid>.tmp`, the `.wal` beside it, `parquet/.<table>.<pid>.tmp.parquet` — are
 * removed before a rebuild. Whatever pid they carry is stale: runSweep holds DIR's sweep lock
 * while it rebuilds, so no other rebuild is at work in DIR (and a pid may have been reused).
 */
export function removeStaleTemporaries(dir: string): void {
  const dbTmp = new RegExp(`^\\.${DATABASE_FILE.replace(/\./g, "\\.")}\\.(\\d+)\\.tmp(\\.wal)?$`);
  for (const f of existsSync(dir) ? readdirSync(dir) : []) {
    const m = dbTmp.exec(f);
    if (m) rmSync(join(dir, f), { force: true });
  }
  const parquetDir = join(dir, SWEEP_FILES.parquet);
  for (const f of existsSync(parquetDir) ? readdirSync(parquetDir) : []) {
    const m = /^\..+\.(\d+)\.tmp\.parquet$/.exec(f);
    if (m) rmSync(join(parquetDir, f), { force: true });
  }
}
