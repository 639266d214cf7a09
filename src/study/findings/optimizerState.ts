/**
 * Finding 9 of the original study: keeping vs re-initialising the optimizer (Adam) state when
 * fine-tuning under a distribution shift (docs/study.md).
 */
import { circularDifference } from "../../math/index.js";
import { formatNumber, PALETTE, renderFigure, type Layer } from "../../plot/index.js";
import { replicateInterval, type ReplicateSummary } from "../../report/index.js";
import type { Finding, FindingResult, Statistic, StudyContext } from "../finding.js";
import { logCurve, smallScale, SMALL_SCALE_HARMONICS } from "../smallScale.js";
import { loadSweepRuns, runCurve, summaryNumber } from "../sweepRuns.js";
import { withinBetween, type WithinBetween } from "../withinBetween.js";

/** One fine-tuned network of the experiment. */
export interface ShiftRun {
  /** the pretrained network it starts from */
  pretrain: number;
  /** true: Adam started fresh; false: the pretrained run's Adam state kept */
  reset: boolean;
  fisher: readonly number[];
  /** mean absolute test error on the shifted distribution, degrees */
  testMaeDeg: number;
}

export interface ShiftInput {
  theta: readonly number[];
  /** the pretraining distribution's mode and the fine-tuning distribution's mode, radians */
  oldLoc: number;
  newLoc: number;
  runs: readonly ShiftRun[];
  /** I(θ) of the pretrained networks (for the figure), by pretrained network */
  pretrained: readonly { pretrain: number; fisher: readonly number[] }[];
}

/** Half-width of the windows around the old and the new mode in which I is compared. */
export const MODE_WINDOW = Math.PI / 4;
const SEED = 9; // permutation intervals: fixed, so the study's numbers are reproducible

/**
 * How far a network's I(θ) has moved to the new distribution: mean ln I within ±45° of the new
 * mode minus mean ln I within ±45° of the old one (0: as sensitive at both; the pretrained networks
 * start below 0).
 */
export function modeShift(theta: readonly number[], fisher: readonly number[], oldLoc: number, newLoc: number): number {
  const ln = logCurve(fisher);
  const near = (loc: number) => {
    const idx = theta.map((t, i) => (Math.abs(circularDifference(t, loc, 2 * Math.PI)) <= MODE_WINDOW ? i : -1)).filter((i) => i >= 0);
    if (idx.length === 0) throw new Error(`modeShift(): no grid angle within ${MODE_WINDOW} rad of ${loc}; measure on a finer grid`);
    return idx.reduce((a, i) => a + ln[i], 0) / idx.length;
  };
  return near(newLoc) - near(oldLoc);
}

export interface ShiftAnalysis {
  pretrainings: number[];
  /** per arm: mode shift averaged per pretrained network, summarised over pretrained networks */
  shift: { keep: ReplicateSummary; reset: ReplicateSummary; resetMinusKeep: ReplicateSummary };
  /** the pretrained networks' own mode shift (where fine-tuning starts); null without their curves */
  pretrainedShift: ReplicateSummary | null;
  testError: { keep: ReplicateSummary; reset: ReplicateSummary; resetMinusKeep: ReplicateSummary };
  /** small-scale ln I: fine-tunes of one pretrained network vs of different ones, per arm */
  residue: { keep: WithinBetween; reset: WithinBetween; keepMinusReset: ReplicateSummary };
}

const meanOf = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** The analysis on plain curves (tested on planted effects). */
export function analyseShift(input: ShiftInput, options: { seed?: number; permutations?: number } = {}): ShiftAnalysis {
  const opts = { seed: options.seed ?? SEED, permutations: options.permutations ?? 4000 };
  const pretrainings = [...new Set(input.runs.map((r) => r.pretrain))].sort((a, b) => a - b);
  const arm = (reset: boolean) => input.runs.filter((r) => r.reset === reset);
  // per pretrained network and arm: the mean over its fine-tunes (the pretrained networks are the independent units)
  const perPretrain = (reset: boolean, f: (r: ShiftRun) => number) => pretrainings.map((g) => meanOf(arm(reset).filter((r) => r.pretrain === g).map(f)));
  const paired = (f: (r: ShiftRun) => number) => {
    const k = perPretrain(false, f), r = perPretrain(true, f);
    return { keep: replicateInterval(k), reset: replicateInterval(r), resetMinusKeep: replicateInterval(r.map((v, i) => v - k[i])) };
  };
  const shiftOf = (r: ShiftRun) => modeShift(input.theta, r.fisher, input.oldLoc, input.newLoc);
  const wb = (reset: boolean) => withinBetween(arm(reset).map((r) => smallScale(r.fisher)), arm(reset).map((r) => r.pretrain), opts);
  const keep = wb(false), reset = wb(true);
  const byGroup = (w: WithinBetween) => pretrainings.map((g) => w.withinByGroup[w.groups.indexOf(g)] ?? NaN);
  const kw = byGroup(keep), rw = byGroup(reset);
  return {
    pretrainings, shift: paired(shiftOf),
    pretrainedShift: input.pretrained.length ? replicateInterval(input.pretrained.map((p) => modeShift(input.theta, p.fisher, input.oldLoc, input.newLoc))) : null,
    testError: paired((r) => r.testMaeDeg),
    residue: { keep, reset, keepMinusReset: replicateInterval(kw.map((v, i) => v - rw[i])) },
  };
}

