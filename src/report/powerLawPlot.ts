import { extent, formatNumber, renderFigure, type Layer, type LegendEntry, type Panel } from "../plot/index.js";
import { FIT_WINDOWS, windowIndices } from "./fitWindows.js";
import type { ConditionSummary } from "./summariseCondition.js";

const POINTS = "#0072B2", MEAN_TERM = "#999999", THEORY = "#000000", WINDOW_EDGE = "#777777";
/** One colour per fit window, in FIT_WINDOWS order (Okabe–Ito, as src/plot's palette). */
const WINDOW_COLORS = ["#D55E00", "#E69F00", "#009E73", "#CC79A7"];
const THEORY_DASH = "6 3", EDGE_DASH = "2 3";

const logMean = (v: number[]) => v.reduce((a, b) => a + Math.log(b), 0) / v.length;

/**
 * log I against log p per condition, with the fit windows marked: one point per grid angle
 * (training density p(θ), replicate-mean I(θ); grey: the mean term where recorded), dotted
 * vertical lines where p crosses 1%, 10% and 30% of its maximum, and for each window a segment
 * over its range with the replicate-mean slope α of that window (drawn through the window's
 * centroid, so it shows the slope, not an intercept). The dashed black line has theory's slope
 * under a budget on ∫√I, through the centroid of all points.
 */
export function powerLawPlot(summaries: readonly ConditionSummary[]): string {
  const withCurves = summaries.filter((s) => s.curves !== null);
  if (withCurves.length === 0) throw new Error("powerLawPlot(): no condition has Fisher curves");
  let anyMeanTerm = false;
  const panels: Panel[] = withCurves.map((s) => {
    const c = s.curves!, p = s.density!, windows = s.windows!;
    const meanTermMean = c.meanTerms ? c.theta.map((_, i) => c.meanTerms!.reduce((a, m) => a + m[i], 0) / c.meanTerms!.length) : null;
    anyMeanTerm ||= meanTermMean !== null;
    const xDomain = extent(p, { log: true, pad: 0.06 });
    const yDomain = extent([...c.mean, ...(meanTermMean ?? [])], { log: true, pad: 0.06 });
    const layers: Layer[] = [];
    const fx = (v: number) => (Math.log(v) - Math.log(xDomain[0])) / (Math.log(xDomain[1]) - Math.log(xDomain[0]));
    const fitted = windows.some((w) => w.fit.replicates > 0);
    windows.forEach((w, k) => {
      if (!fitted || w.window.minFraction === 0 || !(w.threshold > xDomain[0])) return;
      layers.push({ kind: "line", x: [w.threshold, w.threshold], y: yDomain, color: WINDOW_EDGE, width: 1, dash: EDGE_DASH });
      // labels step down one line per window: the 10% and 30% edges are often close together
      layers.push({ kind: "text", fx: Math.min(0.98, fx(w.threshold) + 0.01), fy: 0.93 - 0.08 * (k - 1), text: `${Math.round(w.window.minFraction * 100)}%`, color: WINDOW_COLORS[k] });
    });
    if (meanTermMean) layers.push({ kind: "points", x: p, y: meanTermMean, color: MEAN_TERM, radius: 1.6, opacity: 0.7 });
    layers.push({ kind: "points", x: p, y: c.mean, color: POINTS, radius: 2.2, opacity: 0.7 });
    const notes: { text: string; color?: string }[] = [];
    windows.forEach((w, k) => {
      if (w.fit.replicates === 0) return;
      const idx = windowIndices(p, w.window).filter((i) => c.mean[i] > 0);
      if (idx.length < 2) return;
      const xs = idx.map((i) => p[i]), ys = idx.map((i) => c.mean[i]);
      const mx = logMean(xs), my = logMean(ys), a = w.fit.alpha;
      const ends = [Math.min(...xs), Math.max(...xs)];
      layers.push({ kind: "line", x: ends, y: ends.map((v) => Math.exp(my + a * (Math.log(v) - mx))), color: WINDOW_COLORS[k], width: 2 });
      notes.push({ text: `${w.window.key === "all" ? "all" : w.window.key}: α = ${formatNumber(a, 2)}`, color: WINDOW_COLORS[k] });
    });
    if (notes.length > 0) {
      const used = p.map((v, i) => [v, c.mean[i]]).filter(([v, I]) => v > 0 && I > 0);
      if (s.theory.alpha !== null && used.length > 1) {
        const mx = logMean(used.map((u) => u[0])), my = logMean(used.map((u) => u[1])), a = s.theory.alpha;
        layers.push({ kind: "line", x: xDomain, y: xDomain.map((v) => Math.exp(my + a * (Math.log(v) - mx))), color: THEORY, width: 1.5, dash: THEORY_DASH });
      }
      notes.push({ text: s.theory.alpha !== null ? `theory (∫√I): ${formatNumber(s.theory.alpha, 3)}` : "theory: none" });
    } else {
      notes.push({ text: "α undefined:" }, { text: "p(θ) is flat" });
    }
    // with α > 0 the points run from bottom-left to top-right, so the bottom-right corner is free
    notes.forEach((n, i) => layers.push(notes.length > 2
      ? { kind: "text", fx: 0.97, fy: 0.05 + (notes.length - 1 - i) * 0.08, text: n.text, anchor: "end", color: n.color }
      : { kind: "text", fx: 0.03, fy: 0.93 - i * 0.09, text: n.text, color: n.color }));
    return { title: s.condition.name, x: { label: "training density p(θ) (rad⁻¹)", log: true, domain: xDomain }, y: { label: "I(θ) (rad⁻²)", log: true, domain: yDomain }, layers };
  });
  const legend: LegendEntry[] = [
    { label: "grid angles (replicate-mean I)", color: POINTS, kind: "point" },
    ...(anyMeanTerm ? [{ label: "mean term μ′ᵀΣ⁻¹μ′", color: MEAN_TERM, kind: "point" as const }] : []),
    ...FIT_WINDOWS.map((w, k) => ({ label: `slope α, ${w.label}`, color: WINDOW_COLORS[k], kind: "line" as const, width: 2 })),
    { label: "window edge", color: WINDOW_EDGE, kind: "line", dash: EDGE_DASH },
    { label: "theory 2/(q+1) (∫√I budget)", color: THEORY, kind: "line", dash: THEORY_DASH },
  ];
  return renderFigure({
    title: "Power law I ∝ p^α by fit window (log–log)",
    caption: "Each coloured segment is the replicate-mean slope α fitted over one window (p above 1%, 10%, 30% of its maximum, or all angles); " +
      "a straight cloud with one slope is a power law, a cloud that bends (flat near the mode, a floor in the tail) is not, and α then depends on the window.",
    panels, legend, shareX: false, shareY: false,
  });
}
