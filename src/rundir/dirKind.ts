import { existsSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { isDirectory } from "../io/index.js";
import { ADAPT_FILES, ADAPT_ITERATION_DIR, CONFIG_FILE, DATABASE_FILE, JOB_FILE, parseFisherFileName, RUN_FILES, RUNS_DIR, STATUS_FILE, SWEEP_FILE, SWEEP_FILES } from "./files.js";

/** The three kinds of output directory: a run (train, finetune), an adaptation (adapt), a sweep (sweep, run). */
export type DirKind = "run" | "adapt" | "sweep";

const RUN_OWNED = new Set<string>([...Object.values(RUN_FILES), STATUS_FILE, CONFIG_FILE, JOB_FILE]);
const ADAPT_OWNED = new Set<string>([...Object.values(ADAPT_FILES), STATUS_FILE]);
const SWEEP_OWNED = new Set<string>([SWEEP_FILE, SWEEP_FILES.experiment, DATABASE_FILE, `${DATABASE_FILE}.wal`, SWEEP_FILES.lock]);


/**
 * What kind of output directory `dir` is, by the files its writer leaves, or null. A run needs a
 * file only a run has (status, weights, checkpoint) or both its config and its metrics, so a
 * folder that merely holds someone's config.yaml is not taken for a run.
 */
export function dirKind(dir: string): DirKind | null {
  if (!isDirectory(dir)) return null;
  const has = (f: string) => existsSync(`${dir}${sep}${f}`);
  if (has(SWEEP_FILE) || has(DATABASE_FILE) || has(SWEEP_FILES.lock)) return "sweep";
  if (has(ADAPT_FILES.config) || has(ADAPT_FILES.iterations)) return "adapt";
  if (has(STATUS_FILE) || has(RUN_FILES.model) || has(RUN_FILES.checkpoint) || (has(CONFIG_FILE) && has(RUN_FILES.metrics))) return "run";
  return null;
}

/**
 * dirKind() for a directory a command was pointed at: its kind, or a one-line error that starts
 * with `who`, names the directory and says what to pass instead (fisherlab serve, fisherlab report).
 */
export function requireDirKind(who: string, dir: string): DirKind {
  const fix = "pass the --out directory of run, sweep, train, finetune or adapt";
  if (!existsSync(dir)) throw new Error(`${who}: ${dir} does not exist; ${fix}`);
  if (!isDirectory(dir)) throw new Error(`${who}: ${dir} is a file, not a directory; ${fix}`);
  const kind = dirKind(dir);
  if (kind === null) throw new Error(`${who}: ${dir} is neither a sweep (${SWEEP_FILE}), a run (${STATUS_FILE}, or ${CONFIG_FILE} with ${RUN_FILES.metrics}) nor an adaptation run (${ADAPT_FILES.config}, ${ADAPT_FILES.iterations}); ${fix}`);
  return kind;
}

/** Does `rel` (a path inside a directory of `kind`) name a file that directory's writer owns? What it is, or null. */
function ownedFile(kind: DirKind, rel: string): string | null {
  const parts = rel.split(sep);
  const first = parts[0];
  if (parts.length === 1 && first.startsWith(".") && first.endsWith(".tmp")) return "a temporary file of its writer";
  if (kind === "sweep") {
    if (first === RUNS_DIR) return "its run directories";
    if (first === SWEEP_FILES.parquet) return "its Parquet tables";
    return parts.length === 1 && SWEEP_OWNED.has(first) ? first : null;
  }
  if (kind === "adapt" && ADAPT_ITERATION_DIR.test(first)) return "its replicate runs";
  if (parts.length !== 1) return null;
  if ((kind === "run" ? RUN_OWNED : ADAPT_OWNED).has(first)) return first;
  if (parseFisherFileName(first)) return "a Fisher curve";
  return null;
}

/**
 * The output directory whose writer owns `path`, if any: [directory, its kind, what the file is].
 * Only that directory's own writer (train, adapt, sweep) may write such a file: a `--out` that
 * named RUN/model.safetensors used to replace the trained weights while the run still said
 * "finished" (docs/bad-input.md).
 */
export function owningDirectory(path: string): [string, DirKind, string] | null {
  const target = resolve(path);
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    const kind = dirKind(dir);
    if (kind) {
      const what = ownedFile(kind, relative(dir, target));
      if (what) return [dir, kind, what];
    }
    if (dirname(dir) === dir) return null;
  }
}
