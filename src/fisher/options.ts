import { z } from "zod";

/**
 * Parameter rules as data: each estimator declares a zod schema for its options; this helper
 * turns the first violation into one line naming the function, the option, the rule, the value
 * received and what to try (scikit-learn `_parameter_constraints` in spirit).
 */
export function parseOptions<S extends z.ZodType>(fn: string, schema: S, options: unknown): z.infer<S> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.join(".");
  let received: unknown = options;
  for (const key of issue.path) received = received && typeof received === "object" ? (received as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  if (issue.code === "unrecognized_keys") {
    const keys = (issue as { keys: string[] }).keys;
    throw new Error(`${fn}: unknown option${keys.length > 1 ? "s" : ""} ${keys.map((k) => `'${k}'`).join(", ")}; allowed: ${Object.keys((schema as unknown as z.ZodObject).shape ?? {}).join(", ")}`);
  }
  throw new Error(`${fn}: option '${path}' ${issue.message.replace(/^Invalid input: /, "")}, got ${JSON.stringify(received)}`);
}

/** Reusable rules, with messages phrased as "must …". */
export const rules = {
  positive: () => z.number({ error: "must be a number" }).refine((v) => Number.isFinite(v) && v > 0, "must be a finite number > 0"),
  positiveInt: () => z.number({ error: "must be a number" }).int("must be an integer").min(1, "must be ≥ 1"),
  intAtLeast: (k: number) => z.number({ error: "must be a number" }).int("must be an integer").min(k, `must be ≥ ${k}`),
  fraction: () => z.number({ error: "must be a number" }).refine((v) => v > 0 && v < 1, "must be in (0, 1)"),
  nonNegative: () => z.number({ error: "must be a number" }).refine((v) => v >= 0, "must be ≥ 0"),
  seed: () => z.number({ error: "must be a number" }).int("must be an integer").min(0, "must be ≥ 0"),
};
