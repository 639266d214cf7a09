// The compare view: the chosen runs side by side — every config key on which they differ — and their curves overlaid.
import { formatValue } from "./stats.js";

/** Keys of `rows` (flat records) whose values are not all equal, among `keys`. */
export function differingKeys(rows, keys) {
  return keys.filter((k) => new Set(rows.map((r) => JSON.stringify(r[k] ?? null))).size > 1);
}

export function renderConfigDiff(box, rows, configKeys, metricKeys) {
  box.replaceChildren();
  if (rows.length < 2) { box.textContent = "tick two or more runs in the table to compare them"; return; }
  const diff = differingKeys(rows, configKeys);
  const table = document.createElement("table");
  table.className = "compare";
  const head = document.createElement("tr");
  for (const t of ["", ...rows.map((r) => r.id)]) { const th = document.createElement("th"); th.textContent = t; head.append(th); }
  table.append(head);
  const addRow = (label, values, cls) => {
    const tr = document.createElement("tr");
    if (cls) tr.className = cls;
    const th = document.createElement("th"); th.textContent = label; tr.append(th);
    for (const v of values) { const td = document.createElement("td"); td.textContent = formatValue(v); tr.append(td); }
    table.append(tr);
  };
  if (diff.length === 0) addRow("config", rows.map(() => "identical"), "same");
  for (const k of diff) addRow(k, rows.map((r) => r[k] ?? null), "config");
  for (const m of metricKeys) addRow(m, rows.map((r) => r[m] ?? null), "metric");
  const caption = document.createElement("caption");
  caption.textContent = `${diff.length} config key${diff.length === 1 ? "" : "s"} differ among ${rows.length} runs; metrics below`;
  table.prepend(caption);
  box.append(table);
}
