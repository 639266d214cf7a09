import { integerValue } from "./optionValue.js";
import { stringOption, type ParsedArgs } from "./optionTable.js";

/** `--seed S`: the seed of every random step of the command; `help` says what it seeds. */
export const seed = (help = "seed for every random step (default 0)") => ({ seed: stringOption(help) }) as const;

/** The one check of `--seed`: a non-negative integer, `fallback` when absent. */
export function seedValue(args: ParsedArgs<ReturnType<typeof seed>>, fallback: number): number {
  return integerValue(args, "seed", fallback, 0, "a non-negative integer");
}
