import { equivalentDensity, replicateMeanSd } from "../math/index.js";
import { angleAxis, type Layer, type LegendEntry, type Panel, renderFigure } from "../plot/index.js";
import { FISHER_COLORS } from "./fisherCurvesPlot.js";
import type { AngleUnit } from "./reportData.js";
import type { ConditionSummary } from "./summariseCondition.js";

const TRAIN_DASH = "6 3";

/**
 * Equivalent density √I (normalised to integrate to 1) against the training density, per
 * condition: per-replicate p_I in grey, their mean in blue with ± 1 sd band, training density
 * dashed black, the uniform density dotted. Both are densities in rad⁻¹, so they share the axis.
 */
export function equivalentDensityPlot(summaries: readonly ConditionSummary[], options: { angleUnit?: AngleUnit } = {}): string {
  const withCurves = summaries.filter((s) => s.curves !== null);
  if (withCurves.length === 0) throw new Error("equivalentDensityPlot(): no condition has Fisher curves");
  const unit = options.angleUnit ?? "deg";
  const panels: Panel[] = withCurves.map((s) => {
    const c = s.curves!;
    const ang = angleAxis(unit, s.condition.domain);
    const x = ang.convert(c.theta);
    const per = c.curves.map((y) => equivalentDensity(c.theta, y, s.period));
    const { mean, sd } = replicateMeanSd(per);
    const layers: Layer[] = [];
    if (per.length > 1) layers.push({ kind: "band", x, lo: mean.map((m, i) => m - sd[i]), hi: mean.map((m, i) => m + sd[i]), color: FISHER_COLORS.spread, opacity: 0.3 });
    for (const p of per) layers.push({ kind: "line", x, y: p, color: FISHER_COLORS.replicate, width: 0.8, opacity: 0.8 });
    layers.push({ kind: "line", x, y: x.map(() => 1 / s.period), color: "#777777", width: 1, dash: "1 3" });
    layers.push({ kind: "line", x, y: s.density!, color: FISHER_COLORS.training, width: 1.8, dash: TRAIN_DASH });
    layers.push({ kind: "line", x, y: mean, color: FISHER_COLORS.mean, width: 2 });
    return { title: s.condition.name, x: ang.axis, y: { label: "density (rad⁻¹)", includeZero: true }, layers };
  });
  const legend: LegendEntry[] = [
    { label: "equivalent density √I / ∫√I (mean)", color: FISHER_COLORS.mean, kind: "line", width: 2 },
    { label: "single replicates", color: FISHER_COLORS.replicate, kind: "line", width: 1 },
    { label: "± 1 sd across replicates", color: FISHER_COLORS.spread, kind: "band" },
    { label: "training density p(θ)", color: FISHER_COLORS.training, kind: "line", dash: TRAIN_DASH },
    { label: "uniform", color: "#777777", kind: "line", width: 1, dash: "1 3" },
  ];
  return renderFigure({
    title: "Equivalent density √I (normalised) vs training density",
    caption: "If the network allocates sensitivity to where training angles were frequent, the blue curve follows the dashed training density; a blue curve that stays near the dotted uniform line means training left sensitivity unchanged.",
    panels, legend, shareX: false,
  });
}
