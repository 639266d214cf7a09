import { UsageError } from "../usageError.js";
import type { OptionTable, ParsedArgs, StringOption } from "./optionTable.js";

/** A required string option, or a UsageError naming it and `hint`. */
export function requireValue<T extends OptionTable>(args: ParsedArgs<T>, name: StringOption<T>, hint: string): string {
  const v: unknown = args.values[name];
  if (typeof v !== "string" || v.length === 0) throw new UsageError(`fisherlab ${args.command}: --${name} is required (${hint})`);
  return v;
}

/** A numeric option with a default, validated by `check` (`rule` says what it accepts in the message). */
export function numberValue<T extends OptionTable>(args: ParsedArgs<T>, name: StringOption<T>, fallback: number,
  check: (v: number) => boolean = Number.isFinite, rule = "a finite number"): number {
  const v: unknown = args.values[name];
  if (v === undefined) return fallback;
  const x = Number(v);
  if (typeof v !== "string" || v.trim() === "" || !Number.isFinite(x) || !check(x)) {
    throw new UsageError(`fisherlab ${args.command}: --${name} must be ${rule}, got ${JSON.stringify(v)}`);
  }
  return x;
}

/** An integer option ≥ `min` with a default. */
export function integerValue<T extends OptionTable>(args: ParsedArgs<T>, name: StringOption<T>, fallback: number, min: number, rule = `an integer ≥ ${min}`): number {
  return numberValue(args, name, fallback, (v) => Number.isInteger(v) && v >= min, rule);
}
