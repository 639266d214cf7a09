// Parallel coordinates of config → results (ECharts). Brushing an axis (drag along it) keeps the
// runs inside the brushed intervals; the table follows (the brush is part of the URL state).
import * as echarts from "/vendor/echarts.js";

/** The axes: each differing config column, then the main metric columns that have values. */
export function parallelDimensions(rows, differing, metrics) {
  const wanted = ["val_loss.min", "best_epoch", "test_mae_deg", "val_mae_deg.min"];
  const dims = [...differing, ...wanted.filter((m) => metrics.includes(m))];
  return dims.map((name) => {
    const values = rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined && v !== "");
    const numeric = values.length > 0 && values.every((v) => typeof v === "number");
    const categories = numeric ? null : [...new Set(values.map(String))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    return { name, numeric, categories };
  });
}

/** Does a row fall inside every brushed axis? `brush` maps column → intervals (category axes: index intervals). */
export function insideBrush(row, brush, dims) {
  for (const [name, intervals] of Object.entries(brush)) {
    if (!intervals || intervals.length === 0) continue;
    const dim = dims.find((d) => d.name === name);
    if (!dim) continue;
    const v = row[name];
    const x = dim.numeric ? v : dim.categories.indexOf(String(v));
    if (x === null || x === undefined || x === -1 || !intervals.some(([a, b]) => x >= Math.min(a, b) && x <= Math.max(a, b))) return false;
  }
  return true;
}

/** Draw the chart for `rows`; `onBrush(brush)` is called with the new brush after every drag. */
export function drawParallel(box, rows, dims, brush, onBrush, { height = 380 } = {}) {
  box.replaceChildren();
  if (dims.length < 2) { box.textContent = "parallel coordinates need at least two columns that differ between runs"; return null; }
  const div = document.createElement("div");
  div.className = "echart";
  div.id = "parallel-chart";
  div.style.height = `${height}px`;
  box.append(div);
  const chart = echarts.init(div, null, { renderer: "canvas" });
  const data = rows.map((r) => dims.map((d) => (d.numeric ? r[d.name] ?? null : String(r[d.name] ?? "—"))));
  chart.setOption({
    animation: false,
    title: { text: "Config → results: drag along an axis to keep only the runs inside (drag again elsewhere to clear)", textStyle: { fontSize: 13 } },
    parallel: { left: 70, right: 90, top: 60, bottom: 40 },
    parallelAxis: dims.map((d, i) => ({
      id: `a${i}`, dim: i, name: d.name, nameTextStyle: { fontSize: 11 }, nameRotate: 12,
      ...(d.numeric ? { type: "value", scale: true } : { type: "category", data: d.categories }),
      areaSelectStyle: { width: 24 },
    })),
    series: [{ type: "parallel", data, lineStyle: { width: 1, opacity: 0.45, color: "#0072B2" }, inactiveOpacity: 0.04, activeOpacity: 0.8 }],
  });
  dims.forEach((d, i) => {
    if (brush[d.name]?.length) chart.dispatchAction({ type: "axisAreaSelect", parallelAxisId: `a${i}`, intervals: brush[d.name] });
  });
  chart.on("axisareaselected", () => {
    // the event's own payload is not the settled state during a drag: read every axis's active intervals
    const next = {};
    dims.forEach((d, i) => {
      const intervals = chart.getModel().getComponent("parallelAxis", i)?.activeIntervals ?? [];
      if (intervals.length) next[d.name] = intervals.map(([a, b]) => [a, b]);
    });
    onBrush(next);
  });
  return chart;
}
