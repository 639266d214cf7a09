import { describe, expect, it } from "vitest";
import { createRng } from "../../engine/index.js";
import { analyseShift, modeShift, shiftResult, type ShiftInput, type ShiftRun } from "./optimizerState.js";

const N = 100; // π/4 is 12.5 grid steps: no grid angle on a window's edge
const theta = Array.from({ length: N }, (_, i) => (2 * Math.PI * i) / N);
const near = (t: number, loc: number) => Math.abs(Math.atan2(Math.sin(t - loc), Math.cos(t - loc))) <= Math.PI / 4;

describe("modeShift()", () => {
  it("is the difference of mean ln I near the new and near the old mode (exact on a step curve)", () => {
    const fisher = theta.map((t) => (near(t, Math.PI) ? Math.exp(2.5) : near(t, 0) ? Math.exp(1) : Math.exp(0.3)));
    expect(modeShift(theta, fisher, 0, Math.PI)).toBeCloseTo(1.5, 12);
    expect(modeShift(theta, fisher.map((v) => 7 * v), 0, Math.PI)).toBeCloseTo(1.5, 12); // scale-free
  });
});

/** A smooth bump at π (harmonic 1 only, so it adds nothing at small scales). */
const bump = theta.map((t) => (1 + Math.cos(t - Math.PI)) / 2);

/** G pretrained networks; each arm's fine-tunes: ln I = shift·bump + residue_g·shared + own noise. */
function planted(G: number, F: number, effect: { resetShift: number; keepShift: number; keepShared: number; resetShared: number }, seed = 1): ShiftInput {
  const rng = createRng(seed);
  const smallScale = () => {
    // 30 harmonics: enough independent terms that one pair's correlation has sd ≈ 0.1
    const terms = Array.from({ length: 30 }, (_, k) => ({ k: 14 + k, a: rng.normal() * 0.2, ph: 2 * Math.PI * rng.uniform() }));
    return theta.map((t) => terms.reduce((s, h) => s + h.a * Math.cos(h.k * t + h.ph), 0));
  };
  const runs: ShiftRun[] = [];
  for (let g = 0; g < G; g++) {
    const residue = smallScale();
    for (const reset of [false, true]) {
      for (let f = 0; f < F; f++) {
        const noise = smallScale();
        const shift = (reset ? effect.resetShift : effect.keepShift) + 0.05 * rng.normal();
        const shared = reset ? effect.resetShared : effect.keepShared;
        runs.push({ pretrain: g, reset, testMaeDeg: 5 + rng.normal(), fisher: theta.map((t, i) => Math.exp(2 + shift * bump[i] + shared * residue[i] + noise[i])) });
      }
    }
  }
  return { theta, oldLoc: 0, newLoc: Math.PI, runs, pretrained: [] };
}

describe("analyseShift()", () => {
  it("recovers a planted difference in adaptation and in residue between keeping and resetting Adam", () => {
    const input = planted(5, 3, { resetShift: 1.2, keepShift: 0.6, keepShared: 1, resetShared: 0 });
    const a = analyseShift(input, { permutations: 500 });
    // the mode shift of shift·bump is shift × (the bump's own mode shift, ≈ 0.90), plus the small-scale
    // terms' mean over the windows (≈ 0): tolerance 0.15
    const unit = modeShift(theta, bump.map(Math.exp), 0, Math.PI);
    expect(Math.abs(a.shift.keep.mean - 0.6 * unit)).toBeLessThan(0.15);
    expect(Math.abs(a.shift.resetMinusKeep.mean - 0.6 * unit)).toBeLessThan(0.15);
    expect(a.shift.resetMinusKeep.ci![0]).toBeGreaterThan(0);
    expect(a.residue.keep.difference.observed).toBeGreaterThan(a.residue.keep.difference.hi);
    expect(a.residue.keepMinusReset.ci![0]).toBeGreaterThan(0);
    const result = shiftResult(input, a);
    expect(result.verdict).toBe("reproduced");
    expect(result.statistics.length).toBe(7); // no pretrained curves: no baseline statistic
  });

  it("reports the pretrained networks' own mode shift as the baseline when their curves are given", () => {
    const input = planted(3, 2, { resetShift: 1, keepShift: 1, keepShared: 0, resetShared: 0 });
    const atOld = theta.map((t) => Math.exp(2 + Math.cos(t))); // sensitive around the old mode θ = 0
    const a = analyseShift({ ...input, pretrained: [0, 1, 2].map((g) => ({ pretrain: g, fisher: atOld })) }, { permutations: 100 });
    expect(a.pretrainedShift!.mean).toBeCloseTo(modeShift(theta, atOld, 0, Math.PI), 12);
    expect(a.pretrainedShift!.mean).toBeLessThan(-1.5); // ≈ −2 · sin(π/4)/(π/4)
  });

  it("gives not reproduced when both arms are the same", () => {
    const input = planted(4, 3, { resetShift: 0.8, keepShift: 0.8, keepShared: 0.5, resetShared: 0.5 }, 2);
    const a = analyseShift(input, { permutations: 500 });
    expect(shiftResult(input, a).verdict).toBe("not reproduced");
  });
});
