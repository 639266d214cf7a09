/**
 * Parameter rules as data: each function lists its parameters' rules once;
 * `checkParams` turns the first violation into a one-line message that names the function, the
 * parameter, the rule, the value received and what to try.
 */
export interface ParamRule {
  /** e.g. "must be >= 0" */
  rule: string;
  test: (value: unknown) => boolean;
  /** what to try instead */
  fix: string;
}

export const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

export function checkParams(fn: string, params: Record<string, unknown>, rules: Record<string, ParamRule[]>): void {
  for (const [name, list] of Object.entries(rules)) {
    for (const r of list) {
      if (!r.test(params[name])) {
        throw new Error(`${fn}: ${name} ${r.rule}, got ${show(params[name])}; ${r.fix}`);
      }
    }
  }
}

/** Unknown keys are errors, not silently ignored. */
export function checkKeys(fn: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new Error(`${fn}: unknown key ${JSON.stringify(k)}; allowed keys: ${allowed.join(", ")}`);
  }
}

function show(v: unknown): string {
  if (Array.isArray(v)) return v.length > 6 ? `[${v.slice(0, 6).join(", ")}, … (${v.length} values)]` : `[${v.join(", ")}]`;
  if (typeof v === "number") return String(v);
  return JSON.stringify(v) ?? String(v);
}
