import { formatInterval, formatNumber, type Layer, type LegendEntry, type Panel, renderFigure } from "../plot/index.js";
import { mainAlpha, type ConditionSummary } from "./summariseCondition.js";

const COLORS = { points: "#0072B2", fit: "#D55E00", theory: "#000000" };
const THEORY_DASH = "6 3";

/**
 * The power law I ∝ p^α per condition on log–log axes: one point per grid angle (training
 * density p(θ), replicate-mean I(θ); error bars ± 1 sd across replicates when the grid has at
 * most 60 points), the OLS fit (solid) and the theoretical slope for the condition's loss
 * (dashed, drawn through the centre of the points so that only the slopes differ).
 */
export function powerLawPlot(summaries: readonly ConditionSummary[]): string {
  const withCurves = summaries.filter((s) => s.curves !== null);
  if (withCurves.length === 0) throw new Error("powerLawPlot(): no condition has Fisher curves");
  const panels: Panel[] = withCurves.map((s) => {
    const c = s.curves!, p = s.density!;
    const layers: Layer[] = [];
    const bars = c.curves.length > 1 && c.theta.length <= 60;
    layers.push({
      kind: "points", x: p, y: c.mean, color: COLORS.points, radius: 2.2, opacity: 0.7,
      yLo: bars ? c.mean.map((m, i) => m - c.sd[i]) : undefined, yHi: bars ? c.mean.map((m, i) => m + c.sd[i]) : undefined,
    });
    const fit = s.pooledFit, main = mainAlpha(s);
    const notes: string[] = [];
    if (fit) {
      const used = p.map((v, i) => [v, c.mean[i]]).filter(([v, I]) => v > 0 && I > 0);
      const pMin = Math.min(...used.map((u) => u[0])), pMax = Math.max(...used.map((u) => u[0]));
      const xs = [pMin, pMax];
      layers.push({ kind: "line", x: xs, y: xs.map((v) => Math.exp(fit.logC) * v ** fit.alpha), color: COLORS.fit, width: 2 });
      if (s.theory.alpha !== null) {
        const mx = used.reduce((a, u) => a + Math.log(u[0]), 0) / used.length;
        const my = used.reduce((a, u) => a + Math.log(u[1]), 0) / used.length;
        const a = s.theory.alpha;
        layers.push({ kind: "line", x: xs, y: xs.map((v) => Math.exp(my + a * (Math.log(v) - mx))), color: COLORS.theory, width: 1.5, dash: THEORY_DASH });
      }
      notes.push(`fit α = ${formatInterval(main!.alpha, main!.ci)}${main!.kind === "replicates" ? ` (R = ${s.replicateFit!.replicates})` : " (OLS)"}`);
      notes.push(s.theory.alpha !== null ? `theory α = ${formatNumber(s.theory.alpha, 3)} (${s.condition.loss})` : "theory: no prediction");
    } else {
      // the points then form one vertical line in the middle: short lines keep the text left of it
      notes.push("α undefined:", "p(θ) is flat", s.theory.alpha !== null ? `theory α = ${formatNumber(s.theory.alpha, 3)}` : "no theory");
    }
    // with α > 0 the points run from bottom-left to top-right, so the bottom-right corner is free
    notes.forEach((text, i) => layers.push(fit
      ? { kind: "text", fx: 0.97, fy: 0.05 + (notes.length - 1 - i) * 0.09, text, anchor: "end" }
      : { kind: "text", fx: 0.03, fy: 0.93 - i * 0.09, text }));
    return { title: s.condition.name, x: { label: "training density p(θ) (rad⁻¹)", log: true }, y: { label: "I(θ) (rad⁻²)", log: true }, layers };
  });
  const legend: LegendEntry[] = [
    { label: "grid angles (replicate-mean I)", color: COLORS.points, kind: "point" },
    { label: "least-squares fit, slope α", color: COLORS.fit, kind: "line", width: 2 },
    { label: "theoretical slope 2/(q+1)", color: COLORS.theory, kind: "line", dash: THEORY_DASH },
  ];
  return renderFigure({
    title: "Power law I ∝ p^α (log–log)",
    caption: "The slope of the points is the exponent α; compare the solid fitted line with the dashed theoretical slope for the loss — parallel lines mean the network allocates sensitivity as efficient-coding theory predicts.",
    panels, legend, shareX: false, shareY: false,
  });
}
