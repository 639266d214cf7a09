import { existsSync } from "node:fs";

/**
 * Run a read-only SQL query on a results database (DIR/results.duckdb) and return plain rows.
 * Integer columns (counts, BIGINT) come back as numbers, not bigints, as long as they fit
 * exactly (|n| < 2^53); larger ones stay bigint.
 */
export async function queryResults(database: string, sql: string): Promise<Record<string, unknown>[]> {
  if (!existsSync(database)) throw new Error(`queryResults(): ${database} not found; run the sweep (or buildResultsStore) first`);
  const { DuckDBInstance } = await import("@duckdb/node-api"); // lazy: see resultsStore.ts
  const instance = await DuckDBInstance.create(database, { access_mode: "READ_ONLY" });
  const con = await instance.connect();
  try {
    const rows = (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) =>
      [k, typeof v === "bigint" && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v])));
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
