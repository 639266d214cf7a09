/**
 * Finding 3 of the original study: pretraining leaves a residue in I(θ) — small-scale structure
 * that fine-tuned replicates of one pretrained network share and replicates of different
 * pretrained networks do not (docs/study.md).
 */
import { permutationInterval, type PermutationInterval } from "../../math/index.js";
import { formatNumber, PALETTE, renderFigure, type Layer } from "../../plot/index.js";
import { pearson } from "../../report/index.js";
import type { Finding, FindingResult, Statistic, StudyContext } from "../finding.js";
import { smallScale, SMALL_SCALE_HARMONICS } from "../smallScale.js";
import { loadSweepRuns, runCurve } from "../sweepRuns.js";
import { withinBetween, type WithinBetween } from "../withinBetween.js";

/** One measured network: which pretrained network it comes from, and its I(θ) on the shared grid. */
export interface ResidueCurve {
  pretrain: number;
  fisher: readonly number[];
}

export interface ResidueInput {
  theta: readonly number[];
  /** the fine-tuned networks, several per pretrained network */
  finetuned: readonly ResidueCurve[];
  /** the pretrained networks themselves (may be empty) */
  pretrained: readonly ResidueCurve[];
}

export interface ResidueAnalysis {
  /** small-scale log I of fine-tunes: within vs between pretrained networks */
  finetunes: WithinBetween;
  /** mean correlation of each fine-tune with its own pretrained network − with the other pretrained networks; null without pretrained curves */
  ownPretrained: PermutationInterval | null;
  pretrainings: number;
  finetunesPerPretraining: number;
}

const LEVEL = 0.95;
const PERMUTATIONS = 4000;
const SEED = 3; // the permutation intervals' seed: fixed, so the study's numbers are reproducible

/** The analysis on plain curves (tested on planted residues). */
export function analyseResidue(input: ResidueInput, options: { seed?: number; permutations?: number } = {}): ResidueAnalysis {
  const opts = { seed: options.seed ?? SEED, permutations: options.permutations ?? PERMUTATIONS, level: LEVEL };
  for (const c of [...input.finetuned, ...input.pretrained]) {
    if (c.fisher.length !== input.theta.length) throw new Error(`analyseResidue(): a curve has ${c.fisher.length} values but the grid has ${input.theta.length}; measure every network on one grid`);
  }
  const ft = input.finetuned.map((c) => smallScale(c.fisher));
  const groups = input.finetuned.map((c) => c.pretrain);
  const finetunes = withinBetween(ft, groups, opts);
  let ownPretrained: PermutationInterval | null = null;
  const pre = new Map(input.pretrained.map((c) => [c.pretrain, smallScale(c.fisher)]));
  if (pre.size >= 2 && groups.every((g) => pre.has(g))) {
    const keys = [...pre.keys()];
    const corr = ft.map((f) => new Map(keys.map((k) => [k, pearson(f, pre.get(k)!)])));
    ownPretrained = permutationInterval(groups, (labels) => {
      let own = 0, other = 0, no = 0;
      labels.forEach((g, i) => {
        for (const k of keys) { if (k === g) own += corr[i].get(k)!; else { other += corr[i].get(k)!; no++; } }
      });
      return own / labels.length - other / no;
    }, opts);
  }
  const counts = finetunes.groups.map((g) => groups.filter((x) => x === g).length);
  return { finetunes, ownPretrained, pretrainings: finetunes.groups.length, finetunesPerPretraining: Math.min(...counts) };
}

/** Verdict rule: each contrast counts when it exceeds the 97.5% quantile of its permutation null (one-sided p < 0.025). */
export function residueVerdict(a: ResidueAnalysis): Pick<FindingResult, "verdict" | "reason"> {
  const shared = a.finetunes.difference.observed > a.finetunes.difference.hi;
  const own = a.ownPretrained ? a.ownPretrained.observed > a.ownPretrained.hi : null;
  const d = a.finetunes.difference;
  const first = `fine-tunes of one pretrained network correlate ${formatNumber(d.observed, 2)} more at small scales than fine-tunes of different ones (chance: ${formatNumber(d.lo, 2)} to ${formatNumber(d.hi, 2)})`;
  if (own === null) return { verdict: shared ? "reproduced" : "not reproduced", reason: `${first}; ${shared ? "above" : "not above"} chance.` };
  const second = `their correlation with their own pretrained network exceeds that with others by ${formatNumber(a.ownPretrained!.observed, 2)} (chance up to ${formatNumber(a.ownPretrained!.hi, 2)})`;
  const verdict = shared && own ? "reproduced" : shared || own ? "mixed" : "not reproduced";
  return { verdict, reason: `${first}${shared ? "" : ", within chance"}; ${second}${own ? "" : ", within chance"}.` };
}

