import { categoricalColor, type LegendEntry, type Panel, renderFigure } from "../plot/index.js";
import type { MetricsRow } from "./reportData.js";

const VAL_DASH = "5 3";

/**
 * Learning curves: one panel per condition, training loss (solid) and validation loss (dashed)
 * against epoch, one colour per replicate. Log y axis when every loss is positive (losses fall
 * over decades), linear otherwise.
 */
export function learningCurvesPlot(rows: readonly MetricsRow[], conditionOrder?: readonly string[]): string {
  const names = conditionOrder ? conditionOrder.filter((c) => rows.some((r) => r.condition === c)) : [...new Set(rows.map((r) => r.condition))];
  if (names.length === 0) throw new Error("learningCurvesPlot(): no metrics rows to plot");
  const replicates = [...new Set(rows.map((r) => r.replicate))].sort((a, b) => a - b);
  const positive = rows.every((r) => !(r.trainLoss <= 0) && !(r.valLoss <= 0));
  const panels: Panel[] = names.map((name) => {
    const mine = rows.filter((r) => r.condition === name);
    const layers = replicates.flatMap((rep) => {
      const rs = mine.filter((r) => r.replicate === rep).sort((a, b) => a.epoch - b.epoch);
      if (rs.length === 0) return [];
      const color = categoricalColor(replicates.indexOf(rep));
      const x = rs.map((r) => r.epoch);
      return [
        { kind: "line" as const, x, y: rs.map((r) => r.trainLoss), color, width: 1.5 },
        { kind: "line" as const, x, y: rs.map((r) => r.valLoss), color, width: 1.5, dash: VAL_DASH },
      ];
    });
    return { title: name, x: { label: "epoch" }, y: { label: "loss", log: positive }, layers };
  });
  const legend: LegendEntry[] = [
    { label: "training loss", color: "#333333", kind: "line" },
    { label: "validation loss", color: "#333333", kind: "line", dash: VAL_DASH },
    ...replicates.map((rep, i) => ({ label: `replicate ${rep}`, color: categoricalColor(i), kind: "line" as const })),
  ];
  return renderFigure({
    title: "Learning curves",
    caption: "Loss per epoch for each condition and replicate; check that validation loss (dashed) has flattened, i.e. training converged, and that it stays close to the training loss (no overfitting).",
    panels, legend, shareX: false, shareY: false,
  });
}