const excludesZero = (s: ReplicateSummary) => s.ci !== null && (s.ci[0] > 0 || s.ci[1] < 0);

/** Verdict rule: the optimizer state matters for adaptation when the reset − keep mode shift's 95% t interval excludes 0, and for the residue when the keep − reset within-pretraining correlation's does; reproduced when both, mixed when one. */
export function shiftVerdict(a: ShiftAnalysis): Pick<FindingResult, "verdict" | "reason"> {
  const adapt = excludesZero(a.shift.resetMinusKeep), residue = excludesZero(a.residue.keepMinusReset);
  const s = a.shift.resetMinusKeep, r = a.residue.keepMinusReset;
  const fmt = (x: ReplicateSummary) => `${formatNumber(x.mean, 2)}${x.ci ? ` [${formatNumber(x.ci[0], 2)}, ${formatNumber(x.ci[1], 2)}]` : " (no interval)"}`;
  return {
    verdict: adapt && residue ? "reproduced" : adapt || residue ? "mixed" : "not reproduced",
    reason: `Resetting Adam changes the shift of ln I toward the new mode by ${fmt(s)}${adapt ? "" : ", an interval that includes 0"}, and keeping it changes the fine-tunes' within-pretraining correlation by ${fmt(r)}${residue ? "" : ", an interval that includes 0"}.`,
  };
}

function shiftFigure(input: ShiftInput, a: ShiftAnalysis): string {
  const deg = input.theta.map((t) => (t * 180) / Math.PI);
  const mean = (curves: (readonly number[])[]) => input.theta.map((_, i) => meanOf(curves.map((c) => logCurve(c)[i])));
  const layers: Layer[] = [];
  const pre = input.pretrained.map((p) => p.fisher);
  if (pre.length) layers.push({ kind: "line", x: deg, y: mean(pre), color: "#555555", width: 2, dash: "6 3" });
  layers.push({ kind: "line", x: deg, y: mean(input.runs.filter((r) => !r.reset).map((r) => r.fisher)), color: PALETTE[0], width: 2 });
  layers.push({ kind: "line", x: deg, y: mean(input.runs.filter((r) => r.reset).map((r) => r.fisher)), color: PALETTE[1], width: 2 });
  const points = (reset: boolean, color: string, x0: number): Layer[] => {
    const s = reset ? a.shift.reset : a.shift.keep;
    const per = a.pretrainings.map((g) => meanOf(input.runs.filter((r) => r.reset === reset && r.pretrain === g).map((r) => modeShift(input.theta, r.fisher, input.oldLoc, input.newLoc))));
    return [
      { kind: "points", x: per.map((_, i) => x0 - 0.2 + (0.4 * (i + 0.5)) / per.length), y: per, color, radius: 3, opacity: 0.7 },
      { kind: "points", x: [x0 + 0.3], y: [s.mean], color: "#000000", radius: 4, yLo: s.ci ? [s.ci[0]] : undefined, yHi: s.ci ? [s.ci[1]] : undefined },
    ];
  };
  return renderFigure({
    title: "Keeping vs resetting Adam under a distribution shift",
    caption: "Left: mean ln I(θ) of the pretrained networks (dashed) and of their fine-tunes with Adam's state kept and reset. Right: shift of ln I toward the new mode per pretrained network, with the mean and its 95% t interval.",
    panels: [
      { title: "mean ln I(θ)", x: { label: "θ (deg)", angle: "deg" }, y: { label: "ln I (rad⁻²)" }, layers },
      { title: "ln I near new − near old mode", x: { label: "kept (0) · reset (1)", domain: [-0.5, 1.6] }, y: { label: "mode shift of ln I" }, layers: [...points(false, PALETTE[0], 0), ...points(true, PALETTE[1], 1)] },
    ],
    legend: [
      { label: "pretrained", color: "#555555", kind: "line", dash: "6 3" },
      { label: "fine-tuned, Adam kept", color: PALETTE[0], kind: "line" },
      { label: "fine-tuned, Adam reset", color: PALETTE[1], kind: "line" },
    ],
    shareX: false, shareY: false,
  });
}

