import { formatReplicateEstimate } from "./formatAlpha.js";
import { formatNumber } from "../plot/index.js";
import type { ReportData } from "./reportData.js";
import { summariseCondition, type ConditionSummary } from "./summariseCondition.js";
import { validateReportData } from "./validateReportData.js";

function pad(cells: string[][]): string {
  const widths = cells[0].map((_, j) => Math.max(...cells.map((row) => [...row[j]].length)));
  return cells.map((row) => row.map((c, j) => c + " ".repeat(widths[j] - [...c].length)).join("  ").trimEnd()).join("\n");
}

const ascii = (v: string) => v.replace(/−/g, "-");

/** One block per condition: a title line, then one line per fit window with α of I and of its mean term. */
function alphaBlock(s: ConditionSummary): string {
  const t = s.theory;
  const theory = t.alpha !== null ? `theory α ${formatNumber(t.alpha, 3)} under ∫√I, ${formatNumber(t.alphaFisherBudget!, 3)} under ∫I` : "no theory";
  const R = s.curves ? s.curves.curves.length : 0;
  const title = `${s.condition.name} (${s.condition.loss}; ${theory}; R = ${R})`;
  if (!s.windows) return `${title}\n  no Fisher curves`;
  if (s.windows.every((w) => w.fit.replicates === 0)) return `${title}\n  α undefined: the training density p(θ) is flat`;
  const rows = [["  window", "α of I", ...(s.windows[0].meanTerm ? ["α of mean term"] : [])],
    ...s.windows.map((w) => [`  ${w.window.label}`, formatReplicateEstimate(w.fit), ...(w.meanTerm ? [formatReplicateEstimate(w.meanTerm)] : [])])];
  return `${title}\n${pad(rows.map((r) => r.map(ascii)))}`;
}

/**
 * The report's summary as plain text for a terminal, as the main job prints after a run: per
 * condition, α per fit window (all angles; p above 1%, 10%, 30% of its maximum) for I and, where
 * recorded, its mean term, under a line with theory's α for both budgets; then one table of the
 * concentration ratio measured and predicted, and the test error.
 */
export function reportSummaryText(data: ReportData): string {
  validateReportData(data);
  const deg = (data.angleUnit ?? "deg") === "deg";
  const k = deg ? 180 / Math.PI : 1;
  const summaries = data.conditions.map((c) => summariseCondition(data, c));
  const alpha = summaries.map(alphaBlock).join("\n");
  const ratio = (r: number | null) => (r !== null ? formatNumber(r, 3) : "–");
  const concRows = summaries.map((s) => [
    s.condition.name,
    s.condition.loss,
    s.concentrationReplicates && (s.concentration?.ratio ?? null) !== null ? formatReplicateEstimate(s.concentrationReplicates) : "–",
    ratio(s.predictedConcentration.sqrtFisher),
    ratio(s.predictedConcentration.fisher),
    Number.isFinite(s.testErrorMean) ? formatNumber(s.testErrorMean * k, 3) + (deg ? "°" : " rad") : "–",
  ].map(ascii));
  const conc = pad([["condition", "loss", "near/far I measured", "theory ∫√I", "theory ∫I", "test error"], ...concRows]);
  return `${alpha}\n\n${conc}\n`;
}
