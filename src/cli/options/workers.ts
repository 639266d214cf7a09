import { defaultWorkers } from "../../pool/index.js";
import { integerValue } from "./optionValue.js";
import { stringOption, type ParsedArgs } from "./optionTable.js";

/** `--workers N`: worker threads; `help` says what runs in them for this command. */
export const workers = (help = "worker threads (default: one per core; 0 runs the jobs in this process)") => ({ workers: stringOption(help) }) as const;

/**
 * The one check of `--workers`: an integer ≥ `min` (0 runs the jobs in this process, where the
 * command allows it), by default one thread per core.
 */
export function workerCount(args: ParsedArgs<ReturnType<typeof workers>>, { fallback = defaultWorkers(), min = 0 } = {}): number {
  return integerValue(args, "workers", fallback, min, min === 0 ? "an integer ≥ 0 (0 runs the jobs in this process)" : `an integer ≥ ${min}`);
}