function residueFigure(input: ResidueInput, a: ResidueAnalysis): string {
  const deg = input.theta.map((t) => (t * 180) / Math.PI);
  const layers: Layer[] = [];
  const shown = a.finetunes.groups.slice(0, 2);
  shown.forEach((g, k) => {
    const color = PALETTE[k];
    const pre = input.pretrained.find((c) => c.pretrain === g);
    if (pre) layers.push({ kind: "line", x: deg, y: smallScale(pre.fisher), color, width: 2.5, dash: "6 3" });
    for (const c of input.finetuned.filter((x) => x.pretrain === g)) layers.push({ kind: "line", x: deg, y: smallScale(c.fisher), color, width: 1, opacity: 0.8 });
  });
  const ft = input.finetuned.map((c) => smallScale(c.fisher));
  const within: number[] = [], between: number[] = [];
  for (let i = 0; i < ft.length; i++) for (let j = i + 1; j < ft.length; j++) {
    (input.finetuned[i].pretrain === input.finetuned[j].pretrain ? within : between).push(pearson(ft[i], ft[j]));
  }
  // the pairs side by side, spread along x by rank so that equal values stay visible
  const spread = (v: number[], x0: number) => v.map((_, i) => x0 - 0.25 + (0.5 * (i + 0.5)) / v.length);
  return renderFigure({
    title: "Pretraining residue in I(θ)",
    caption: `Left: small-scale ln I(θ) (harmonics above ${SMALL_SCALE_HARMONICS} of the circle) of the fine-tunes of two pretrained networks (thin, one colour per pretrained network) and of the pretrained networks (dashed). Right: correlation of every pair of fine-tunes, from the same vs from different pretrained networks.`,
    panels: [
      { title: "small-scale ln I", x: { label: "θ (deg)", angle: "deg" }, y: { label: "ln I − smooth trend" }, layers },
      {
        title: "pairwise correlation", x: { label: "same pretraining (0) · different (1)", domain: [-0.5, 1.5] }, y: { label: "Pearson r of small-scale ln I" },
        layers: [
          { kind: "points", x: spread(within, 0), y: within, color: PALETTE[0], radius: 3 },
          { kind: "points", x: spread(between, 1), y: between, color: PALETTE[2], radius: 3 },
          { kind: "line", x: [-0.3, 0.3], y: [a.finetunes.within, a.finetunes.within], color: "#000000", width: 2 },
          { kind: "line", x: [0.7, 1.3], y: [a.finetunes.between, a.finetunes.between], color: "#000000", width: 2 },
        ],
      },
    ],
    legend: [
      { label: `pretrained network ${shown[0] ?? ""}`, color: PALETTE[0], kind: "line" },
      { label: `pretrained network ${shown[1] ?? ""}`, color: PALETTE[1], kind: "line" },
      { label: "the pretrained network itself", color: "#555555", kind: "line", dash: "6 3" },
    ],
    shareX: false, shareY: false,
  });
}

/** The finding's statistics and verdict from its analysis. */
export function residueResult(input: ResidueInput, a: ResidueAnalysis): FindingResult {
  const d = a.finetunes.difference;
  const statistics: Statistic[] = [
    { name: "mean r within a pretraining (small-scale ln I of fine-tunes)", value: a.finetunes.within, lo: NaN, hi: NaN, level: `${a.finetunes.pairs.within} pairs` },
    { name: "mean r between pretrainings", value: a.finetunes.between, lo: NaN, hi: NaN, level: `${a.finetunes.pairs.between} pairs` },
    { name: "within − between", value: d.observed, lo: d.lo, hi: d.hi, level: `95% permutation interval of pretraining labels (${d.permutations} permutations), p = ${formatNumber(d.pGreater, 2)}` },
  ];
  if (a.ownPretrained) {
    const o = a.ownPretrained;
    statistics.push({ name: "r with own pretrained network − with others", value: o.observed, lo: o.lo, hi: o.hi, level: `95% permutation interval (${o.permutations} permutations), p = ${formatNumber(o.pGreater, 2)}` });
  }
  return {
    measured: `${a.pretrainings} pretrained networks, ${a.finetunesPerPretraining} fine-tunes of each (differing only in their seed); I(θ) of the output by the derivative method at ${input.theta.length} angles; `
      + `log I with its smooth trend (Fourier harmonics ≤ ${SMALL_SCALE_HARMONICS}) removed, correlated between every pair of networks. `
      + "Rule: a contrast counts when it lies above the 95% interval of its permutation null (pretraining labels shuffled); reproduced when both count, mixed when one does.",
    statistics, ...residueVerdict(a), figures: [{ name: "residue", caption: "Small-scale ln I of fine-tunes of two pretrained networks, and the pairwise correlations within vs between pretrainings.", svg: residueFigure(input, a) }],
  };
}

/** The residue experiment's sweep → the analysis input (fine-tunes grouped by their pretrained network). */
export function residueInput(dir: string, stage = "concentrated"): ResidueInput {
  const runs = loadSweepRuns(dir);
  let theta: number[] | null = null;
  const take = (run: (typeof runs)[number]): ResidueCurve | null => {
    const c = runCurve(run, "derivative");
    if (!c) return null;
    theta ??= c.theta;
    return { pretrain: run.replicate, fisher: c.fisher };
  };
  const finetuned = runs.filter((r) => r.stage === stage).map(take).filter((c): c is ResidueCurve => c !== null);
  const pretrained = runs.filter((r) => r.stage === "pretrain").map(take).filter((c): c is ResidueCurve => c !== null);
  if (!theta || finetuned.length < 4) throw new Error(`residue: ${dir} has ${finetuned.length} measured fine-tunes; the analysis needs at least 2 pretrained networks with 2 fine-tunes each (run the residue experiment)`);
  return { theta, finetuned, pretrained };
}

export const residueFinding: Finding = {
  id: 3,
  slug: "residue",
  title: "Pretraining leaves a residue",
  claim: "Pretraining leaves strong traces in I(θ) that show up as small-scale correlations between fine-tuned replicates of the same pretrained network.",
  experiments: ["residue"],
  analyze(ctx: StudyContext): FindingResult {
    const input = residueInput(ctx.dir("residue"));
    return residueResult(input, analyseResidue(input));
  },
};
