// Learning curves of chosen runs, overlaid (uPlot): epoch axis, log or linear y, optional smoothing.
import uPlot from "/vendor/uplot.js";
import { colorOf } from "./palette.js";
import { smooth } from "./stats.js";

/**
 * Draw `metric` of each run in `curves` ({ id: { epoch: [...], <metric>: [...] } }) into `box`.
 * Returns the uPlot instance and the aligned data (for export), or null when nothing to draw.
 */
export function drawCurves(box, curves, ids, { metric, logY, smoothing, height = 320 }) {
  box.replaceChildren();
  const present = ids.filter((id) => curves[id] && curves[id][metric]);
  if (present.length === 0) { box.textContent = `no ${metric} values for the chosen runs yet`; return null; }
  let maxEpoch = 0;
  for (const id of present) maxEpoch = Math.max(maxEpoch, ...curves[id].epoch);
  const xs = Array.from({ length: maxEpoch }, (_, i) => i + 1);
  let positive = true;
  const ys = present.map((id) => {
    const arr = new Array(maxEpoch).fill(null);
    curves[id].epoch.forEach((e, i) => { const v = curves[id][metric][i]; if (e >= 1 && e <= maxEpoch && Number.isFinite(v)) arr[e - 1] = v; });
    const s = smooth(arr, smoothing);
    if (s.some((v) => v !== null && v <= 0)) positive = false;
    return s;
  });
  const log = logY && positive;
  const note = logY && !positive ? " (linear: some values ≤ 0)" : "";
  const opts = {
    width: Math.max(320, box.clientWidth || 800), height,
    title: `${metric} per epoch${smoothing > 0 ? `, smoothed (EMA ${smoothing})` : ""}${note}`,
    scales: { x: { time: false }, y: { distr: log ? 3 : 1 } },
    axes: [{ label: "epoch" }, { label: metric, size: 70 }],
    series: [{ label: "epoch" }, ...present.map((id, i) => ({ label: id, stroke: colorOf(i), width: 1.5, spanGaps: true, points: { show: false } }))],
    legend: { show: present.length <= 10, live: true },
  };
  const plot = new uPlot(opts, [xs, ...ys], box);
  return { plot, xs, series: present.map((id, i) => ({ name: id, y: ys[i], color: colorOf(i) })), title: opts.title, xLabel: "epoch", yLabel: metric, logY: log };
}
