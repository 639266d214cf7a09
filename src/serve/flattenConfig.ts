/** A table cell: configs and summaries are flattened to these. */
export type Cell = string | number | boolean | null;

/**
 * A nested config as dotted columns: `{ loss: { name: "sq_diff" } }` → `{ "loss.name": "sq_diff" }`.
 * Lists stay one cell (JSON text), so `model.hidden: [60, 20]` is one column "[60,20]".
 */
export function flattenConfig(value: unknown, prefix = "", out: Record<string, Cell> = {}): Record<string, Cell> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flattenConfig(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  if (prefix === "") return out;
  if (value === undefined) return out;
  if (Array.isArray(value)) out[prefix] = JSON.stringify(value);
  else if (typeof value === "number" || typeof value === "string" || typeof value === "boolean" || value === null) out[prefix] = value;
  else out[prefix] = String(value);
  return out;
}
