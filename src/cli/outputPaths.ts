import { existsSync, statSync } from "node:fs";
import { basename, dirname, extname, relative, resolve, sep } from "node:path";
import { ADAPT_FILES, CONFIG_FILE, DATABASE_FILE, JOB_FILE, parseFisherFileName, RUN_FILES, RUNS_DIR, STATUS_FILE, SWEEP_FILE, SWEEP_FILES } from "../rundir/index.js";
import { UsageError } from "./usageError.js";

/**
 * Output paths of the commands: a file a command writes must have the extension of what is
 * written, and must not be a file that belongs to a run, adaptation or sweep directory (weights,
 * optimizer state, config, metrics, summary, status, Fisher CSVs, the results database) — those
 * are written only by that directory's own writer (train, adapt, sweep). A `--out` of `predict`
 * that named RUN/model.safetensors used to replace the trained weights while the run still
 * said "finished" (docs/bad-input.md).
 */
export type DirKind = "run" | "adapt" | "sweep";

const RUN_OWNED = new Set<string>([...Object.values(RUN_FILES), STATUS_FILE, CONFIG_FILE, JOB_FILE]);
const ADAPT_OWNED = new Set<string>([...Object.values(ADAPT_FILES), STATUS_FILE]);
const SWEEP_OWNED = new Set<string>([SWEEP_FILE, SWEEP_FILES.experiment, DATABASE_FILE, `${DATABASE_FILE}.wal`, SWEEP_FILES.lock]);
const LOCK_FILE = SWEEP_FILES.lock, PARQUET_DIR = SWEEP_FILES.parquet;

const isDir = (p: string): boolean => { try { return statSync(p).isDirectory(); } catch { return false; } };

/** What kind of managed directory `dir` is (by the files its writer leaves), or null. */
export function managedKind(dir: string): DirKind | null {
  if (!isDir(dir)) return null;
  const has = (f: string) => existsSync(`${dir}${sep}${f}`);
  if (has(SWEEP_FILE) || has(DATABASE_FILE) || has(LOCK_FILE)) return "sweep";
  if (has(ADAPT_FILES.config)) return "adapt";
  if (has(STATUS_FILE) || has(RUN_FILES.model) || has(RUN_FILES.checkpoint) || (has(CONFIG_FILE) && has(RUN_FILES.metrics))) return "run";
  return null;
}

/** Does `rel` (a path inside a directory of `kind`) name a file that directory's writer owns? */
function owned(kind: DirKind, rel: string): string | null {
  const parts = rel.split(sep);
  const first = parts[0];
  if (parts.length === 1 && first.startsWith(".") && first.endsWith(".tmp")) return "a temporary file of its writer";
  if (kind === "sweep") {
    if (first === RUNS_DIR) return "its run directories";
    if (first === PARQUET_DIR) return "its Parquet tables";
    return parts.length === 1 && SWEEP_OWNED.has(first) ? first : null;
  }
  if (kind === "adapt" && /^iter_\d+$/.test(first)) return "its replicate runs";
  if (parts.length !== 1) return null;
  if ((kind === "run" ? RUN_OWNED : ADAPT_OWNED).has(first)) return first;
  if (parseFisherFileName(first)) return "a Fisher curve";
  return null;
}

/** The managed directory that owns `path`, if any: [directory, its kind, what the file is]. */
export function owningDirectory(path: string): [string, DirKind, string] | null {
  const target = resolve(path);
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    const kind = managedKind(dir);
    if (kind) {
      const what = owned(kind, relative(dir, target));
      if (what) return [dir, kind, what];
    }
    if (dirname(dir) === dir) return null;
  }
}

const WRITER: Record<DirKind, string> = { run: "fisherlab train/finetune", adapt: "fisherlab adapt", sweep: "fisherlab sweep/run" };

/**
 * A file output of `command`'s `--option`: refused (UsageError) unless it ends in one of
 * `extensions` and belongs to no run, adaptation or sweep directory. Returns `path`.
 */
export function outputFile(command: string, option: string, path: string, extensions: readonly string[]): string {
  const ext = extname(path).toLowerCase();
  if (!extensions.includes(ext)) {
    throw new UsageError(`fisherlab ${command}: --${option} must end in ${extensions.join(" or ")} (it is written as ${extensions[0].slice(1).toUpperCase()}), got ${JSON.stringify(path)}`);
  }
  const owner = owningDirectory(path);
  if (owner) {
    const [dir, kind, what] = owner;
    throw new UsageError(`fisherlab ${command}: --${option} ${path} would overwrite ${what === basename(path) ? what : `${what} (${basename(path)})`} of the ${kind} directory ${dir}, which only ${WRITER[kind]} writes; choose a path outside it or a new file name`);
  }
  if (isDir(path)) throw new UsageError(`fisherlab ${command}: --${option} ${path} is a directory; give a file name ending in ${extensions[0]}`);
  return path;
}

/**
 * A directory output of a writer of `kind` (train: "run", adapt: "adapt", sweep: "sweep"):
 * refused when it is another kind's directory or a file or folder such a directory owns.
 */
export function outputDir(command: string, option: string, path: string, kind: DirKind): string {
  const existing = managedKind(path);
  if (existing && existing !== kind) {
    throw new UsageError(`fisherlab ${command}: --${option} ${path} is a ${existing} directory (written by ${WRITER[existing]}), not a ${kind} directory; choose another --${option}`);
  }
  const owner = owningDirectory(path);
  // a sweep's own runs/ and an adaptation's iter_k/ are run directories, but not this command's
  if (owner && !(owner[1] === kind && existing === kind)) {
    const [dir, ownerKind, what] = owner;
    throw new UsageError(`fisherlab ${command}: --${option} ${path} is inside the ${ownerKind} directory ${dir} (${what}), which only ${WRITER[ownerKind]} writes; choose a path outside it`);
  }
  if (existsSync(path) && !isDir(path)) throw new UsageError(`fisherlab ${command}: --${option} ${path} is a file, not a directory; choose a directory path`);
  return path;
}
