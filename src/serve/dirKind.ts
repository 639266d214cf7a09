import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { ITERATIONS_FILE, METRICS_FILE, SWEEP_FILE, CONFIG_FILE } from "../rundir/index.js";

/** What `fisherlab serve` was pointed at: a sweep (or `fisherlab run`), one training run, or one adaptation run. */
export type DirKind = "sweep" | "run" | "adapt";

/** The kind of DIR, or a one-line error naming the directory and what to pass instead. */
export function detectDirKind(dir: string): DirKind {
  if (!existsSync(dir)) throw new Error(`fisherlab serve: ${dir} does not exist; pass the --out directory of run, sweep, train, finetune or adapt`);
  if (!statSync(dir).isDirectory()) throw new Error(`fisherlab serve: ${dir} is a file, not a directory; pass the --out directory of run, sweep, train, finetune or adapt`);
  if (existsSync(join(dir, SWEEP_FILE))) return "sweep";
  if (existsSync(join(dir, ITERATIONS_FILE)) || existsSync(join(dir, "adapt.yaml"))) return "adapt";
  if (existsSync(join(dir, CONFIG_FILE)) || existsSync(join(dir, METRICS_FILE))) return "run";
  throw new Error(`fisherlab serve: ${dir} is neither a sweep (${SWEEP_FILE}), a run (config.yaml, metrics.csv) nor an adaptation run (iterations.csv); pass the --out directory of run, sweep, train, finetune or adapt`);
}
