/**
 * Run ids name directories, so they must be deterministic (the same spec gives the same ids on
 * every rerun: that is how resume finds finished jobs) and filesystem-safe. Format:
 * `<condition>__r<replicate>__<stage>`, the condition as `label=value` pairs joined by `+` in
 * sweep order, or `base` without swept keys. A label is the last two segments of the sweep key
 * (`distribution.kappa`), or the whole key when two keys would share a label. A value is written
 * as is when it only uses [A-Za-z0-9._-]; otherwise unsafe characters become `_` and a hash of
 * the exact condition is appended (`~1a2b3c4d`) so distinct conditions never collide.
 */
const SAFE = /^[A-Za-z0-9._-]*$/;
const MAX_CONDITION_LENGTH = 120; // well under the 255-byte file name limit, leaving room for the suffix

export function sweepLabels(keys: readonly string[]): Record<string, string> {
  const short = (k: string): string => k.replace(/^(finetune|adapt)\./, "").split(".").slice(-2).join(".");
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(short(k), (counts.get(short(k)) ?? 0) + 1);
  return Object.fromEntries(keys.map((k) => [k, counts.get(short(k))! > 1 ? k : short(k)]));
}

function valueText(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** FNV-1a, 32 bits, as 8 hex digits. */
export function hash8(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The condition part of a run id. `entries` are [sweep key, value] in sweep order. */
export function conditionSlug(entries: readonly [string, unknown][], labels: Record<string, string>): string {
  if (entries.length === 0) return "base";
  let exact = true;
  const parts = entries.map(([k, v]) => {
    const text = valueText(v);
    if (!SAFE.test(text) || text.length === 0) exact = false;
    return `${labels[k] ?? k}=${text.replace(/[^A-Za-z0-9._-]/g, "_")}`;
  });
  let slug = parts.join("+");
  if (slug.length > MAX_CONDITION_LENGTH) { slug = slug.slice(0, MAX_CONDITION_LENGTH); exact = false; }
  return exact ? slug : `${slug}~${hash8(JSON.stringify(entries))}`;
}

export function runId(condition: string, replicate: number, stage: string): string {
  return `${condition}__r${replicate}__${stage}`;
}
