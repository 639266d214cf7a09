// The dashboard page: loads the runs, keeps the view state in the URL, renders the table and the
// active tab, and follows live updates (server-sent events). docs/dashboard.md describes the page.
import { DEFAULT_STATE, readState, writeState } from "./viewState.js";
import { compileFilter } from "./filter.js";
import { flatRow, tableColumns, FIXED_COLUMNS } from "./columns.js";
import { renderRunsTable, renderGroupTable, sortRows } from "./table.js";
import { drawCurves } from "./curvesPlot.js";
import { drawFisherLinear, drawFisherPolar, polarOption } from "./fisherPlot.js";
import { drawDensityPanels, equivalentOption, powerLawOption } from "./densityPlot.js";
import { drawParallel, insideBrush, parallelDimensions } from "./parallel.js";
import { renderConfigDiff } from "./compare.js";
import { downloadCsv, downloadPng, downloadSvg, lineOption } from "./exportData.js";

const $ = (id) => document.getElementById(id);
const state = readState(location.search);
const page = { info: null, rows: [], flat: [], columns: null, shown: [], groups: null, curves: {}, curvesVersion: {}, plot: null, version: 0, renders: 0 };
const MAX_CURVES = 30; // without a selection, the first 30 runs of the table are plotted (legend stays readable)

