import { z } from "zod";

/** One rule of a parameter: `test` must hold; `rule` completes "<name> …" ("must be >= 0"); `fix` says what to try. */
export interface Rule {
  rule: string;
  test: (value: unknown) => boolean;
  fix?: string;
}

/**
 * A parameter's rules as a zod schema: checked in order, the first that fails is the violation
 * (`describeIssues` shows its rule, the value received and its fix).
 */
export function param(...rules: Rule[]): z.ZodType<unknown> {
  return rules.reduce<z.ZodType<unknown>>((schema, r) => schema.refine(r.test, { error: r.rule, params: r.fix === undefined ? undefined : { fix: r.fix }, abort: true }), z.unknown());
}

export const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A table of parameters' rules (name → its rules, in order) as one zod object schema. */
export function paramRules(table: Readonly<Record<string, readonly Rule[]>>): z.ZodObject {
  return z.object(Object.fromEntries(Object.entries(table).map(([name, rules]) => [name, param(...rules)])));
}

/** An object whose keys must be among `keys` (any values): unknown keys are violations naming the valid ones. */
export function knownKeys(keys: readonly string[]): z.ZodObject {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, z.unknown().optional()])));
}
