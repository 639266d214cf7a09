/**
 * Finding 2 of the original study: iterating the adaptation loop adds randomness (the density
 * diffuses) without compensating adaptation at small scales (docs/study.md).
 */
import { integrateCircular } from "../../adapt/index.js";
import { fourierSmooth } from "../../math/index.js";
import { formatNumber, PALETTE, renderFigure, type Layer } from "../../plot/index.js";
import { replicateInterval, type ReplicateSummary } from "../../report/index.js";
import type { Finding, FindingResult, Statistic, StudyContext } from "../finding.js";
import { logCurve, smallScale, SMALL_SCALE_HARMONICS } from "../smallScale.js";
import { loadSweepRuns } from "../sweepRuns.js";

/** One adaptation loop: its damping and, per iteration, the density it trained on and the replicate-mean I it measured, on the loop's grid. */
export interface LoopRecord {
  damping: number;
  /** iteration k → p_k on the grid */
  density: number[][];
  /** iteration k → the replicates' mean I(θ) (unsmoothed) */
  fisher: number[][];
}

export interface DiffusionInput {
  theta: readonly number[];
  /** the domain's period (2π for rotated images) */
  period: number;
  loops: readonly LoopRecord[];
}

export interface DampingAnalysis {
  damping: number;
  loops: number;
  iterations: number;
  /** per iteration: each loop's distance ∫|p_k − p̄_k| from the mean density of the OTHER loops of this damping */
  spread: number[][];
  /** per iteration: ∫|p̄_k − p̄_0| dθ of the loops' mean density, the part of the change the loops share (their adaptation) */
  systematic: number[];
  /** per iteration: each loop's small-scale dispersion of ln I (RMS over θ of ln I minus its smooth trend) */
  smallScaleFisher: number[][];
  /** per iteration: each loop's large-scale dispersion of ln I (RMS of the smooth trend about its mean) */
  largeScaleFisher: number[][];
  /** per loop: spread at the last iteration − at iteration 1 (the first after the loops part) */
  spreadGrowth: ReplicateSummary;
  /** per loop: small-scale dispersion of ln I at the last iteration − at iteration 0 */
  smallScaleChange: ReplicateSummary;
  /** per loop: large-scale dispersion of ln I at the last iteration − at iteration 0 */
  largeScaleChange: ReplicateSummary;
  diffusion: boolean;
  noSmallScaleCompensation: boolean;
}

const rms = (v: readonly number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
};

/**
 * The analysis per damping. Rule: the loop diffuses when the growth of the loops' spread from
 * iteration 1 to the last has a 95% t interval above 0; it does not compensate at small scales
 * when the change of the small-scale dispersion of ln I from iteration 0 to the last does not have
 * an interval below 0.
 */
export function analyseDiffusion(input: DiffusionInput): DampingAnalysis[] {
  const dampings = [...new Set(input.loops.map((l) => l.damping))].sort((a, b) => b - a);
  return dampings.map((damping) => {
    const loops = input.loops.filter((l) => l.damping === damping);
    const iterations = Math.min(...loops.map((l) => l.density.length));
    if (loops.length < 2) throw new Error(`diffusion: damping ${damping} has ${loops.length} loop; the spread between loops needs at least 2 (sweep adapt.seed)`);
    if (iterations < 2) throw new Error(`diffusion: the loops of damping ${damping} ran ${iterations} iteration; the analysis needs at least 2 (adapt.max_iterations)`);
    const spread = Array.from({ length: iterations }, (_, k) => loops.map((l, i) => {
      const others = loops.filter((_, j) => j !== i);
      const mean = l.density[k].map((_, g) => others.reduce((a, o) => a + o.density[k][g], 0) / others.length);
      return integrateCircular(l.density[k].map((v, g) => Math.abs(v - mean[g])), input.period);
    }));
    const meanDensity = (k: number) => loops[0].density[k].map((_, g) => loops.reduce((a, l) => a + l.density[k][g], 0) / loops.length);
    const start = meanDensity(0);
    const systematic = Array.from({ length: iterations }, (_, k) => integrateCircular(meanDensity(k).map((v, g) => Math.abs(v - start[g])), input.period));
    const smallScaleFisher = Array.from({ length: iterations }, (_, k) => loops.map((l) => rms(smallScale(l.fisher[k]))));
    const largeScaleFisher = Array.from({ length: iterations }, (_, k) => loops.map((l) => rms(fourierSmooth(logCurve(l.fisher[k]), SMALL_SCALE_HARMONICS))));
    const last = iterations - 1;
    const change = (per: number[][], from: number) => replicateInterval(loops.map((_, i) => per[last][i] - per[from][i]));
    const spreadGrowth = change(spread, 1), smallScaleChange = change(smallScaleFisher, 0), largeScaleChange = change(largeScaleFisher, 0);
    return {
      damping, loops: loops.length, iterations, spread, systematic, smallScaleFisher, largeScaleFisher, spreadGrowth, smallScaleChange, largeScaleChange,
      diffusion: spreadGrowth.ci !== null && spreadGrowth.ci[0] > 0,
      noSmallScaleCompensation: smallScaleChange.ci !== null && smallScaleChange.ci[1] >= 0,
    };
  });
}

