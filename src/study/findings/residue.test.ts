import { describe, expect, it } from "vitest";
import { createRng } from "../../engine/index.js";
import { analyseResidue, residueResult, type ResidueInput } from "./residue.js";

const N = 96;
const theta = Array.from({ length: N }, (_, i) => (2 * Math.PI * i) / N);

/** A random small-scale pattern: harmonics 12-30 with random phases, amplitude ~`scale` in ln I. */
function pattern(seed: number, scale: number): number[] {
  const rng = createRng(seed);
  const terms = Array.from({ length: 19 }, (_, k) => ({ k: 12 + k, a: rng.normal() * scale / 4, phase: 2 * Math.PI * rng.uniform() }));
  return theta.map((t) => terms.reduce((s, h) => s + h.a * Math.cos(h.k * t + h.phase), 0));
}

/** G pretrained networks × F fine-tunes: ln I = smooth trend (shared by all) + shared·residue_g + own noise. */
function planted(G: number, F: number, shared: number, smoothPerGroup = 0): ResidueInput {
  const trend = theta.map((t) => 3 + Math.cos(t - Math.PI));
  const finetuned: ResidueInput["finetuned"][number][] = [], pretrained: ResidueInput["pretrained"][number][] = [];
  for (let g = 0; g < G; g++) {
    const residue = pattern(100 + g, 1);
    const bump = theta.map((t) => smoothPerGroup * Math.cos(2 * t + g)); // a per-network difference only at large scale
    pretrained.push({ pretrain: g, fisher: theta.map((_, i) => Math.exp(trend[i] + bump[i] + residue[i])) });
    for (let f = 0; f < F; f++) {
      const noise = pattern(1000 + 10 * g + f, 1);
      finetuned.push({ pretrain: g, fisher: theta.map((_, i) => Math.exp(trend[i] + bump[i] + shared * residue[i] + noise[i])) });
    }
  }
  return { theta, finetuned, pretrained };
}

describe("analyseResidue()", () => {
  it("finds a planted shared residue: within-pretraining correlation above chance, and fine-tunes closest to their own pretrained network", () => {
    const input = planted(4, 3, 1);
    const a = analyseResidue(input, { permutations: 1000 });
    // with residue and noise of equal size, the expected within-pair correlation is 1/2 and between-pair 0
    expect(a.finetunes.within).toBeGreaterThan(0.3);
    expect(Math.abs(a.finetunes.between)).toBeLessThan(0.15);
    expect(a.finetunes.difference.observed).toBeGreaterThan(a.finetunes.difference.hi);
    expect(a.ownPretrained!.observed).toBeGreaterThan(a.ownPretrained!.hi);
    expect([a.pretrainings, a.finetunesPerPretraining]).toEqual([4, 3]);
    const result = residueResult(input, a);
    expect(result.verdict).toBe("reproduced");
    expect(result.figures[0].svg).toContain("<svg");
  });

  it("finds none when the fine-tunes share nothing at small scales, even if their pretrained networks differ at large scales", () => {
    const a = analyseResidue(planted(4, 3, 0, 1.5), { permutations: 1000 });
    expect(a.finetunes.difference.observed).toBeLessThanOrEqual(a.finetunes.difference.hi);
    expect(residueResult(planted(4, 3, 0, 1.5), a).verdict).toBe("not reproduced");
  });

  it("rejects curves measured on a different grid", () => {
    const input = planted(2, 2, 1);
    expect(() => analyseResidue({ ...input, theta: theta.slice(1) })).toThrow(/a curve has 96 values but the grid has 95/);
  });
});
