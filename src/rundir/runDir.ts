import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { withSystemErrors, writeFileAtomic } from "../io/index.js";
import { dumpConfig } from "../config/index.js";
import { CONFIG_FILE, STATUS_FILE, SUMMARY_FILE } from "./files.js";

/**
 * A run directory's lifecycle lives in `status.json`: "running" while a process works on it,
 * "finished" once every file is written, "failed" with the error. A run that was killed stays
 * "running" with a dead pid; it is resumed, never mistaken for finished.
 */
export type RunStatus = "running" | "finished" | "failed";

/** The status of a run whose every file is written: the one definition of "finished". */
export const FINISHED: RunStatus = "finished";

export interface StatusRecord {
  status: RunStatus;
  /** the error message of a failed run */
  error?: string;
  /** process that last worked on the run */
  pid: number;
  /** 1 for the first attempt, +1 for every resume */
  attempt: number;
  started_at: string;
  finished_at?: string;
  /** wall time of the last attempt */
  wall_seconds?: number;
}


export interface CreateRunDirOptions {
  /** delete whatever the directory holds, even a finished run, and start over */
  force?: boolean;
  /** continue an unfinished (running/failed) run, keeping its files */
  resume?: boolean;
}

export interface RunDirHandle {
  dir: string;
  /** true when an earlier attempt's files were kept (resume) */
  resumed: boolean;
  attempt: number;
}

/** Whether `dir` holds a finished run (its status.json says "finished"). */
export function isFinished(dir: string): boolean {
  return readStatus(dir)?.status === FINISHED;
}

export function readStatus(dir: string): StatusRecord | null {
  const path = join(dir, STATUS_FILE);
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as StatusRecord;
  } catch {
    // status.json is written atomically, so this is a foreign or hand-edited file
    throw new Error(`readStatus(): ${path} is not valid JSON; delete it or rerun with --force`);
  }
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === "EPERM"; }
}

/**
 * Prepare `dir` for a run and mark it running : a new or empty directory is
 * created; a finished run is refused unless `force`; an unfinished run is refused unless
 * `resume` (keep its files) or `force` (wipe them); a run that another live process is writing
 * is always refused.
 */
export function createRunDir(dir: string, options: CreateRunDirOptions = {}): RunDirHandle {
  const status = existsSync(dir) ? readStatus(dir) : null;
  const hasFiles = existsSync(dir) && readdirSync(dir).length > 0;
  if (status?.status === "running" && status.pid !== process.pid && isAlive(status.pid)) {
    throw new Error(`createRunDir(): ${dir} is being written by process ${status.pid}; wait for it or stop it first`);
  }
  let resumed = false, attempt = 1;
  if (hasFiles && options.force) {
    rmSync(dir, { recursive: true, force: true });
  } else if (status?.status === FINISHED) {
    throw new Error(`createRunDir(): ${dir} holds a finished run; pass --force to overwrite it, or choose another --out`);
  } else if (hasFiles) {
    if (!options.resume) {
      const what = status ? `an unfinished run (status ${status.status})` : "files but no run status";
      throw new Error(`createRunDir(): ${dir} holds ${what}; pass --resume to continue it or --force to start over`);
    }
    resumed = true;
    attempt = (status?.attempt ?? 0) + 1;
  }
  withSystemErrors(dir, "create the run directory", () => mkdirSync(dir, { recursive: true }));
  writeStatus(dir, { status: "running", pid: process.pid, attempt, started_at: new Date().toISOString() });
  return { dir, resumed, attempt };
}

export function writeStatus(dir: string, record: StatusRecord): void {
  writeFileAtomic(join(dir, STATUS_FILE), JSON.stringify(record, null, 2) + "\n");
}

function finish(dir: string, patch: Partial<StatusRecord> & { status: RunStatus }): StatusRecord {
  const prev = readStatus(dir);
  const now = new Date();
  const started = prev ? Date.parse(prev.started_at) : now.getTime();
  const record: StatusRecord = {
    pid: process.pid, attempt: 1, started_at: now.toISOString(), ...prev, ...patch,
    finished_at: now.toISOString(), wall_seconds: (now.getTime() - started) / 1000,
  };
  if (patch.status === FINISHED) delete record.error;
  writeStatus(dir, record);
  return record;
}

/** Mark a run finished: the last write of a successful run. */
export function markFinished(dir: string): StatusRecord {
  return finish(dir, { status: FINISHED });
}

/** Mark a run failed, keeping its files (for resume) and the error message. */
export function markFailed(dir: string, error: unknown): StatusRecord {
  const message = error instanceof Error ? error.message : String(error);
  return finish(dir, { status: "failed", error: message });
}

/** Write the fully resolved config as `config.yaml` (atomically). */
export function writeRunConfig(dir: string, config: unknown): void {
  writeFileAtomic(join(dir, CONFIG_FILE), dumpConfig(config));
}

/** Write `summary.json` (atomically). */
export function writeSummary(dir: string, summary: Record<string, unknown>): void {
  writeFileAtomic(join(dir, SUMMARY_FILE), JSON.stringify(summary, null, 2) + "\n");
}