async function getJSON(url) {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

function setState(patch, { redraw = true } = {}) {
  Object.assign(state, patch);
  const q = writeState(state);
  history.replaceState(null, "", q ? `?${q}` : location.pathname);
  if (redraw) render();
}

async function refreshRuns(changed = []) {
  const { version, rows } = await getJSON("/api/runs");
  page.version = version;
  page.rows = rows;
  page.flat = rows.map(flatRow);
  page.columns = tableColumns(rows);
  for (const id of changed) delete page.curves[id];
}

function visibleColumns() {
  const c = page.columns;
  return [...FIXED_COLUMNS, ...(state.allColumns ? c.config : c.differing), ...c.metrics];
}

/** Rows after the filter box (before the brush): what the parallel-coordinates chart shows. */
function filteredRows() {
  const box = $("filter");
  try {
    const keep = compileFilter(state.filter, page.columns.all);
    box.classList.remove("bad");
    $("filter-error").textContent = "";
    return page.flat.filter(keep);
  } catch (err) {
    box.classList.add("bad");
    $("filter-error").textContent = `filter: ${err.message}`;
    return page.flat;
  }
}

function chosenIds() {
  if (state.selected.length) return state.selected.filter((id) => page.flat.some((r) => r.id === id));
  return page.shown.slice(0, MAX_CURVES).map((r) => r.id);
}

function renderHeader() {
  const counts = {};
  for (const r of page.rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  $("title").textContent = `fisherlab · ${page.info.name}`;
  $("subtitle").textContent = `${page.info.kind} directory ${page.info.dir}`;
  $("counts").textContent = Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(" · ");
}

function render() {
  page.renders++;
  const filtered = renderTable();
  for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.tab === state.tab);
  void renderTab(filtered);
}

/** Header, counts and the table; returns the filtered rows (before the brush). */
function renderTable() {
  renderHeader();
  const filtered = filteredRows();
  page.dims = parallelDimensions(filtered, page.columns.differing, page.columns.metrics);
  const shown = filtered.filter((r) => insideBrush(r, state.brush, page.dims));
  page.shown = sortRows(shown, state);
  const brushed = Object.keys(state.brush).length > 0;
  $("shown").textContent = `${shown.length} of ${page.rows.length} runs${brushed ? " (brushed on the parallel axes)" : ""}${state.selected.length ? ` · ${state.selected.length} ticked` : ""}`;
  $("clear-brush").hidden = !brushed;
  const handlers = {
    onSort: (c) => setState(state.sort === c ? { desc: !state.desc } : { sort: c, desc: false }),
    onToggle: (ids, on) => {
      const sel = new Set(state.selected);
      for (const id of ids) { if (on) sel.add(id); else sel.delete(id); }
      setState({ selected: [...sel] });
    },
  };
  const numericMetrics = page.columns.metrics;
  if (state.group.length) {
    page.groups = renderGroupTable($("runs"), shown, state.group, numericMetrics, state, handlers);
  } else {
    page.groups = null;
    renderRunsTable($("runs"), shown, visibleColumns(), state, handlers);
  }
  return filtered;
}

async function ensureCurves(ids) {
  const missing = ids.filter((id) => !page.curves[id]);
  if (missing.length) Object.assign(page.curves, await getJSON(`/api/metrics?ids=${missing.map(encodeURIComponent).join(",")}`));
}

async function renderTab(filtered) {
  const box = $("plot");
  const tab = state.tab;
  for (const el of document.querySelectorAll(".tab-controls")) el.hidden = el.dataset.for !== tab && !(el.dataset.for === "curves" && tab === "compare");
  page.plot = null;
  try {
    if (tab === "curves" || tab === "compare") {
      const ids = chosenIds();
      await ensureCurves(ids);
      if (tab === "compare") {
        const rows = page.flat.filter((r) => state.selected.includes(r.id));
        renderConfigDiff($("compare"), rows, page.columns.config, page.columns.metrics);
      } else $("compare").replaceChildren();
      const metricBox = $("metric");
      const metrics = [...new Set(ids.flatMap((id) => Object.keys(page.curves[id] ?? {})))].filter((m) => m !== "epoch" && m !== "seconds");
      metricBox.replaceChildren(...metrics.map((m) => { const o = document.createElement("option"); o.value = o.textContent = m; return o; }));
      metricBox.value = metrics.includes(state.metric) ? state.metric : metrics[0] ?? "";
      page.plot = drawCurves(box, page.curves, ids, { metric: metricBox.value, logY: state.logY, smoothing: state.smoothing });
      if (page.plot) page.plot.exportOption = lineOption(page.plot);
    } else if (tab === "fisher" || tab === "density") {
      $("compare").replaceChildren();
      const ids = state.selected.length ? chosenIds() : page.shown.map((r) => r.id);
      const measures = [...new Set(page.rows.filter((r) => ids.includes(r.id)).flatMap((r) => r.fisher))].sort();
      const mbox = $("measure");
      mbox.replaceChildren(...measures.map((m) => { const o = document.createElement("option"); o.value = o.textContent = m; return o; }));
      if (measures.length === 0) { box.textContent = "no Fisher measurements among these runs yet"; return; }
      mbox.value = measures.includes(state.measure) ? state.measure : measures[0];
      const q = new URLSearchParams({ ids: ids.join(","), group: state.group.join(","), measure: mbox.value, plow: state.pLow, phigh: state.pHigh });
      const groups = await getJSON(`/api/fisher?${q}`);
      if (groups.length === 0) { box.textContent = "no Fisher curves for this measurement"; return; }
      if (tab === "fisher") {
        page.plot = state.polar ? drawFisherPolar(box, groups) : drawFisherLinear(box, groups);
        page.plot.exportOption = state.polar ? polarOption(groups) : lineOption(page.plot);
      } else {
        page.plot = drawDensityPanels(box, groups);
        page.plot.exportOption = powerLawOption(groups).option;
        page.plot.exportOptions = [equivalentOption(groups), powerLawOption(groups).option];
      }
      page.fisherGroups = groups;
    } else if (tab === "parallel") {
      $("compare").replaceChildren();
      page.plot = { chart: drawParallel(box, filtered, page.dims, state.brush, (brush) => { setState({ brush }, { redraw: false }); renderTable(); }) };
    }
  } catch (err) {
    box.textContent = `could not draw: ${err.message}`;
  }
  document.body.dataset.renders = String(page.renders);
}

function exportCsv() {
  if (page.groups) {
    const cols = [...state.group, "n", ...page.columns.metrics];
    downloadCsv("fisherlab-groups.csv", cols, page.groups);
  } else downloadCsv("fisherlab-runs.csv", visibleColumns(), page.shown);
}

function connectEvents() {
  const es = new EventSource("/api/events");
  es.addEventListener("runs", async (e) => {
    const { changed } = JSON.parse(e.data);
    await refreshRuns(changed);
    $("live").textContent = `live · updated ${new Date().toLocaleTimeString()}`;
    render();
  });
  es.addEventListener("hello", () => { $("live").textContent = "live"; });
  es.onerror = () => { $("live").textContent = "reconnecting…"; };
}

function bindControls() {
  const filter = $("filter");
  filter.value = state.filter;
  let timer = null;
  filter.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => setState({ filter: filter.value.trim() }), 150); });
  const group = $("group");
  group.value = state.group.join(", ");
  group.addEventListener("change", () => setState({ group: group.value.split(",").map((s) => s.trim()).filter(Boolean).map(resolveGroupKey) }));
  $("all-columns").checked = state.allColumns;
  $("all-columns").addEventListener("change", (e) => setState({ allColumns: e.target.checked }));
  $("clear-selection").addEventListener("click", () => setState({ selected: [] }));
  $("clear-brush").addEventListener("click", () => setState({ brush: {} }));
  $("export-csv").addEventListener("click", exportCsv);
  $("export-png").addEventListener("click", () => downloadPng(`fisherlab-${state.tab}.png`, $("plot")));
  $("export-svg").addEventListener("click", () => page.plot?.exportOption && downloadSvg(`fisherlab-${state.tab}.svg`, page.plot.exportOption));
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => setState({ tab: b.dataset.tab }));
  $("metric").addEventListener("change", (e) => setState({ metric: e.target.value }));
  $("logy").checked = state.logY;
  $("logy").addEventListener("change", (e) => setState({ logY: e.target.checked }));
  $("smoothing").value = String(state.smoothing);
  $("smoothing").addEventListener("change", (e) => setState({ smoothing: Number(e.target.value) }));
  $("measure").addEventListener("change", (e) => setState({ measure: e.target.value }));
  $("polar").checked = state.polar;
  $("polar").addEventListener("change", (e) => setState({ polar: e.target.checked }));
  $("plow").value = state.pLow;
  $("phigh").value = state.pHigh;
  $("plow").addEventListener("change", (e) => setState({ pLow: e.target.value.trim() }));
  $("phigh").addEventListener("change", (e) => setState({ pHigh: e.target.value.trim() }));
  $("reset").addEventListener("click", () => { history.replaceState(null, "", location.pathname); Object.assign(state, structuredClone(DEFAULT_STATE)); bindValues(); render(); });
}

function bindValues() {
  $("filter").value = state.filter;
  $("group").value = state.group.join(", ");
  $("all-columns").checked = state.allColumns;
}

/** Group keys may be written like filter names (`kappa` for `data.distribution.kappa`). */
function resolveGroupKey(name) {
  const all = page.columns.all;
  if (all.includes(name)) return name;
  const m = all.filter((c) => c.endsWith("." + name));
  return m.length === 1 ? m[0] : name;
}

async function main() {
  const t0 = performance.now();
  page.info = await getJSON("/api/info");
  await refreshRuns();
  bindControls();
  render();
  connectEvents();
  // first paint of the table: the number docs/dashboard.md reports at 1,000 runs
  requestAnimationFrame(() => { document.body.dataset.firstPaintMs = String(Math.round(performance.now() - t0)); document.body.dataset.ready = "1"; });
}

window.__fisherlab = { state, page };
main().catch((err) => { $("plot").textContent = `fisherlab serve: ${err.message}`; document.body.dataset.ready = "error"; });
