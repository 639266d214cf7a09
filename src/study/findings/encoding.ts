import { countPeaks, powerSpectrum } from "../../math/index.js";
import { categoricalColor, renderFigure, type Layer, type Panel } from "../../plot/index.js";
import type { Finding, FindingResult, Statistic } from "../finding.js";
import { loadSweepRuns, runCurve, type Curve } from "../sweepRuns.js";
import { trendWidth } from "./curveMeasures.js";
import { aboveZero, tStatistic, verdictOf, welchStatistic } from "./statistics.js";

const DEG = 180 / Math.PI;
/** Angular encodings (the claim's subject) and the contrast. */
const ANGULAR = ["circular", "half_angle"];
/** A peak must rise 25% (in I) above the dips that separate it from higher ground: ≈ 0.22 in log I. */
export const PEAK_PROMINENCE = Math.log(1.25);

/** One network of finding 6: its encoding and I(θ) on the window [−π/2, π/2), θ ascending. */
export interface EncodingNetwork {
  encoding: string;
  replicate: number;
  curve: Curve;
}

/** Moving average on an open grid (the window is not a full period): the mean of the values within ±(width−1)/2 that exist. */
function openMovingAverage(values: readonly number[], width: number): number[] {
  const h = (width - 1) / 2;
  return values.map((_, i) => {
    let s = 0, n = 0;
    for (let j = Math.max(0, i - h); j <= Math.min(values.length - 1, i + h); j++) { s += values[j]; n++; }
    return s / n;
  });
}

/** log I(θ) smoothed over 15° of the 180° window (a twelfth of its points), then its peaks and spectrum. */
export function encodingMeasures(fisher: readonly number[]): { peaks: number; highHarmonics: number; smoothed: number[] } {
  const logI = fisher.map((v) => Math.log(Math.max(v, Number.MIN_VALUE)));
  const smoothed = openMovingAverage(logI, trendWidth(fisher.length));
  const peaks = countPeaks(smoothed, false, PEAK_PROMINENCE);
  const m = smoothed.reduce((s, v) => s + v, 0) / smoothed.length;
  const p = powerSpectrum(smoothed.map((v) => v - m));
  const total = p.slice(1).reduce((s, v) => s + v, 0);
  return { peaks, highHarmonics: total > 0 ? p.slice(2).reduce((s, v) => s + v, 0) / total : 0, smoothed };
}

/**
 * Verdict rule: (a) circular and (b) half-angle networks have more than one peak — the lower bound of
 * the 95% t interval of their peak count is above 1 — and (c) angular encodings have more peaks than
 * the linear encoding (95% Welch interval above 0). Reproduced when all hold, not reproduced when
 * none does, mixed otherwise.
 */
export function analyzeEncodings(networks: readonly EncodingNetwork[]): { statistics: Statistic[]; verdict: FindingResult["verdict"]; reason: string } {
  const measures = networks.map((n) => ({ encoding: n.encoding, ...encodingMeasures(n.curve.fisher) }));
  const statistics: Statistic[] = [];
  const encodings = [...ANGULAR, "linear"].filter((e) => measures.some((m) => m.encoding === e));
  for (const e of encodings) statistics.push(tStatistic(`${e}: peaks of I(θ) on [−90°, 90°)`, measures.filter((m) => m.encoding === e).map((m) => m.peaks)));
  for (const e of encodings) statistics.push(tStatistic(`${e}: share of log I's variance in harmonics ≥ 2 of the window`, measures.filter((m) => m.encoding === e).map((m) => m.highHarmonics)));
  const angular = measures.filter((m) => ANGULAR.includes(m.encoding)).map((m) => m.peaks);
  const linear = measures.filter((m) => m.encoding === "linear").map((m) => m.peaks);
  const diff = welchStatistic("peaks, angular (circular, half_angle) − linear", angular, linear);
  statistics.push(diff);
  const multi = (e: string) => {
    const s = statistics.find((x) => x.name.startsWith(`${e}: peaks`));
    return s !== undefined && Number.isFinite(s.lo) && s.lo > 1;
  };
  const parts = [multi("circular"), multi("half_angle"), aboveZero(diff)];
  const verdict = verdictOf(parts);
  const peaksText = encodings.map((e) => `${e} ${statistics.find((x) => x.name.startsWith(`${e}: peaks`))!.value.toFixed(1)}`).join(", ");
  const reason = verdict === "reproduced"
    ? `Both angular encodings give multi-peaked I(θ) beyond the 95% interval, and more peaks than the linear encoding (mean peaks: ${peaksText}).`
    : verdict === "not reproduced"
      ? `Neither angular encoding is multi-peaked beyond the interval, nor more peaked than the linear one (mean peaks: ${peaksText}).`
      : `Only part of the claim holds (circular multi-peaked: ${parts[0] ? "yes" : "no"}, half-angle: ${parts[1] ? "yes" : "no"}, more peaks than linear: ${parts[2] ? "yes" : "no"}; mean peaks: ${peaksText}).`;
  return { statistics, verdict, reason };
}

