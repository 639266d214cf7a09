import { adaptPlot } from "../adapt/index.js";
import { correlationPlot } from "./correlationPlot.js";
import { equivalentDensityPlot } from "./equivalentDensityPlot.js";
import { escapeXml, formatNumber } from "../plot/index.js";
import { fisherCurvesPlot } from "./fisherCurvesPlot.js";
import { FIT_WINDOWS, type WindowFit } from "./fitWindows.js";
import { formatReplicateEstimate } from "./formatAlpha.js";
import { learningCurvesPlot } from "./learningCurvesPlot.js";
import { powerLawPlot } from "./powerLawPlot.js";
import type { ReportData } from "./reportData.js";
import { MIN_REPLICATES_FOR_INTERVAL } from "./replicateInterval.js";
import { summariseCondition, type ConditionSummary } from "./summariseCondition.js";
import { validateReportData } from "./validateReportData.js";

const CSS = `
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 0 auto; max-width: 1100px; padding: 16px 24px; color: #111; background: #fff; line-height: 1.45; }
h1 { font-size: 24px; margin-bottom: 4px; } h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
.subtitle { color: #555; margin-top: 0; } nav a { margin-right: 12px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; } th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 12px 0 24px; overflow-x: auto; } figure svg { max-width: 100%; height: auto; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: 10px; overflow-x: auto; font-size: 12px; }
.note { color: #444; font-size: 14px; } .failed { color: #b2182b; }
`;

function section(id: string, title: string, body: string): string {
  return `<section id="${id}">\n<h2>${escapeXml(title)}</h2>\n${body}\n</section>`;
}

function figure(svg: string): string {
  return `<figure>\n${svg}\n</figure>`;
}

function note(text: string): string {
  return `<p class="note">${escapeXml(text)}</p>`;
}

const num = (text: string) => `<td class="num">${text}</td>`;

/** One window's α cell: I's α with its interval, and the mean term's under it when recorded. */
function alphaCell(w: WindowFit): string {
  const main = escapeXml(formatReplicateEstimate(w.fit));
  return num(w.meanTerm ? `${main}<br><small>mean term: ${escapeXml(formatReplicateEstimate(w.meanTerm))}</small>` : main);
}

function alphaCells(s: ConditionSummary): string[] {
  if (!s.windows) return FIT_WINDOWS.map((_, i) => (i === 0 ? "no Fisher curves" : "–"));
  if (s.windows.every((w) => w.fit.replicates === 0)) return FIT_WINDOWS.map((_, i) => (i === 0 ? "α undefined: p(θ) does not vary" : "–"));
  return s.windows.map(alphaCell);
}

function summaryTable(summaries: readonly ConditionSummary[], unit: "deg" | "rad"): string {
  const k = unit === "deg" ? 180 / Math.PI : 1;
  const u = unit === "deg" ? "deg" : "rad";
  const head = ["condition", "loss", "runs done / failed", ...FIT_WINDOWS.map((w) => `α, ${w.label}`), "theory α (∫√I / ∫I budget)",
    "near/far I, measured", "near/far I, theory (∫√I)", "near/far I, theory (∫I)", `test error (mean |Δ|, ${u})`];
  const ratio = (r: number | null) => num(r !== null ? escapeXml(formatNumber(r, 3)) : "–");
  const rows = summaries.map((s) => {
    const t = s.theory;
    const cells = [
      `${escapeXml(s.condition.name)}${s.condition.description ? `<br><small>${escapeXml(s.condition.description)}</small>` : ""}`,
      escapeXml(s.condition.loss),
      num(`${s.runsDone} / ${s.runsFailed}`),
      ...alphaCells(s),
      `<td class="num" title="${escapeXml(t.note)}">${t.alpha !== null ? `${formatNumber(t.alpha, 3)} / ${formatNumber(t.alphaFisherBudget!, 3)}` : "no prediction"}</td>`,
      num(s.concentrationReplicates && (s.concentration?.ratio ?? null) !== null ? escapeXml(formatReplicateEstimate(s.concentrationReplicates)) : "–"),
      ratio(s.predictedConcentration.sqrtFisher),
      ratio(s.predictedConcentration.fisher),
      num(Number.isFinite(s.testErrorMean) ? escapeXml(formatNumber(s.testErrorMean * k, 3) + (Number.isFinite(s.testErrorSd) ? ` ± ${formatNumber(s.testErrorSd * k, 2)}` : "")) : "–"),
    ];
    return "<tr>" + cells.map((c) => (c.startsWith("<td") ? c : `<td>${c}</td>`)).join("") + "</tr>";
  });
  return `<table>\n<tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join("")}</tr>\n${rows.join("\n")}\n</table>`;
}

