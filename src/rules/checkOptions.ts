import type { z } from "zod";
import { describeIssues } from "./describeIssues.js";

/**
 * Parameter rules as data: a function declares its options' types and ranges once, as a zod
 * schema; this helper validates `input` against it and turns the first violation into one line
 * naming the function, the option, the rule, the value received and what to try
 * (`vonMises(): kappa must be a finite number >= 0, got -1; use kappa: 0 for the uniform distribution`).
 * `label` prefixes the option path (`spec.` gives `createMlp(): spec.dropout …`).
 * Returns the parsed value, with the schema's defaults filled in.
 */
export function checkOptions<S extends z.ZodType>(fn: string, schema: S, input: unknown, label = ""): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [first] = describeIssues(schema, input, result.error.issues);
  const where = `${label}${first.path}`;
  const sep = first.message.startsWith("must ") || first.message.startsWith("is ") ? " " : ": ";
  throw new Error(`${fn}: ${where === "" ? "options" : where}${sep}${first.message}`);
}
