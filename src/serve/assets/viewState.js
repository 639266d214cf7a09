// The page's view state lives in the URL's query, so a link reproduces the view (filter, grouping,
// sort, selection, tab and plot options). Only non-default values are written.

export const DEFAULT_STATE = {
  filter: "", group: [], sort: "", desc: false, allColumns: false, selected: [], tab: "curves",
  metric: "val_loss", logY: true, smoothing: 0, measure: "", polar: false, pLow: "", pHigh: "", brush: {},
};

const KEYS = {
  filter: "f", group: "g", sort: "s", desc: "desc", allColumns: "all", selected: "sel", tab: "tab",
  metric: "metric", logY: "logy", smoothing: "smooth", measure: "measure", polar: "polar", pLow: "plow", pHigh: "phigh", brush: "brush",
};

/** The state in a query string (missing keys take their defaults). */
export function readState(search) {
  const q = new URLSearchParams(search);
  const s = structuredClone(DEFAULT_STATE);
  const get = (k) => q.get(KEYS[k]);
  if (get("filter") !== null) s.filter = get("filter");
  if (get("group")) s.group = get("group").split(",").filter(Boolean);
  if (get("sort") !== null) s.sort = get("sort");
  s.desc = get("desc") === "1";
  s.allColumns = get("allColumns") === "1";
  if (get("selected")) s.selected = get("selected").split(",").filter(Boolean);
  if (get("tab")) s.tab = get("tab");
  if (get("metric")) s.metric = get("metric");
  if (get("logY") !== null) s.logY = get("logY") === "1";
  if (get("smoothing") !== null && Number.isFinite(Number(get("smoothing")))) s.smoothing = Number(get("smoothing"));
  if (get("measure")) s.measure = get("measure");
  s.polar = get("polar") === "1";
  if (get("pLow") !== null) s.pLow = get("pLow");
  if (get("pHigh") !== null) s.pHigh = get("pHigh");
  if (get("brush")) { try { s.brush = JSON.parse(get("brush")); } catch { s.brush = {}; } }
  return s;
}

/** The query string of a state (without the leading "?"). */
export function writeState(s) {
  const q = new URLSearchParams();
  const put = (k, v) => q.set(KEYS[k], v);
  if (s.filter) put("filter", s.filter);
  if (s.group.length) put("group", s.group.join(","));
  if (s.sort) put("sort", s.sort);
  if (s.desc) put("desc", "1");
  if (s.allColumns) put("allColumns", "1");
  if (s.selected.length) put("selected", s.selected.join(","));
  if (s.tab !== DEFAULT_STATE.tab) put("tab", s.tab);
  if (s.metric !== DEFAULT_STATE.metric) put("metric", s.metric);
  if (s.logY !== DEFAULT_STATE.logY) put("logY", s.logY ? "1" : "0");
  if (s.smoothing) put("smoothing", String(s.smoothing));
  if (s.measure) put("measure", s.measure);
  if (s.polar) put("polar", "1");
  if (s.pLow !== "") put("pLow", s.pLow);
  if (s.pHigh !== "") put("pHigh", s.pHigh);
  if (Object.keys(s.brush).length) put("brush", JSON.stringify(s.brush));
  return q.toString();
}
