import { angleGrid } from "../../math/index.js";
import { renderFigure, type Layer } from "../../plot/index.js";
import { angleDistance } from "../../train/index.js";
import type { Finding, FindingResult, Statistic } from "../finding.js";
import { loadSweepRuns, runCurve, runMethods, type Curve, type StudyRun } from "../sweepRuns.js";
import { errorByAngle } from "./errorByAngle.js";
import { aboveZero, below, mean, plainStatistic, tStatistic, verdictOf, welchStatistic } from "./statistics.js";

const DEG = 180 / Math.PI;
const TWO_PI = 2 * Math.PI;
/** The concentrated distribution's mode (von Mises κ = 4 at π in specialisation.yaml). */
export const MODE = Math.PI;
/** Near the mode: within 45° (holds 85% of κ = 4's mass); far: more than 90° away (3%). */
export const NEAR = Math.PI / 4, FAR = Math.PI / 2;
/** Angles at which the decoding error is measured: every 5°. */
const ERROR_ANGLES = 72;
/** The extrapolation bound: far from the mode, fine-tuning may at most double the pretrained network's error. */
export const EXTRAPOLATION_BOUND = 2;

const near = (t: number) => angleDistance(t, MODE, TWO_PI) <= NEAR;
const far = (t: number) => angleDistance(t, MODE, TWO_PI) > FAR;
const regionMean = (theta: readonly number[], v: readonly number[], inRegion: (t: number) => boolean) => {
  const xs = v.filter((_, i) => inRegion(theta[i]));
  return xs.length ? mean(xs) : NaN;
};
/** log(mean I near the mode / mean I far from it). */
export const logNearFar = (c: Curve): number => Math.log(regionMean(c.theta, c.fisher, near) / regionMean(c.theta, c.fisher, far));
/** log(mean I near the old mode / mean I over the whole circle): what is left of the first concentration. */
export const logResidue = (c: Curve): number => Math.log(regionMean(c.theta, c.fisher, near) / mean(c.fisher));

const sd = (xs: readonly number[]) => {
  const m = mean(xs);
  return xs.length > 1 ? Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1)) : NaN;
};

/** One fine-tuning length's concentrated networks: error by region (deg), their pretrained parents' far error, I ratios. */
export interface ConcentratedNetwork {
  errNear: number;
  errFar: number;
  /** the pretrained parent's error far from the mode (deg) */
  errFarPretrained: number;
  logRatio: number;
  /** log ratios of the same network on bootstrap resamples of its identities */
  bootLogRatios: number[];
}

/** Everything finding 4 compares for one fine-tuning length (max epochs). */
export interface SpecialisationGroup {
  epochs: number;
  concentrated: ConcentratedNetwork[];
  /** logResidue of the shifted networks: via the concentrated stage / straight from uniform */
  residueViaConcentrated: number[];
  residueDirect: number[];
}

/**
 * Statistics and verdict parts for one fine-tuning length: (a) specialisation — the 95% t intervals of
 * errFar − errNear and of log(I near / I far) lie above 0; (b) extrapolation — the interval of
 * errFar / errFar(pretrained) lies below EXTRAPOLATION_BOUND; (c) the concentration changes later
 * fine-tuning — the Welch interval of the old-mode residue (via concentrated − direct) excludes 0.
 */
export function specialisationParts(g: SpecialisationGroup): { statistics: Statistic[]; parts: [boolean, boolean, boolean] } {
  const p = `${g.epochs}-epoch fine-tuning`;
  const c = g.concentrated;
  const errGap = tStatistic(`${p}: test error far − near the mode (deg)`, c.map((n) => n.errFar - n.errNear));
  const extrapolation = tStatistic(`${p}: test error far from the mode ÷ pretrained network's there`, c.map((n) => n.errFar / n.errFarPretrained));
  const ratio = tStatistic(`${p}: log(I near / I far)`, c.map((n) => n.logRatio));
  const replicateSd = plainStatistic(`${p}: replicate sd of log(I near / I far)`, sd(c.map((n) => n.logRatio)), `sd over ${c.length} networks`);
  const estimatorSd = plainStatistic(`${p}: estimator sd of log(I near / I far)`, mean(c.map((n) => sd(n.bootLogRatios))), "sd over bootstrap resamples of identities, mean over networks");
  const residue = welchStatistic(`${p}: old-mode residue log(I near π / mean I) after the shift, via concentrated − from uniform`, g.residueViaConcentrated, g.residueDirect);
  const specialises = aboveZero(errGap) && aboveZero(ratio);
  const extrapolates = below(extrapolation, EXTRAPOLATION_BOUND);
  const changesLater = aboveZero(residue) || (Number.isFinite(residue.hi) && residue.hi < 0);
  return { statistics: [errGap, ratio, replicateSd, estimatorSd, extrapolation, residue], parts: [specialises, extrapolates, changesLater] };
}

