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

const FIRST_ROWS = 150; // rows built before the first paint; the rest follow in chunks (fast first paint at 1,000 runs)
const CHUNK = 300;
let generation = 0;
// yield to the browser between chunks with a message, not setTimeout: timers in background tabs are throttled to 1 Hz
const channel = new MessageChannel();
const queued = [];
channel.port1.onmessage = () => queued.shift()?.();
const nextTask = (fn) => { queued.push(fn); channel.port2.postMessage(0); };

function runRow(r, columns, selected, onToggle) {
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
  return tr;
}

/**
 * The table of single runs; `selected` ids are ticked, ticking calls onToggle(id). The first rows
 * are built at once, the others in later tasks; returns a promise that resolves when all are in.
 */
export function renderRunsTable(table, rows, columns, state, { onSort, onToggle }) {
  const selected = new Set(state.selected);
  const body = el("tbody");
  const sorted = sortRows(rows, state);
  const mine = ++generation;
  for (const r of sorted.slice(0, FIRST_ROWS)) body.append(runRow(r, columns, selected, onToggle));
  table.replaceChildren(header(columns, state, onSort, "✓"), body);
  return new Promise((resolve) => {
    let next = FIRST_ROWS;
    const more = () => {
      if (mine !== generation) return resolve(false); // a newer render replaced this table
      if (next >= sorted.length) return resolve(true);
      const frag = document.createDocumentFragment();
      for (const r of sorted.slice(next, next + CHUNK)) frag.append(runRow(r, columns, selected, onToggle));
      body.append(frag);
      next += CHUNK;
      nextTask(more);
    };
    more();
  });
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
  generation++; // stops any unfinished runs table
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
