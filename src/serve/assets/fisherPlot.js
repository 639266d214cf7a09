// I(θ) per run or group: replicate mean with a replicate band (± 1 sd) and an estimator band
// (± 1 standard error of the mean), on the training density p(θ) (right axis); linear or polar.
import uPlot from "/vendor/uplot.js";
import * as echarts from "/vendor/echarts.js";
import { colorOf, fade } from "./palette.js";

const DEG = 180 / Math.PI;

/** One x axis for curves on possibly different grids: the sorted union, each curve null elsewhere. */
export function alignCurves(curves) {
  const xs = [...new Set(curves.flatMap((c) => c.x.map((v) => +v.toFixed(9))))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const ys = curves.map((c) => {
    const y = new Array(xs.length).fill(null);
    c.x.forEach((x, i) => { const v = c.y[i]; if (Number.isFinite(v)) y[at.get(+x.toFixed(9))] = v; });
    return y;
  });
  return { xs, ys };
}

/** The curves (name, x in degrees, y) that the I(θ) figure shows, in drawing order; also used for export. */
export function fisherSeries(groups) {
  const out = [];
  groups.forEach((g, gi) => {
    const x = g.theta.map((t) => t * DEG), c = colorOf(gi);
    out.push({ name: `${g.name} (n=${g.runs.length})`, x, y: g.mean, color: c, role: "mean" });
    out.push({ name: `${g.name} +sd`, x, y: g.mean.map((m, i) => m + g.sd[i]), color: c, role: "sd" });
    out.push({ name: `${g.name} −sd`, x, y: g.mean.map((m, i) => m - g.sd[i]), color: c, role: "sd" });
    out.push({ name: `${g.name} +se`, x, y: g.mean.map((m, i) => m + g.se[i]), color: c, role: "se" });
    out.push({ name: `${g.name} −se`, x, y: g.mean.map((m, i) => m - g.se[i]), color: c, role: "se" });
    out.push({ name: `p(θ) ${g.name}`, x, y: g.density, color: c, role: "density" });
  });
  return out;
}

export function drawFisherLinear(box, groups, { height = 360 } = {}) {
  box.replaceChildren();
  const series = fisherSeries(groups);
  const { xs, ys } = alignCurves(series);
  const bands = [];
  const specs = series.map((s) => {
    if (s.role === "mean") return { label: s.name, stroke: s.color, width: 2, spanGaps: true, points: { show: false } };
    if (s.role === "density") return { label: s.name, stroke: s.color, width: 1, dash: [6, 4], scale: "p", spanGaps: true, points: { show: false } };
    return { label: s.name, stroke: "transparent", width: 0, spanGaps: true, points: { show: false }, show: true };
  });
  // series index = position + 1 (index 0 is x); each group occupies 6 consecutive series
  groups.forEach((g, gi) => {
    const base = gi * 6 + 1;
    bands.push({ series: [base + 1, base + 2], fill: fade(colorOf(gi), 0.15) });
    bands.push({ series: [base + 3, base + 4], fill: fade(colorOf(gi), 0.35) });
  });
  const opts = {
    width: Math.max(320, box.clientWidth || 800), height,
    title: "I(θ): replicate mean, ±1 sd across replicates (light), ±1 estimator s.e. (dark); dashed: p(θ)",
    scales: { x: { time: false }, y: {}, p: {} },
    axes: [{ label: "θ (degrees)" }, { label: "I(θ) (rad⁻²)", size: 70 }, { scale: "p", side: 1, label: "p(θ) (rad⁻¹)", grid: { show: false }, size: 60 }],
    series: [{ label: "θ" }, ...specs], bands, legend: { show: groups.length <= 6 },
  };
  const plot = new uPlot(opts, [xs, ...ys], box);
  return { plot, title: opts.title, xLabel: "θ (degrees)", yLabel: "I(θ) (rad⁻²)", xs, series: series.map((s, i) => ({ ...s, y: ys[i] })) };
}

export function drawFisherPolar(box, groups, { height = 420 } = {}) {
  box.replaceChildren();
  const div = document.createElement("div");
  div.className = "echart";
  div.style.height = `${height}px`;
  box.append(div);
  const chart = echarts.init(div, null, { renderer: "canvas" });
  chart.setOption(polarOption(groups));
  return { chart, title: "I(θ) in polar form", option: polarOption(groups) };
}

/** ECharts option of the polar I(θ) figure: radius = I(θ), angle = θ; dashed = p(θ) scaled to the same peak. */
export function polarOption(groups) {
  const series = [];
  groups.forEach((g, gi) => {
    const c = colorOf(gi);
    const close = (arr) => [...arr, arr[0]];
    const ang = close(g.theta.map((t) => t * DEG));
    const peakI = Math.max(...g.mean.filter(Number.isFinite)), peakP = Math.max(...g.density.filter(Number.isFinite));
    const line = (name, ys, style) => ({ name, type: "line", coordinateSystem: "polar", showSymbol: false, data: close(ys).map((r, i) => [r, ang[i]]), lineStyle: { color: c, ...style }, itemStyle: { color: c } });
    series.push(line(g.name, g.mean, { width: 2 }));
    series.push(line(`${g.name} ±sd`, g.mean.map((m, i) => m + g.sd[i]), { width: 0.8, opacity: 0.5 }));
    series.push(line(`${g.name} ±sd`, g.mean.map((m, i) => Math.max(0, m - g.sd[i])), { width: 0.8, opacity: 0.5 }));
    series.push(line(`p(θ) ${g.name} (scaled)`, g.density.map((p) => (p * peakI) / peakP), { width: 1, type: "dashed" }));
  });
  return {
    animation: false,
    title: { text: "I(θ) (radius, rad⁻²) against θ; dashed: p(θ) scaled to the same peak", textStyle: { fontSize: 13 } },
    legend: { bottom: 0, type: "scroll" },
    polar: { radius: "70%" },
    angleAxis: { type: "value", min: 0, max: 360, startAngle: 90, clockwise: false, interval: 45, axisLabel: { formatter: "{value}°" } },
    radiusAxis: { type: "value", axisLabel: { fontSize: 10 } },
    tooltip: { trigger: "item" },
    series,
  };
}