/** The verdict over the longest fine-tuning (the converged one); shorter ones are reported beside it. */
export function analyzeSpecialisation(groups: readonly SpecialisationGroup[]): { statistics: Statistic[]; verdict: FindingResult["verdict"]; reason: string } {
  if (groups.length === 0) throw new Error("analyzeSpecialisation(): no fine-tuned networks; rerun the study to finish its sweeps");
  const sorted = [...groups].sort((a, b) => b.epochs - a.epochs);
  const results = sorted.map((g) => ({ g, ...specialisationParts(g) }));
  const main = results[0];
  const verdict = verdictOf(main.parts);
  const say = (r: typeof main) => `specialises ${r.parts[0] ? "yes" : "no"}, extrapolates ${r.parts[1] ? "yes" : "no"}, concentration changes the later shift ${r.parts[2] ? "yes" : "no"}`;
  const reason = `With ${main.g.epochs}-epoch fine-tuning: ${say(main)}.` + results.slice(1).map((r) => ` With ${r.g.epochs}-epoch fine-tuning: ${say(r)} (${verdictOf(r.parts)}).`).join("");
  return { statistics: results.flatMap((r) => r.statistics), verdict, reason };
}

const epochsOf = (run: StudyRun) => Number(run.condition["finetune.train.max_epochs"] ?? (run.contents.config?.train as { max_epochs?: number } | undefined)?.max_epochs);

export const specialisationFinding: Finding = {
  id: 4,
  slug: "specialisation",
  title: "Networks specialise to the concentrated region yet extrapolate",
  claim: "Models specialise to regions of the domain but extrapolate well outside them; the difference between regions is on the scale of replicate and estimator noise, and the concentration affects later fine-tuning.",
  experiments: ["specialisation", "specialisation_direct"],
  analyze(ctx) {
    const dir = ctx.dir("specialisation");
    const runs = loadSweepRuns(dir), direct = loadSweepRuns(ctx.dir("specialisation_direct"));
    const angles = angleGrid(0, TWO_PI, ERROR_ANGLES);
    const byId = new Map(runs.map((r) => [r.job.run_id, r]));
    const farErrCache = new Map<string, number>();
    const errors = (run: StudyRun) => errorByAngle(run.contents.dir, angles).map((e) => e * DEG);
    const farError = (run: StudyRun) => {
      if (!farErrCache.has(run.job.run_id)) farErrCache.set(run.job.run_id, regionMean(angles, errors(run), far));
      return farErrCache.get(run.job.run_id)!;
    };
    const epochs = [...new Set(runs.filter((r) => r.stage !== "pretrain").map(epochsOf))].sort((a, b) => a - b);
    const errorCurves = new Map<string, number[]>();
    const groups: SpecialisationGroup[] = epochs.map((E) => {
      const concentrated: ConcentratedNetwork[] = [];
      for (const run of runs.filter((r) => r.stage === "concentrated" && epochsOf(r) === E)) {
        const curve = runCurve(run, "derivative");
        const parent = run.job.parent ? byId.get(run.job.parent) : undefined;
        if (!curve || !parent) continue;
        const err = errors(run);
        errorCurves.set(run.job.run_id, err);
        const boots = runMethods(run, "derivative-boot").map((m) => runCurve(run, m)).filter((c): c is Curve => c !== null);
        concentrated.push({ errNear: regionMean(angles, err, near), errFar: regionMean(angles, err, far), errFarPretrained: farError(parent), logRatio: logNearFar(curve), bootLogRatios: boots.map(logNearFar) });
      }
      const residues = (rs: StudyRun[]) => rs.filter((r) => r.stage === "shifted" && epochsOf(r) === E).map((r) => runCurve(r, "derivative")).filter((c): c is Curve => c !== null).map(logResidue);
      return { epochs: E, concentrated, residueViaConcentrated: residues(runs), residueDirect: residues(direct) };
    }).filter((g) => g.concentrated.length > 0);
    const { statistics, verdict, reason } = analyzeSpecialisation(groups);
    const measured = `4096-60-20-2 celu networks pretrained on uniform angles (textures bank), fine-tuned on von Mises κ = 4 at 180° ("concentrated"), then on κ = 4 at 90° ("shifted"); the control fine-tunes the same pretraining straight to "shifted". Each fine-tuning ran for ${epochs.join(" and ")} epochs at most (early stopping, patience 40 where it applies). Test error: mean |decoded − θ| of the 50 test identities at every 5°, near the mode (within 45°) and far (beyond 90°). I(θ): derivative estimator on the output at 120 angles, on the test identities and on 3 bootstrap resamples (estimator spread). Residue: log of mean I within 45° of 180° over mean I, after the shift.`;
    return { measured, statistics, verdict, reason, figures: [specialisationFigure(runs, direct, angles, errorCurves, epochs)] };
  },
};

