import { existsSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { DATABASE_FILE } from "../rundir/index.js";
import { appendCell, buildResultsStore, collectRows, copyTableToParquet, parquetFiles, quote, TABLE_NAMES, writeTable, type ColumnType } from "./resultsStore.js";

/**
 * Bring DIR/results.duckdb up to date for some runs without rebuilding it: in one transaction,
 * the rows of each run (and of the run directories nested in it) are replaced by what its run
 * directory now holds, adding any column the table lacks. Used by the queue coordinator, which
 * ingests each run as it lands so the database is current while a sweep runs. The rows are the
 * ones buildResultsStore() would write (one row builder, collectRows()); a missing database is
 * built in full. DuckDB's write-ahead log makes each ingest all-or-nothing.
 */
export async function ingestRuns(dir: string, runIds: readonly string[]): Promise<void> {
  const dbPath = join(dir, DATABASE_FILE);
  if (!existsSync(dbPath)) { await buildResultsStore(dir); return; }
  if (runIds.length === 0) return;
  const { tables } = collectRows(dir, runIds);
  await withDatabase(dbPath, async (con) => {
    await con.run("BEGIN TRANSACTION");
    try {
      for (const [name, columns, rows] of tables) {
        const existing = await tableColumns(con, name);
        if (existing.length === 0) { await writeTable(con, name, columns, rows); continue; }
        const have = new Set(existing.map((c) => c.name));
        for (const c of columns) {
          if (have.has(c.name)) continue;
          await con.run(`ALTER TABLE ${name} ADD COLUMN ${quote(c.name)} ${c.type}`);
          existing.push(c);
        }
        for (const id of new Set([...runIds, ...rows.map((r) => String(r.run_id))])) {
          const lit = `'${id.replace(/'/g, "''")}'`;
          await con.run(`DELETE FROM ${name} WHERE run_id = ${lit} OR starts_with(run_id, ${lit} || '/')`);
        }
        const app = await con.createAppender(name);
        for (const row of rows) {
          for (const c of existing) appendCell(app, c.type, row[c.name]);
          app.endRow();
        }
        app.closeSync();
      }
      await con.run("COMMIT");
    } catch (err) {
      await con.run("ROLLBACK").catch(() => {});
      throw new Error(`ingestRuns(): could not ingest ${runIds.join(", ")} into ${dbPath}: ${err instanceof Error ? err.message : String(err)}`);
    }
    await con.run("CHECKPOINT");
  });
}

/** Write DIR/parquet/<table>.parquet from DIR/results.duckdb (each file via a temporary + rename). */
export async function exportParquet(dir: string): Promise<Record<string, string>> {
  const files = parquetFiles(dir);
  const out: Record<string, string> = {};
  await withDatabase(join(dir, DATABASE_FILE), async (con) => {
    for (const name of TABLE_NAMES) {
      const tmp = files.temporary(name);
      try {
        await copyTableToParquet(con, name, tmp);
        renameSync(tmp, (out[name] = files.final(name)));
      } finally {
        rmSync(tmp, { force: true });
      }
    }
  });
  return out;
}

async function withDatabase<T>(path: string, body: (con: DuckDBConnection) => Promise<T>): Promise<T> {
  const { DuckDBInstance } = await import("@duckdb/node-api"); // lazy, see resultsStore.ts
  const instance = await DuckDBInstance.create(path);
  const con = await instance.connect();
  try {
    return await body(con);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

async function tableColumns(con: DuckDBConnection, table: string): Promise<{ name: string; type: ColumnType }[]> {
  const rows = (await con.runAndReadAll(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
  )).getRowObjectsJS() as { column_name: string; data_type: string }[];
  return rows.map((r) => ({ name: r.column_name, type: r.data_type as ColumnType }));
}
