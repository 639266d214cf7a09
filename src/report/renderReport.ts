import { adaptPlot } from "../adapt/index.js";
import { correlationPlot } from "./correlationPlot.js";
import { equivalentDensityPlot } from "./equivalentDensityPlot.js";
import { escapeXml, formatInterval, formatNumber } from "../plot/index.js";
import { fisherCurvesPlot } from "./fisherCurvesPlot.js";
import { learningCurvesPlot } from "./learningCurvesPlot.js";
import { powerLawPlot } from "./powerLawPlot.js";
import type { ReportData } from "./reportData.js";
import { mainAlpha, summariseCondition, type ConditionSummary } from "./summariseCondition.js";
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

function summaryTable(summaries: readonly ConditionSummary[], unit: "deg" | "rad"): string {
  const k = unit === "deg" ? 180 / Math.PI : 1;
  const u = unit === "deg" ? "deg" : "rad";
  const head = ["condition", "loss", "runs done / failed", "α (95% interval)", "interval from", "α by pooled OLS (optimistic 95% CI)", "theory α", "concentration ratio (near / far)", `test error (mean |Δ|, ${u})`];
  const rows = summaries.map((s) => {
    const main = mainAlpha(s);
    const cr = s.concentration;
    const cells = [
      `${escapeXml(s.condition.name)}${s.condition.description ? `<br><small>${escapeXml(s.condition.description)}</small>` : ""}`,
      escapeXml(s.condition.loss),
      `<td class="num">${s.runsDone} / ${s.runsFailed}</td>`,
      `<td class="num">${main ? escapeXml(formatInterval(main.alpha, main.ci)) : "–"}</td>`,
      main ? (main.kind === "replicates" ? `${s.replicateFit!.replicates} replicate fits (t, R−1 df)` : "OLS over the grid (one replicate)") : escapeXml(s.curves ? "α undefined: p(θ) does not vary" : "no Fisher curves"),
      `<td class="num">${s.pooledFit ? escapeXml(formatInterval(s.pooledFit.alpha, s.pooledFit.ci)) : "–"}</td>`,
      `<td class="num" title="${escapeXml(s.theory.note)}">${s.theory.alpha !== null ? formatNumber(s.theory.alpha, 3) : "no prediction"}</td>`,
      `<td class="num">${cr && cr.ratio !== null ? escapeXml(formatNumber(cr.ratio, 3)) : "–"}</td>`,
      `<td class="num">${Number.isFinite(s.testErrorMean) ? escapeXml(formatNumber(s.testErrorMean * k, 3) + (Number.isFinite(s.testErrorSd) ? ` ± ${formatNumber(s.testErrorSd * k, 2)}` : "")) : "–"}</td>`,
    ];
    return "<tr>" + cells.map((c) => (c.startsWith("<td") ? c : `<td>${c}</td>`)).join("") + "</tr>";
  });
  return `<table>\n<tr>${head.map((h) => `<th>${escapeXml(h)}</th>`).join("")}</tr>\n${rows.join("\n")}\n</table>`;
}

const SUMMARY_NOTE =
  "α is the exponent of I(θ) ∝ p(θ)^α. The main interval fits α on each replicate network separately and uses mean ± t·sd/√R, " +
  "because neighbouring grid angles are correlated and the pooled OLS interval (next column) is therefore too narrow. " +
  "Theory: α = 2/(q+1) for a code minimising the L_q error (q = 1 angle_diff → 1, q = 2 sq_diff → 2/3, q = ½ sqrt_diff → 4/3). " +
  "Concentration ratio: mean I within one circular standard deviation σ of the training density's mode divided by mean I farther than 2σ from it (> 1: sensitivity concentrates where training angles were frequent; – for a uniform density).";

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
    ["powerlaw", "Power law I ∝ p^α", hasCurves ? figure(powerLawPlot(summaries)) : noCurves],
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
