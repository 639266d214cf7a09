import { angleAxis, type Layer, type LegendEntry, type Panel, renderFigure } from "../plot/index.js";
import type { AngleUnit } from "./reportData.js";
import type { ConditionSummary } from "./summariseCondition.js";

/** Colours with fixed roles in I(θ) plots, so that every panel reads the same way. */
export const FISHER_COLORS = {
  mean: "#0072B2", // Okabe–Ito blue
  spread: "#56B4E9", // sky blue: replicate (network-to-network) spread
  noise: "#E69F00", // orange: estimator (measurement) noise
  replicate: "#9a9a9a",
  training: "#000000",
};

/** z for a two-sided 95% normal interval. */
const Z95 = 1.959964;

/**
 * I(θ) per condition: thin grey lines are single replicates, the blue line their mean, the light
 * blue band mean ± 1 sd across replicates (network-to-network variation), the orange band the
 * mean ± 1.96 × the estimator's standard error of the mean (measurement noise). If orange is much
 * narrower than blue, replicates differ for real; if they match, the spread is noise.
 */
export function fisherCurvesPlot(summaries: readonly ConditionSummary[], options: { angleUnit?: AngleUnit } = {}): string {
  const withCurves = summaries.filter((s) => s.curves !== null);
  if (withCurves.length === 0) throw new Error("fisherCurvesPlot(): no condition has Fisher curves");
  const unit = options.angleUnit ?? "deg";
  const panels: Panel[] = withCurves.map((s) => {
    const c = s.curves!;
    const ang = angleAxis(unit, s.condition.domain);
    const x = ang.convert(c.theta);
    const layers: Layer[] = [];
    if (c.curves.length > 1) {
      layers.push({ kind: "band", x, lo: c.mean.map((m, i) => m - c.sd[i]), hi: c.mean.map((m, i) => m + c.sd[i]), color: FISHER_COLORS.spread, opacity: 0.3 });
    }
    if (c.measurementSe.every(Number.isFinite)) {
      layers.push({ kind: "band", x, lo: c.mean.map((m, i) => m - Z95 * c.measurementSe[i]), hi: c.mean.map((m, i) => m + Z95 * c.measurementSe[i]), color: FISHER_COLORS.noise, opacity: 0.45 });
    }
    for (const y of c.curves) layers.push({ kind: "line", x, y, color: FISHER_COLORS.replicate, width: 0.8, opacity: 0.8 });
    layers.push({ kind: "line", x, y: c.mean, color: FISHER_COLORS.mean, width: 2 });
    return { title: `${s.condition.name} (R = ${c.curves.length})`, x: ang.axis, y: { label: "I(θ) (rad⁻²)", includeZero: true }, layers };
  });
  const anySpread = withCurves.some((s) => s.curves!.curves.length > 1);
  const anyNoise = withCurves.some((s) => s.curves!.measurementSe.every(Number.isFinite));
  const legend: LegendEntry[] = [
    { label: "replicate mean", color: FISHER_COLORS.mean, kind: "line", width: 2 },
    { label: "single replicates", color: FISHER_COLORS.replicate, kind: "line", width: 1 },
    ...(anySpread ? [{ label: "± 1 sd across replicates (networks differ)", color: FISHER_COLORS.spread, kind: "band" as const }] : []),
    ...(anyNoise ? [{ label: "95% CI of the estimator (measurement noise)", color: FISHER_COLORS.noise, kind: "band" as const }] : []),
  ];
  return renderFigure({
    title: "Fisher information I(θ) per condition",
    caption: "Where is the network most sensitive to θ? Compare the peaks of the blue mean across conditions; where the orange band (measurement noise) is narrower than the light-blue band, the differences between replicates are real network-to-network variation.",
    panels, legend, shareX: false,
  });
}
