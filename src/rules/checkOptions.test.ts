import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkOptions } from "./checkOptions.js";
import { describeIssues } from "./describeIssues.js";
import { isFiniteNumber, knownKeys, paramRules } from "./rule.js";

const RULES = paramRules({
  kappa: [
    { rule: "must be a finite number >= 0", test: (v) => isFiniteNumber(v) && v >= 0, fix: "use kappa: 0 for the uniform distribution" },
    { rule: "must be <= 10", test: (v) => (v as number) <= 10 },
  ],
});

describe("checkOptions()", () => {
  it("returns the parsed options when every rule holds", () => {
    expect(checkOptions("f()", z.object({ n: z.number().default(3) }), {})).toEqual({ n: 3 });
  });

  it("names the function, the option, the first broken rule, the value and the fix in one line", () => {
    expect(() => checkOptions("f()", RULES, { kappa: -1 })).toThrow("f(): kappa must be a finite number >= 0, got -1; use kappa: 0 for the uniform distribution");
    expect(() => checkOptions("f()", RULES, { kappa: 11 })).toThrow("f(): kappa must be <= 10, got 11");
    expect(() => checkOptions("f()", RULES, { kappa: NaN })).toThrow("f(): kappa must be a finite number >= 0, got NaN (.nan); use kappa");
  });

  it("prefixes the label and lists the valid keys of an unknown one", () => {
    expect(() => checkOptions("g()", knownKeys(["a", "b"]), { a: 1, c: 2 }, "spec.")).toThrow("g(): spec.c: unknown key; valid keys: a, b");
  });

  it("uses a schema's own 'must …' message and rephrases zod's generic ones", () => {
    const schema = z.strictObject({ w: z.number().refine((v) => v % 2 === 1, "must be odd"), n: z.number().min(0) });
    expect(describeIssues(schema, { w: 4, n: -1 }, schema.safeParse({ w: 4, n: -1 }).error?.issues ?? [])).toEqual([
      { path: "w", message: "must be odd, got 4" },
      { path: "n", message: "must be >= 0, got -1" },
    ]);
  });
});
