import { equivalentDensity } from "../math/index.js";
import { angleAxis, renderFigure, sequentialColor, type AngleUnit, type Layer, type LegendEntry } from "../plot/index.js";

/** One iteration of the adaptation loop (the `iterations.csv` of `fisherlab adapt`). */
export interface AdaptIteration {
  iteration: number;
  /** Grid angles, radians. */
  theta: number[];
  /** The density trained on in this iteration, rad⁻¹. */
  density: number[];
  /** Replicate-mean I(θ) measured in this iteration, rad⁻² (smoothed or not, as the caller chooses). */
  fisher: number[];
}


/**
 * The adaptation loop: left, the training density of each iteration; right, the equivalent
 * density √I (normalised) measured in it. Colour runs from dark purple (first iteration) to
 * yellow (last, drawn thicker). At a fixed point the last curves stop moving.
 */
export function adaptPlot(iterations: readonly AdaptIteration[], options: { domain?: [number, number]; angleUnit?: AngleUnit } = {}): string {
  if (iterations.length === 0) throw new Error("adaptPlot(): no iterations");
  const domain = options.domain ?? [0, 2 * Math.PI];
  const period = domain[1] - domain[0];
  if (!(period > 0)) throw new Error(`adaptPlot(): domain must have hi > lo, got [${domain[0]}, ${domain[1]}]`);
  const ang = angleAxis(options.angleUnit ?? "deg", domain);
  const its = [...iterations].sort((a, b) => a.iteration - b.iteration);
  const k = its.length;
  const color = (j: number) => sequentialColor(k === 1 ? 0 : (j / (k - 1)) * 0.92); // stop short of the palest yellow
  const left: Layer[] = [], right: Layer[] = [];
  its.forEach((it, j) => {
    const x = ang.convert(it.theta);
    const width = j === k - 1 ? 2.4 : 1.3;
    left.push({ kind: "line", x, y: it.density, color: color(j), width });
    right.push({ kind: "line", x, y: equivalentDensity(it.theta, it.fisher, period), color: color(j), width });
  });
  // at most ~8 legend entries: first, last and evenly spaced ones between
  const shown = [...new Set(Array.from({ length: Math.min(k, 8) }, (_, i) => Math.round((i * (k - 1)) / Math.max(1, Math.min(k, 8) - 1))))];
  const legend: LegendEntry[] = shown.map((j) => ({ label: `iteration ${its[j].iteration}`, color: color(j), kind: "line", width: 2 }));
  return renderFigure({
    title: "Adaptation loop: density and √I per iteration",
    caption: "Read colour from dark (first iteration) to light (last): the loop has reached a fixed point when successive training densities (left) stop changing, and the measured √I (right) is then flat if the update p ← p/√I has equalised it.",
    panels: [
      { title: "training density p(θ)", x: ang.axis, y: { label: "density (rad⁻¹)", includeZero: true }, layers: left },
      { title: "equivalent density √I / ∫√I", x: ang.axis, y: { label: "density (rad⁻¹)", includeZero: true }, layers: right },
    ],
    columns: 2, legend, panelWidth: 420,
  });
}
