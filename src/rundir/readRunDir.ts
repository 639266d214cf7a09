import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { readCsv } from "../io/index.js";
import { CONFIG_FILE, ITERATIONS_FILE, METRICS_FILE, parseFisherFileName, SUMMARY_FILE } from "./files.js";
import { readStatus, type StatusRecord } from "./runDir.js";

export type CsvRow = Record<string, string | number>;

/** One `fisher_<method>_<layer>.csv` file of a run. */
export interface FisherFile {
  file: string;
  method: string;
  layer: string;
  rows: CsvRow[];
}

/** Everything a run directory holds that the results store reads (absent files are null / empty). */
export interface RunDirContents {
  dir: string;
  status: StatusRecord | null;
  config: Record<string, unknown> | null;
  summary: Record<string, unknown> | null;
  /** metrics.csv: one row per epoch */
  metrics: CsvRow[];
  fisher: FisherFile[];
  /** iterations.csv of an adapt run */
  iterations: CsvRow[];
}


/** Read a run directory back: config, summary, metrics, Fisher curves, adapt iterations. */
export function readRunDir(dir: string): RunDirContents {
  if (!existsSync(dir)) throw new Error(`readRunDir(): ${dir} does not exist; pass a run directory (one holding config.yaml)`);
  const configPath = join(dir, CONFIG_FILE), summaryPath = join(dir, SUMMARY_FILE);
  const config = existsSync(configPath) ? (YAML.parse(readFileSync(configPath, "utf8")) as Record<string, unknown>) : null;
  let summary: Record<string, unknown> | null = null;
  if (existsSync(summaryPath)) {
    try { summary = JSON.parse(readFileSync(summaryPath, "utf8")) as Record<string, unknown>; }
    catch { throw new Error(`readRunDir(): ${summaryPath} is not valid JSON; rerun the job to rewrite it`); }
  }
  const csv = (name: string): CsvRow[] => (existsSync(join(dir, name)) ? readCsv(join(dir, name)) : []);
  const fisher: FisherFile[] = [];
  for (const file of readdirSync(dir).sort()) {
    const parsed = parseFisherFileName(file);
    if (parsed) fisher.push({ file, ...parsed, rows: csv(file) });
  }
  return { dir, status: readStatus(dir), config, summary, metrics: csv(METRICS_FILE), fisher, iterations: csv(ITERATIONS_FILE) };
}