/** Reproduced when every damping both diffuses and fails to compensate at small scales; not reproduced when none does either; mixed otherwise. */
export function diffusionVerdict(analyses: readonly DampingAnalysis[]): Pick<FindingResult, "verdict" | "reason"> {
  const all = analyses.every((a) => a.diffusion && a.noSmallScaleCompensation);
  const none = analyses.every((a) => !a.diffusion && !a.noSmallScaleCompensation);
  const fmt = (s: ReplicateSummary) => `${formatNumber(s.mean, 2)}${s.ci ? ` [${formatNumber(s.ci[0], 2)}, ${formatNumber(s.ci[1], 2)}]` : ""}`;
  const parts = analyses.map((a) => `damping ${a.damping}: the loops' spread ${a.diffusion ? "grows" : "does not grow beyond its interval"} (${fmt(a.spreadGrowth)}), `
    + `the small-scale dispersion of ln I ${a.noSmallScaleCompensation ? "does not shrink" : "shrinks"} (${fmt(a.smallScaleChange)})`);
  return { verdict: all ? "reproduced" : none ? "not reproduced" : "mixed", reason: `${parts.join("; ")}.` };
}

function diffusionFigure(input: DiffusionInput, analyses: readonly DampingAnalysis[]): string {
  const perIteration = (pick: (a: DampingAnalysis) => number[][]): Layer[] => analyses.flatMap((a, d) => {
    const ks = pick(a).map((_, k) => k);
    const means = pick(a).map((v) => v.reduce((x, y) => x + y, 0) / v.length);
    return [
      { kind: "points", x: ks.flatMap((k) => pick(a)[k].map(() => k + (d - 0.5) * 0.15)), y: pick(a).flat(), color: PALETTE[d], radius: 2.5, opacity: 0.6 },
      { kind: "line", x: ks, y: means, color: PALETTE[d], width: 2 },
    ] as Layer[];
  });
  const systematic: Layer[] = analyses.map((a, d) => ({ kind: "line", x: a.systematic.map((_, k) => k), y: a.systematic, color: PALETTE[d], width: 1.5, dash: "6 3" }));
  const deg = input.theta.map((t) => (t * 180) / Math.PI);
  const finals: Layer[] = input.loops.map((l) => ({
    kind: "line", x: deg, y: l.density[l.density.length - 1], color: PALETTE[analyses.findIndex((a) => a.damping === l.damping)], width: 1.2, opacity: 0.85,
  }));
  return renderFigure({
    title: "The adaptation loop: drift between loops vs adaptation",
    caption: `Left: each loop's distance ∫|p − p̄| from the mean density of the other loops of its damping, per iteration (dashed: how far the loops' mean density has moved from the start, the change they share). Middle: small-scale dispersion of ln I (harmonics above ${SMALL_SCALE_HARMONICS}; the loop's distance from its fixed point at small scales). Right: the last iteration's densities of every loop.`,
    panels: [
      { title: "spread between loops", x: { label: "iteration" }, y: { label: "∫|p − p̄| dθ", includeZero: true }, layers: [...perIteration((a) => a.spread), ...systematic] },
      { title: "small-scale dispersion of ln I", x: { label: "iteration" }, y: { label: "RMS of ln I − trend", includeZero: true }, layers: perIteration((a) => a.smallScaleFisher) },
      { title: "last densities", x: { label: "θ (deg)", angle: "deg" }, y: { label: "p(θ) (rad⁻¹)", includeZero: true }, layers: finals },
    ],
    legend: analyses.map((a, d) => ({ label: `damping ${a.damping}`, color: PALETTE[d], kind: "line" as const })),
    shareX: false, shareY: false,
  });
}

