// Renders the runs table (one row per run) or the grouped table (mean ± sd and n per group).
import { compareCells } from "./columns.js";
import { formatValue, meanSd } from "./stats.js";

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function header(columns, state, onSort, extraFirst) {
  const tr = el("tr");
  if (extraFirst) tr.append(el("th", { class: "pick" }, extraFirst));
  for (const c of columns) {
    const arrow = state.sort === c ? (state.desc ? " ▼" : " ▲") : "";
    const th = el("th", { "data-col": c, title: `sort by ${c}` }, c + arrow);
    th.addEventListener("click", () => onSort(c));
    tr.append(th);
  }
  return el("thead").appendChild(tr).parentNode;
}

/** Sorted copy of `rows` by the state's sort column. */
export function sortRows(rows, state) {
  if (!state.sort) return rows;
  const sign = state.desc ? -1 : 1;
  return [...rows].sort((a, b) => sign * compareCells(a[state.sort], b[state.sort]));
}

/** The table of single runs; `selected` ids are ticked, ticking calls onToggle(id). */
export function renderRunsTable(table, rows, columns, state, { onSort, onToggle }) {
  const selected = new Set(state.selected);
  const body = el("tbody");
  for (const r of sortRows(rows, state)) {
    const tr = el("tr", { "data-id": r.id, class: `status-${r.status}` });
    const box = el("input", { type: "checkbox", "aria-label": `select ${r.id}` });
    box.checked = selected.has(r.id);
    box.addEventListener("change", () => onToggle([r.id], box.checked));
    const pick = el("td", { class: "pick" });
    pick.append(box);
    tr.append(pick);
    for (const c of columns) {
      const v = r[c];
      const td = el("td", typeof v === "number" ? { class: "num" } : {}, formatValue(v));
      if (c === "status" && r.error) td.title = r.error;
      tr.append(td);
    }
    body.append(tr);
  }
  table.replaceChildren(header(columns, state, onSort, "✓"), body);
}

/** Groups of rows by the values of `keys`, in first-seen order. */
export function groupRows(rows, keys) {
  const groups = new Map();
  for (const r of rows) {
    const label = keys.map((k) => formatValue(r[k] ?? null)).join(" · ");
    const g = groups.get(label) ?? { label, values: Object.fromEntries(keys.map((k) => [k, r[k] ?? null])), rows: [] };
    g.rows.push(r);
    groups.set(label, g);
  }
  return [...groups.values()];
}

/** The grouped table: group values, n, and mean ± sd of each metric over the group's runs. */
export function renderGroupTable(table, rows, keys, metrics, state, { onSort, onToggle }) {
  const groups = groupRows(rows, keys).map((g) => {
    const rec = { ...g.values, n: g.rows.length, _ids: g.rows.map((r) => r.id) };
    for (const m of metrics) rec[m] = meanSd(g.rows.map((r) => r[m]));
    return rec;
  });
  const sortKey = state.sort;
  if (sortKey) {
    const sign = state.desc ? -1 : 1;
    const val = (g) => (g[sortKey] && typeof g[sortKey] === "object" ? g[sortKey].mean : g[sortKey]);
    groups.sort((a, b) => sign * compareCells(val(a), val(b)));
  }
  const selected = new Set(state.selected);
  const body = el("tbody");
  for (const g of groups) {
    const tr = el("tr", { "data-group": keys.map((k) => formatValue(g[k])).join(" · ") });
    const box = el("input", { type: "checkbox", "aria-label": "select group" });
    box.checked = g._ids.every((id) => selected.has(id));
    box.addEventListener("change", () => onToggle(g._ids, box.checked));
    const pick = el("td", { class: "pick" });
    pick.append(box);
    tr.append(pick);
    for (const k of keys) tr.append(el("td", {}, formatValue(g[k])));
    tr.append(el("td", { class: "num" }, String(g.n)));
    for (const m of metrics) {
      const s = g[m];
      tr.append(el("td", { class: "num", title: `n = ${s.n}` }, s.n === 0 ? "" : s.n > 1 ? `${formatValue(s.mean)} ± ${formatValue(s.sd)}` : formatValue(s.mean)));
    }
    body.append(tr);
  }
  table.replaceChildren(header([...keys, "n", ...metrics], state, onSort, "✓"), body);
  return groups;
}
