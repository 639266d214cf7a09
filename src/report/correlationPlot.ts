import { onGrid } from "./onGrid.js";
import { correlationMatrix } from "./correlationMatrix.js";
import type { FisherCurve } from "./reportData.js";
import { renderHeatmap } from "../plot/index.js";

/**
 * Replicate-by-replicate Pearson correlation of I(θ) curves across θ, all conditions together
 * (ordered by condition, then replicate), as a heatmap. Curves are put on the first curve's grid.
 */
export function correlationPlot(curves: readonly FisherCurve[], options: { conditionOrder?: readonly string[]; period?: number } = {}): string {
  if (curves.length === 0) throw new Error("correlationPlot(): no Fisher curves");
  const order = options.conditionOrder ?? [...new Set(curves.map((c) => c.condition))];
  const rank = (c: FisherCurve) => { const i = order.indexOf(c.condition); return i < 0 ? order.length : i; };
  const sorted = [...curves].sort((a, b) => rank(a) - rank(b) || a.condition.localeCompare(b.condition) || a.replicate - b.replicate);
  const grid = sorted[0].theta;
  const period = options.period ?? 2 * Math.PI;
  const ys = sorted.map((c) => onGrid(c.theta, c.fisher, grid, period));
  return renderHeatmap({
    title: "Replicate-by-replicate correlation of I(θ)",
    caption: "Each cell is the correlation across θ between two networks' I(θ); red blocks off the diagonal mean those networks share the shape of their sensitivity (e.g. from a shared pretrained checkpoint), pale cells mean their curves are unrelated.",
    labels: sorted.map((c) => `${c.condition} · r${c.replicate}`),
    matrix: correlationMatrix(ys),
    domain: [-1, 1],
    colorbarLabel: "Pearson r (unitless)",
  });
}
