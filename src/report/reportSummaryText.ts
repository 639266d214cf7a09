import { formatInterval, formatNumber } from "../plot/index.js";
import type { ReportData } from "./reportData.js";
import { mainAlpha, summariseCondition } from "./summariseCondition.js";
import { validateReportData } from "./validateReportData.js";

function pad(cells: string[][]): string {
  const widths = cells[0].map((_, j) => Math.max(...cells.map((row) => [...row[j]].length)));
  return cells.map((row) => row.map((c, j) => c + " ".repeat(widths[j] - [...c].length)).join("  ").trimEnd()).join("\n");
}

/**
 * The report's summary table as plain text for a terminal (one line per condition: α with its
 * interval and where the interval comes from, theory, concentration ratio, test error), as the
 * main job prints after a run.
 */
export function reportSummaryText(data: ReportData): string {
  validateReportData(data);
  const deg = (data.angleUnit ?? "deg") === "deg";
  const k = deg ? 180 / Math.PI : 1;
  const rows = data.conditions.map((c) => {
    const s = summariseCondition(data, c);
    const main = mainAlpha(s);
    return [
      c.name,
      c.loss,
      main ? `${formatInterval(main.alpha, main.ci)} (${main.kind === "replicates" ? `R=${s.replicateFit!.replicates}` : "OLS"})` : "–",
      s.theory.alpha !== null ? formatNumber(s.theory.alpha, 3) : "none",
      s.concentration && s.concentration.ratio !== null ? formatNumber(s.concentration.ratio, 3) : "–",
      Number.isFinite(s.testErrorMean) ? formatNumber(s.testErrorMean * k, 3) + (deg ? "°" : " rad") : "–",
    ].map((v) => v.replace(/−/g, "-"));
  });
  const head = ["condition", "loss", "α [95% CI]", "theory α", "near/far I", "test error"];
  return pad([head, ...rows]) + "\n";
}
