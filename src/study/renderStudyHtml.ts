import { escapeXml } from "../plot/index.js";
import { STUDY_FILES } from "../rundir/index.js";
import { figureFileName } from "./figureFileName.js";
import { findingCommand } from "./findingCommand.js";
import { formatLoad, formatSeconds, formatStatistic } from "./formatStatistic.js";
import type { StudyFindingOutcome, StudyMeta } from "./studyMeta.js";

const VERDICT_COLOR: Record<string, string> = { "reproduced": "#1a7f37", "not reproduced": "#b42318", "mixed": "#9a6700" };

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:1080px;margin:2em auto;padding:0 1em;color:#1f2328}
h1{font-size:1.6em}h2{border-top:1px solid #d0d7de;padding-top:1em}table{border-collapse:collapse;margin:.6em 0}
td,th{border:1px solid #d0d7de;padding:.25em .6em;text-align:left;vertical-align:top}th{background:#f6f8fa}
.verdict{font-weight:600;padding:.1em .5em;border-radius:4px;color:#fff}.claim{font-style:italic}
figure{margin:1em 0}figcaption{color:#57606a;font-size:.9em}code{background:#f6f8fa;padding:0 .25em}`;

/** The study report: one section per finding (claim, what was measured, statistics with intervals, verdict, figures); self-contained. */
export function renderStudyHtml(outcomes: readonly StudyFindingOutcome[], meta: StudyMeta): string {
  const e = escapeXml;
  const rows = meta.timings.map((t) => `<tr><td>${e(t.experiment)}</td><td>${t.finished} of ${t.jobs}</td><td>${e(formatSeconds(t.seconds))}${t.fromRunTimestamps ? " (run timestamps)" : ""}</td><td>${formatLoad(t.loadStart)} → ${formatLoad(t.loadEnd)}</td><td>${t.failed}</td></tr>`).join("");
  const summary = outcomes.map((o) => `<tr><td><a href="#finding-${o.finding.id}">${o.finding.id}. ${e(o.finding.title)}</a></td><td>${o.result ? verdictBadge(o.result.verdict) : "not analysed"}</td></tr>`).join("");
  const jobs = meta.timings.reduce((n, t) => n + t.jobs, 0), finished = meta.timings.reduce((n, t) => n + t.finished, 0);
  const sections = outcomes.map((o) => {
    const f = o.finding;
    const head = `<h2 id="finding-${f.id}">${f.id}. ${e(f.title)}</h2><p class="claim">Claim: ${e(f.claim)}</p>`;
    if (!o.result) return `<section>${head}<p><b>Not analysed:</b> ${e(o.error ?? "unknown error")}</p></section>`;
    const r = o.result;
    const stats = r.statistics.map((s) => `<tr><td>${e(s.name)}</td><td>${e(formatStatistic(s))}</td><td>${e(s.level)}</td></tr>`).join("");
    const figures = r.figures.map((fig) => `<figure>${fig.svg}<figcaption>${e(fig.caption)} (${e(`${STUDY_FILES.figures}/${figureFileName(f, fig)}`)})</figcaption></figure>`).join("");
    return `<section>${head}<p><b>Measured:</b> ${e(r.measured)}</p>
<table><tr><th>statistic</th><th>value [interval]</th><th>interval</th></tr>${stats}</table>
<p>Verdict: ${verdictBadge(r.verdict)} — ${e(r.reason)}</p>
<p>Experiments: ${f.experiments.map((x) => `<code>examples/study/${e(x)}.yaml</code>`).join(", ")}; reproduce: <code>${e(findingCommand(meta.command, f.id))}</code></p>${figures}</section>`;
  }).join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fisherlab study${meta.quick ? " (quick)" : ""}</title><style>${STYLE}</style></head><body>
<h1>The original study, reproduced${meta.quick ? " — quick sizes (a pipeline check, not results)" : ""}</h1>
<p>fisherlab ${e(meta.version)}, ${e(meta.date)}, <code>${e(meta.command)}</code>; sweeps took ${e(formatSeconds(meta.totalSeconds))} of wall time in all.</p>
${finished < jobs ? `<p><b>Incomplete: ${finished} of ${jobs} jobs have finished; the statistics use the finished runs only.</b> Rerun the command to finish the rest.</p>` : ""}
<table><tr><th>finding</th><th>verdict</th></tr>${summary}</table>
<table><tr><th>experiment</th><th>jobs finished</th><th>wall time</th><th>load (1 min)</th><th>failed</th></tr>${rows}</table>
${sections}
</body></html>
`;
}

function verdictBadge(verdict: string): string {
  return `<span class="verdict" style="background:${VERDICT_COLOR[verdict] ?? "#57606a"}">${escapeXml(verdict)}</span>`;
}
