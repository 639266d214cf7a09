/**
 * Parameter rules as data for src/nn's option objects (the MLP spec, Adam's
 * options): each declares one rule per key, and `checkOptionRules` turns violations into messages.
 */
export interface OptionRule {
  /** Completes "`label.key` must …", e.g. "be a positive integer". */
  readonly rule: string;
  readonly ok: (value: unknown) => boolean;
}

/**
 * Unknown keys in `given` and values in `resolved` (given + defaults) that break their rule are
 * errors naming the function, the key, the rule and the value: `createMlp(): spec.dropout must be
 * a number in [0, 1), got 1`.
 */
export function checkOptionRules<K extends string>(fn: string, label: string, given: object,
  resolved: Readonly<Record<K, unknown>>, rules: Readonly<Record<K, OptionRule>>): void {
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(rules, key)) throw new Error(`${fn}: ${label}.${key} is not a known option; use ${Object.keys(rules).join(", ")}`);
  }
  for (const key of Object.keys(rules) as K[]) {
    if (!rules[key].ok(resolved[key])) throw new Error(`${fn}: ${label}.${key} must ${rules[key].rule}, got ${JSON.stringify(resolved[key])}`);
  }
}
