import { existsSync, statSync } from "node:fs";
import { ADAPT_FILES, CONFIG_FILE, dirKind, METRICS_FILE, STATUS_FILE, SWEEP_FILE, type DirKind } from "../rundir/index.js";

/** What `fisherlab serve` was pointed at (src/rundir's `dirKind`), or a one-line error naming the directory and what to pass instead. */
export function detectDirKind(dir: string): DirKind {
  const fix = "pass the --out directory of run, sweep, train, finetune or adapt";
  if (!existsSync(dir)) throw new Error(`fisherlab serve: ${dir} does not exist; ${fix}`);
  if (!statSync(dir).isDirectory()) throw new Error(`fisherlab serve: ${dir} is a file, not a directory; ${fix}`);
  const kind = dirKind(dir);
  if (kind === null) throw new Error(`fisherlab serve: ${dir} is neither a sweep (${SWEEP_FILE}), a run (${STATUS_FILE}, or ${CONFIG_FILE} with ${METRICS_FILE}) nor an adaptation run (${ADAPT_FILES.config}, ${ADAPT_FILES.iterations}); ${fix}`);
  return kind;
}