/** The power-law section's table: per condition and window, the grid angles used and α of I and of its mean term. */
function windowTable(summaries: readonly ConditionSummary[]): string {
  const head = ["condition", "window", "grid angles", "α of I", "α of the mean term μ′ᵀΣ⁻¹μ′"];
  const rows = summaries.filter((s) => s.windows).flatMap((s) => s.windows!.map((w, i) => "<tr>" + [
    i === 0 ? `<td rowspan="${s.windows!.length}">${escapeXml(s.condition.name)}</td>` : "",
    `<td>${escapeXml(w.window.label)}${w.window.minFraction > 0 ? `<br><small>p > ${escapeXml(formatNumber(w.threshold, 3))} rad⁻¹</small>` : ""}</td>`,
    num(String(w.points)),
    num(escapeXml(formatReplicateEstimate(w.fit))),
    num(w.meanTerm ? escapeXml(formatReplicateEstimate(w.meanTerm)) : "not recorded"),
  ].join("") + "</tr>"));
  return `<table>\n<tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join("")}</tr>\n${rows.join("\n")}\n</table>`;
}

const SUMMARY_NOTE =
  "α is the exponent of I(θ) ∝ p(θ)^α, fitted (least squares of log I on log p) on each replicate network separately over a window of grid angles: " +
  "all angles, then only angles where the training density p is above 1%, 10% or 30% of its maximum. Trained networks' I(θ) often saturates near the mode " +
  "and levels off at a floor in the tail, so α depends on the window; read it with the log–log plot below. Intervals are mean ± t·sd/√R over replicates " +
  `and need R ≥ ${MIN_REPLICATES_FOR_INTERVAL} replicates ("too few replicates" otherwise). The mean term μ′ᵀΣ⁻¹μ′ is the part of I carried by the mean response ` +
  "(derivative method only). Theory: a code minimising the L_q error has α = 2/(q+1) under a budget on ∫√I dθ and α = 2/(q+2) under a budget on ∫I dθ " +
  "(q = 1 angle_diff, q = 2 sq_diff and cos_sim, q = ½ sqrt_diff). Near/far I: mean I within one circular standard deviation σ of the training mode ÷ mean I beyond 2σ " +
  "(measured: per replicate, then across replicates; theory: the same ratio of p^α for the predicted α under each budget; – for a uniform density).";

const WINDOW_NOTE =
  "Each window keeps the grid angles where the training density is above the stated fraction of its maximum. If α is stable across windows the " +
  "power law holds; if it falls as the window narrows, I(θ) saturates near the mode; if it rises, the tail floor was pulling the all-angles slope down.";

/**
 * The self-contained HTML report: inline CSS and SVG, no scripts, no network. Sections: summary
 * table, learning curves, I(θ), equivalent density, power law, replicate correlation, adaptation
 * (when present), failed runs (when any), resolved configuration. Deterministic: same data, same
 * string.
 */
export function renderReport(data: ReportData): string {
  validateReportData(data);
  const unit = data.angleUnit ?? "deg";
  const summaries = data.conditions.map((c) => summariseCondition(data, c));
  const order = data.conditions.map((c) => c.name);
  const hasCurves = summaries.some((s) => s.curves !== null);
  const noCurves = note("No Fisher curves were recorded.");
  const sections: [string, string, string][] = [
    ["summary", "Summary", data.conditions.length ? summaryTable(summaries, unit) + note(SUMMARY_NOTE) : note("No conditions.")],
    ["learning", "Learning curves", data.metrics.length ? figure(learningCurvesPlot(data.metrics, order)) : note("No training metrics were recorded.")],
    ["fisher", "Fisher information I(θ)", hasCurves ? figure(fisherCurvesPlot(summaries, { angleUnit: unit })) : noCurves],
    ["density", "Equivalent density", hasCurves ? figure(equivalentDensityPlot(summaries, { angleUnit: unit })) : noCurves],
    ["powerlaw", "Power law I ∝ p^α by fit window", hasCurves ? figure(powerLawPlot(summaries)) + windowTable(summaries) + note(WINDOW_NOTE) : noCurves],
    ["correlation", "Replicate correlation", data.fisher.length ? figure(correlationPlot(data.fisher, { conditionOrder: order, period: summaries.find((s) => s.curves)?.period })) : noCurves],
  ];
  if (data.adapt && data.adapt.length) {
    sections.push(["adapt", "Adaptation loop", figure(adaptPlot(data.adapt, { domain: data.adaptDomain, angleUnit: unit }))]);
  }
  const failed = data.runs.filter((r) => r.status === "failed");
  if (failed.length) {
    const items = failed.map((r) => `<li class="failed">${escapeXml(`${r.condition} · replicate ${r.replicate}${r.stage ? ` · ${r.stage}` : ""}: ${r.error ?? "no error message recorded"}`)}</li>`);
    sections.push(["failed", "Failed runs", `<ul>\n${items.join("\n")}\n</ul>`]);
  }
  sections.push(["config", "Resolved configuration", `<pre>${escapeXml(data.config)}</pre>`]);
  const nav = `<nav>${sections.map(([id, title]) => `<a href="#${id}">${escapeXml(title)}</a>`).join("")}</nav>`;
  const header = [
    `<h1>${escapeXml(data.title)}</h1>`,
    data.subtitle ? `<p class="subtitle">${escapeXml(data.subtitle)}</p>` : "",
    data.generatedAt ? `<p class="subtitle">Generated ${escapeXml(data.generatedAt)} by fisherlab.</p>` : "",
  ].filter(Boolean).join("\n");
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(data.title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    header,
    nav,
    ...sections.map(([id, title, body]) => section(id, title, body)),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
