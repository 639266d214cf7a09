/** How messages show paths and values: `model.hidden[1]`, NaN as YAML writes it, long arrays cut. */
/** Dotted path text, with array indices in brackets: `model.hidden[1]`. */
export function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out;
}

/** A value as a message shows it (JSON, with YAML's .nan/.inf, long arrays and texts cut). */
export function showValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (Array.isArray(v) && v.length > 8) return `[${v.slice(0, 8).map(showValue).join(", ")}, … (${v.length} values)]`;
  if (typeof v === "number" && !Number.isFinite(v)) return nonFinite(v);
  // JSON has no NaN or infinity (it would print null): YAML's .nan/.inf are shown as such
  const text = JSON.stringify(v, (_k, x: unknown) => typeof x === "number" && !Number.isFinite(x) ? `\u0000${nonFinite(x)}\u0000` : x)
    ?.replace(/"\\u0000([^"]*)\\u0000"/g, "$1");
  return text === undefined ? String(v) : text.length > 80 ? text.slice(0, 77) + "…" : text;
}

/** NaN → "NaN (.nan)", ±Infinity → ".inf" / "-.inf": how YAML writes them, so the user finds them in the file. */
function nonFinite(x: number): string {
  return Number.isNaN(x) ? "NaN (.nan)" : x > 0 ? "infinity (.inf)" : "-infinity (-.inf)";
}

