import { angleAxis, type Layer, type LegendEntry, renderFigure } from "../plot/index.js";
import { equivalentDensity, trapezoid } from "../math/index.js";
import { FISHER_COLORS } from "./fisherCurvesPlot.js";
import type { AngleUnit } from "./reportData.js";

/** One row of `fisherlab fisher`'s CSV (the columns this plot uses; extra columns are ignored). */
export interface FisherRow {
  /** Angle, radians. */
  theta: number;
  /** I(θ), rad⁻². */
  fisher: number;
  stderr?: number;
  ci_low?: number;
  ci_high?: number;
}

const Z95 = 1.959964;

/**
 * The plot of `fisherlab fisher --plot FI.png|svg`: left, I(θ) with its interval (ci_low–ci_high,
 * or ± 1.96·stderr when those columns are absent); right, the equivalent density √I normalised,
 * with the interval carried through the same normalisation. `domain` (radians) makes the
 * normalisation circular; without it the density is normalised over the measured span.
 */
export function fisherPlot(rows: readonly FisherRow[], options: { angleUnit?: AngleUnit; domain?: [number, number]; title?: string } = {}): string {
  if (rows.length === 0) throw new Error("fisherPlot(): no rows to plot");
  for (const r of rows) {
    if (!Number.isFinite(r.theta)) throw new Error(`fisherPlot(): theta must be finite, got ${r.theta}`);
  }
  const sorted = [...rows].sort((a, b) => a.theta - b.theta);
  const theta = sorted.map((r) => r.theta);
  const I = sorted.map((r) => r.fisher);
  const lo = sorted.map((r) => (r.ci_low !== undefined && Number.isFinite(r.ci_low) ? r.ci_low : r.stderr !== undefined ? r.fisher - Z95 * r.stderr : NaN));
  const hi = sorted.map((r) => (r.ci_high !== undefined && Number.isFinite(r.ci_high) ? r.ci_high : r.stderr !== undefined ? r.fisher + Z95 * r.stderr : NaN));
  const period = options.domain ? options.domain[1] - options.domain[0] : undefined;
  const ang = angleAxis(options.angleUnit ?? "deg", options.domain);
  const x = ang.convert(theta);
  const root = (v: number) => (v > 0 ? Math.sqrt(v) : 0);
  const z = trapezoid(theta, I.map(root), period);
  const pI = equivalentDensity(theta, I, period);
  const hasBand = lo.some(Number.isFinite);
  const left: Layer[] = [], right: Layer[] = [];
  if (hasBand) {
    left.push({ kind: "band", x, lo, hi, color: FISHER_COLORS.noise, opacity: 0.4 });
    right.push({ kind: "band", x, lo: lo.map((v) => root(v) / z), hi: hi.map((v) => root(v) / z), color: FISHER_COLORS.noise, opacity: 0.4 });
  }
  const span = period ?? theta[theta.length - 1] - theta[0];
  if (span > 0) right.push({ kind: "line", x, y: x.map(() => 1 / span), color: "#777777", width: 1, dash: "1 3" });
  const points = rows.length <= 30; // few rows (e.g. from recorded responses): show the points themselves
  left.push({ kind: "line", x, y: I, color: FISHER_COLORS.mean, width: 2 });
  right.push({ kind: "line", x, y: pI, color: FISHER_COLORS.mean, width: 2 });
  if (points) {
    left.push({ kind: "points", x, y: I, color: FISHER_COLORS.mean, radius: 3 });
    right.push({ kind: "points", x, y: pI, color: FISHER_COLORS.mean, radius: 3 });
  }
  const legend: LegendEntry[] = [
    { label: "estimate", color: FISHER_COLORS.mean, kind: "line", width: 2 },
    ...(hasBand ? [{ label: "95% interval of the estimator", color: FISHER_COLORS.noise, kind: "band" as const }] : []),
    { label: "uniform density", color: "#777777", kind: "line" as const, width: 1, dash: "1 3" },
  ];
  return renderFigure({
    title: options.title ?? "Fisher information I(θ) and equivalent density",
    caption: `Left: how much information the activity carries about θ at each angle (higher = finer discrimination)${hasBand ? ", with the estimator's 95% interval" : ""}; right: the same curve as a density √I / ∫√I, which would match the stimulus density if the code were allocated optimally — compare it with the dotted uniform line.`,
    panels: [
      { title: "I(θ)", x: ang.axis, y: { label: "I(θ) (rad⁻²)", includeZero: true }, layers: left },
      { title: "equivalent density √I / ∫√I", x: ang.axis, y: { label: "density (rad⁻¹)", includeZero: true }, layers: right },
    ],
    columns: 2, legend, panelWidth: 420, shareY: false,
  });
}