function meanCurve(curves: readonly Curve[]): Curve | null {
  if (curves.length === 0) return null;
  const n = curves[0].theta.length;
  return { theta: curves[0].theta, fisher: Array.from({ length: n }, (_, i) => mean(curves.map((c) => c.fisher[i]))), stderr: [] };
}

function specialisationFigure(runs: StudyRun[], direct: StudyRun[], angles: number[], errorCurves: Map<string, number[]>, epochs: number[]): { name: string; caption: string; svg: string } {
  const E = epochs[epochs.length - 1];
  const curvesOf = (rs: StudyRun[], stage: string, e?: number) => rs.filter((r) => r.stage === stage && (e === undefined || epochsOf(r) === e)).map((r) => runCurve(r, "derivative")).filter((c): c is Curve => c !== null);
  const series: [string, string, Curve | null, string?][] = [
    ["pretrained (uniform)", "#000000", meanCurve(curvesOf(runs, "pretrain"))],
    [`concentrated at 180°, ${E} epochs`, "#0072B2", meanCurve(curvesOf(runs, "concentrated", E))],
    [`→ shifted to 90°, ${E} epochs`, "#D55E00", meanCurve(curvesOf(runs, "shifted", E))],
    [`uniform → shifted to 90°, ${E} epochs`, "#009E73", meanCurve(curvesOf(direct, "shifted", E)), "5 3"],
  ];
  const fisherLayers: Layer[] = series.filter(([, , c]) => c !== null).map(([, color, c, dash]) => ({ kind: "line", x: c!.theta.map((t) => t * DEG), y: c!.fisher, color, width: 1.6, dash }));
  const errorLayers: Layer[] = epochs.map((e, k) => {
    const ids = runs.filter((r) => r.stage === "concentrated" && epochsOf(r) === e).map((r) => errorCurves.get(r.job.run_id)).filter((v): v is number[] => v !== undefined);
    return { kind: "line", x: angles.map((t) => t * DEG), y: angles.map((_, i) => mean(ids.map((v) => v[i]))), color: "#0072B2", width: 1.6, dash: k === epochs.length - 1 ? undefined : "4 3" } as Layer;
  });
  const svg = renderFigure({
    title: "Specialisation to a concentrated distribution, and a later shift",
    caption: "Left: mean I(θ) over replicates after each stage. Right: test error by angle after fine-tuning on the concentrated distribution (solid: longest fine-tuning, dashed: shortest); the mode is at 180°.",
    panels: [
      { title: "I(θ), replicate means", x: { label: "θ (deg)", domain: [0, 360] }, y: { label: "I(θ) (rad⁻²)", log: true }, layers: fisherLayers },
      { title: "test error after concentrated fine-tuning", x: { label: "θ (deg)", domain: [0, 360] }, y: { label: "mean |error| (deg)", includeZero: true }, layers: errorLayers },
    ],
    legend: series.filter(([, , c]) => c !== null).map(([label, color, , dash]) => ({ label, color, kind: "line" as const, dash })),
    columns: 2, shareY: false,
  });
  return { name: "regions", caption: "I(θ) after each stage and the test error by angle after concentrated fine-tuning.", svg };
}