/** The networks of a sweep with their window curves (θ mapped to [−π, π) and sorted). */
function encodingNetworks(dir: string): EncodingNetwork[] {
  const out: EncodingNetwork[] = [];
  for (const run of loadSweepRuns(dir)) {
    const c = runCurve(run, "derivative");
    if (!c) continue;
    const order = c.theta.map((t, i) => [t >= Math.PI ? t - 2 * Math.PI : t, i] as const).sort((a, b) => a[0] - b[0]);
    const encoding = String((run.contents.config?.model as { encoding?: string } | undefined)?.encoding ?? run.condition["model.encoding"] ?? "circular");
    out.push({ encoding, replicate: run.replicate, curve: { theta: order.map(([t]) => t), fisher: order.map(([, i]) => c.fisher[i]), stderr: order.map(([, i]) => c.stderr[i]) } });
  }
  return out;
}

export const encodingFinding: Finding = {
  id: 6,
  slug: "encoding",
  title: "Angular encodings give multi-peaked I(θ)",
  claim: "Decoding method impacts the Fisher information distribution: angular encodings result in multiple-peaked Fisher information.",
  experiments: ["encodings", "encodings_linear"],
  analyze(ctx) {
    const networks = [...encodingNetworks(ctx.dir("encodings")), ...encodingNetworks(ctx.dir("encodings_linear"))];
    if (networks.length === 0) throw new Error("finding 6: no finished network with a Fisher curve; rerun the study to finish its sweeps");
    const { statistics, verdict, reason } = analyzeEncodings(networks);
    const n = networks[0].curve.theta.length;
    const counts = [...ANGULAR, "linear"].map((e) => `${networks.filter((x) => x.encoding === e).length} ${e}`).join(", ");
    const measured = `Networks pretrained on uniform angles (${counts}; 4096-60-20-2 celu; cos_sim for the angular encodings, dist_square for the linear one, which trains on [−90°, 90°)), I(θ) of the output by the derivative estimator at ${n} angles on the common window [−90°, 90°). log I is smoothed over ${Math.round((trendWidth(n) * 180) / n)}°; a peak must rise ${Math.round(100 * (Math.exp(PEAK_PROMINENCE) - 1))}% above the dips around it (prominence); the spectrum is the share of the smoothed log I's variance in harmonics ≥ 2 of the window.`;
    return { measured, statistics, verdict, reason, figures: [encodingFigure(networks)] };
  },
};

function encodingFigure(networks: readonly EncodingNetwork[]): { name: string; caption: string; svg: string } {
  const panels: Panel[] = [...ANGULAR, "linear"].filter((e) => networks.some((n) => n.encoding === e)).map((e, k) => {
    const layers: Layer[] = networks.filter((n) => n.encoding === e).map((n) => ({ kind: "line", x: n.curve.theta.map((t) => t * DEG), y: n.curve.fisher, color: categoricalColor(k), width: 1, opacity: 0.85 }));
    return { title: e, x: { label: "θ (deg)", domain: [-90, 90] }, y: { label: "I(θ) (rad⁻²)", log: true }, layers };
  });
  const svg = renderFigure({
    title: "I(θ) by angle encoding",
    caption: "Every replicate of each encoding on the same window: count the peaks of angular (circular, half-angle) against linear encodings.",
    panels, columns: 3, shareY: false,
  });
  return { name: "curves", caption: "I(θ) of every network by encoding on [−90°, 90°) (log scale).", svg };
}