const stat = (name: string, s: ReplicateSummary, units: string): Statistic => ({
  name, value: s.mean, lo: s.ci?.[0] ?? NaN, hi: s.ci?.[1] ?? NaN, level: `95% t interval over ${s.replicates} pretrained networks${units}`,
});

export function shiftResult(input: ShiftInput, a: ShiftAnalysis): FindingResult {
  const perm = (name: string, w: WithinBetween): Statistic => ({
    name, value: w.difference.observed, lo: w.difference.lo, hi: w.difference.hi,
    level: `95% permutation interval of pretraining labels, p = ${formatNumber(w.difference.pGreater, 2)}`,
  });
  const perArm = Math.round(input.runs.length / 2 / Math.max(1, a.pretrainings.length));
  return {
    measured: `${a.pretrainings.length} networks pretrained around θ = ${formatNumber((input.oldLoc * 180) / Math.PI, 3)}°, each fine-tuned ${perArm} times (seeds) around ${formatNumber((input.newLoc * 180) / Math.PI, 3)}° with Adam's state kept and ${perArm} times with it reset; `
      + `I(θ) of the output by the derivative method at ${input.theta.length} angles. Adaptation: mean ln I within ±45° of the new mode minus within ±45° of the old one, and the test error on the new distribution. `
      + `Residue: correlation of small-scale ln I (harmonics above ${SMALL_SCALE_HARMONICS}) between fine-tunes of one pretrained network vs of different ones. `
      + "Each pretrained network is one unit: values are averaged over its fine-tunes, and arms are compared pairwise on the same networks. "
      + "Rule: reproduced when the reset − keep mode shift and the keep − reset within-pretraining correlation both have 95% t intervals excluding 0; mixed when one does.",
    statistics: [
      ...(a.pretrainedShift ? [stat("mode shift of ln I, pretrained networks (the start)", a.pretrainedShift, "")] : []),
      stat("mode shift of ln I, Adam kept", a.shift.keep, ""),
      stat("mode shift of ln I, Adam reset", a.shift.reset, ""),
      stat("mode shift: reset − kept", a.shift.resetMinusKeep, ", paired"),
      stat("test error on the new distribution: reset − kept (deg)", a.testError.resetMinusKeep, ", paired"),
      perm("small-scale r within − between pretrainings, Adam kept", a.residue.keep),
      perm("small-scale r within − between pretrainings, Adam reset", a.residue.reset),
      stat("within-pretraining r: kept − reset", a.residue.keepMinusReset, ", paired"),
    ],
    ...shiftVerdict(a),
    figures: [{ name: "optimizer-state", caption: "Mean ln I(θ) with Adam kept vs reset, and the shift toward the new mode per pretrained network.", svg: shiftFigure(input, a) }],
  };
}

const locOf = (config: Record<string, unknown> | null): number => {
  const d = (config?.data as { distribution?: { loc?: number } } | undefined)?.distribution;
  return typeof d?.loc === "number" ? d.loc : 0;
};

/** The optimizer-shift experiment's sweep → the analysis input. */
export function shiftInput(dir: string, stage = "shifted"): ShiftInput {
  const runs = loadSweepRuns(dir);
  let theta: number[] | null = null;
  const out: ShiftRun[] = [];
  const pretrained: ShiftInput["pretrained"][number][] = [];
  let oldLoc = 0, newLoc = Math.PI;
  for (const run of runs) {
    const c = runCurve(run, "derivative");
    if (!c) continue;
    theta ??= c.theta;
    if (run.stage === "pretrain") { pretrained.push({ pretrain: run.replicate, fisher: c.fisher }); oldLoc = locOf(run.contents.config); }
    if (run.stage === stage) {
      newLoc = locOf(run.contents.config);
      out.push({ pretrain: run.replicate, reset: run.condition["finetune.reset_optimizer"] === true, fisher: c.fisher, testMaeDeg: summaryNumber(run, "test_mae_deg") });
    }
  }
  if (!theta || !out.some((r) => r.reset) || !out.some((r) => !r.reset)) throw new Error(`optimizer state: ${dir} lacks measured fine-tunes of both arms (finetune.reset_optimizer false and true); run the optimizer_shift experiment`);
  return { theta, oldLoc, newLoc, runs: out, pretrained };
}

export const optimizerStateFinding: Finding = {
  id: 9,
  slug: "optimizer-state",
  title: "Keeping vs re-initialising the optimizer state",
  claim: "Whether fine-tuning under a distribution shift keeps or re-initialises the optimizer state changes how the network adapts and how much of its initialisation it keeps.",
  experiments: ["optimizer_shift"],
  analyze(ctx: StudyContext): FindingResult {
    const input = shiftInput(ctx.dir("optimizer_shift"));
    return shiftResult(input, analyseShift(input));
  },
};
