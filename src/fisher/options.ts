import { z } from "zod";

/**
 * The estimators' option rules, as zod schemas with messages phrased "must …": each estimator
 * declares its options' schema once and checks it with src/rules' `checkOptions`.
 */
export const rules = {
  positive: () => z.number({ error: "must be a number" }).refine((v) => Number.isFinite(v) && v > 0, "must be a finite number > 0"),
  positiveInt: () => z.number({ error: "must be a number" }).int("must be an integer").min(1, "must be ≥ 1"),
  intAtLeast: (k: number) => z.number({ error: "must be a number" }).int("must be an integer").min(k, `must be ≥ ${k}`),
  fraction: () => z.number({ error: "must be a number" }).refine((v) => v > 0 && v < 1, "must be in (0, 1)"),
  nonNegative: () => z.number({ error: "must be a number" }).refine((v) => v >= 0, "must be ≥ 0"),
  seed: () => z.number({ error: "must be a number" }).int("must be an integer").min(0, "must be ≥ 0"),
};