const stat = (name: string, s: ReplicateSummary): Statistic => ({
  name, value: s.mean, lo: s.ci?.[0] ?? NaN, hi: s.ci?.[1] ?? NaN, level: s.ci ? `95% t interval over ${s.replicates} loops` : `${s.replicates} loops: too few for an interval`,
});

export function diffusionResult(input: DiffusionInput, analyses: DampingAnalysis[]): FindingResult {
  const statistics = analyses.flatMap((a) => [
    stat(`damping ${a.damping}: growth of the spread between loops, iteration 1 → ${a.iterations - 1} (∫|p − p̄| dθ)`, a.spreadGrowth),
    { name: `damping ${a.damping}: shared change of the density at iteration ${a.iterations - 1}, ∫|p̄ − p̄₀| dθ (for scale)`, value: a.systematic[a.iterations - 1], lo: NaN, hi: NaN, level: `mean density of ${a.loops} loops` },
    stat(`damping ${a.damping}: change of the small-scale dispersion of ln I, iteration 0 → ${a.iterations - 1}`, a.smallScaleChange),
    stat(`damping ${a.damping}: change of the large-scale dispersion of ln I, iteration 0 → ${a.iterations - 1}`, a.largeScaleChange),
  ]);
  const a0 = analyses[0];
  return {
    measured: `${analyses.map((a) => `${a.loops} loops at damping ${a.damping}`).join(" and ")}, all from one pretrained network and differing only in their fine-tunes' seeds (adapt.seed), ${a0.iterations} iterations each on a ${input.theta.length}-point grid. `
      + "Randomness: each loop's distance ∫|p_k − p̄_k| dθ from the mean density of the other loops, per iteration (0 at iteration 0, where every loop starts uniform). "
      + `Distance from the fixed point (a flat I): the RMS over θ of ln I (replicate mean, unsmoothed) split into its smooth trend (Fourier harmonics ≤ ${SMALL_SCALE_HARMONICS}) and its small-scale rest. `
      + "Rule: a damping diffuses when the spread's growth from iteration 1 to the last has a 95% t interval above 0, and does not compensate at small scales when the small-scale dispersion's change from iteration 0 has no interval below 0; reproduced when both hold at every damping, not reproduced when neither holds at any.",
    statistics, ...diffusionVerdict(analyses),
    figures: [{ name: "diffusion", caption: "Spread between loops and small-scale dispersion of ln I per iteration, damping 1 vs 0.5, and the final densities.", svg: diffusionFigure(input, analyses) }],
  };
}

/** The diffusion experiment's sweep → the analysis input (one record per adapt job). */
export function diffusionInput(dir: string): DiffusionInput {
  const runs = loadSweepRuns(dir).filter((r) => r.job.kind === "adapt");
  let theta: number[] | null = null;
  let period = 2 * Math.PI;
  const loops: LoopRecord[] = [];
  for (const run of runs) {
    const rows = run.contents.iterations;
    if (rows.length === 0) continue;
    const ks = [...new Set(rows.map((r) => Number(r.iteration)))].sort((a, b) => a - b);
    const at = (k: number) => rows.filter((r) => Number(r.iteration) === k).sort((a, b) => Number(a.theta) - Number(b.theta));
    theta ??= at(ks[0]).map((r) => Number(r.theta));
    const config = run.job.config as { adapt?: { damping?: number; domain?: [number, number] } } | undefined;
    if (config?.adapt?.domain) period = config.adapt.domain[1] - config.adapt.domain[0];
    loops.push({
      damping: Number(run.condition["adapt.damping"] ?? config?.adapt?.damping ?? 1),
      density: ks.map((k) => at(k).map((r) => Number(r.density))),
      fisher: ks.map((k) => at(k).map((r) => Number(r.fisher))),
    });
  }
  if (!theta || loops.length < 2) throw new Error(`diffusion: ${dir} has ${loops.length} finished adaptation loops; run the diffusion experiment`);
  return { theta, period, loops };
}

export const diffusionFinding: Finding = {
  id: 2,
  slug: "diffusion",
  title: "The adaptation loop diffuses",
  claim: "Iterating the adaptation loop shows increasing randomness, due to diffusion, without compensating adaptation at small scales.",
  experiments: ["diffusion"],
  analyze(ctx: StudyContext): FindingResult {
    const input = diffusionInput(ctx.dir("diffusion"));
    return diffusionResult(input, analyseDiffusion(input));
  },
};
