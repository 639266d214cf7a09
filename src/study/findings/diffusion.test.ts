import { describe, expect, it } from "vitest";
import { normaliseDensity } from "../../adapt/index.js";
import { createRng } from "../../engine/index.js";
import { analyseDiffusion, diffusionResult, type DiffusionInput, type LoopRecord } from "./diffusion.js";

const N = 100;
const theta = Array.from({ length: N }, (_, i) => (2 * Math.PI * i) / N);
const period = 2 * Math.PI;

/** Smooth random log-density steps (harmonics 1-6), amplitude `size`. */
function step(rng: ReturnType<typeof createRng>, size: number): number[] {
  const terms = Array.from({ length: 6 }, (_, k) => ({ k: k + 1, a: rng.normal() * size, ph: 2 * Math.PI * rng.uniform() }));
  return theta.map((t) => terms.reduce((s, h) => s + h.a * Math.cos(h.k * t + h.ph), 0));
}
/** Small-scale roughness of ln I (harmonics 12-40), amplitude `size`. */
function rough(rng: ReturnType<typeof createRng>, size: number): number[] {
  const terms = Array.from({ length: 29 }, (_, k) => ({ k: k + 12, a: rng.normal() * size, ph: 2 * Math.PI * rng.uniform() }));
  return theta.map((t) => terms.reduce((s, h) => s + h.a * Math.cos(h.k * t + h.ph), 0));
}

/**
 * `loops` loops of `K` iterations per damping. Random walk: ln p_k is a sum of independent steps
 * per loop (diffusion), and ln I keeps the same small-scale roughness. Converging: every loop's
 * ln p_k approaches one fixed point, its own noise and the roughness of ln I shrinking by half per iteration.
 */
function loops(kind: "random walk" | "converging", K = 6, L = 4, seed = 1): DiffusionInput {
  const rng = createRng(seed);
  const target = step(rng, 0.3);
  const out: LoopRecord[] = [];
  for (const damping of [1, 0.5]) {
    for (let l = 0; l < L; l++) {
      const density: number[][] = [], fisher: number[][] = [];
      let lnp = theta.map(() => 0);
      for (let k = 0; k < K; k++) {
        density.push(normaliseDensity(lnp.map(Math.exp), period));
        const r = rough(rng, kind === "random walk" ? 0.05 : 0.05 * 0.5 ** k);
        fisher.push(theta.map((_, i) => Math.exp(3 + r[i])));
        const s = step(rng, 0.05);
        lnp = kind === "random walk" ? lnp.map((v, i) => v + s[i]) : lnp.map((_, i) => target[i] * (1 - 0.5 ** (k + 1)) + 0.5 ** (k + 1) * s[i]);
      }
      out.push({ damping, density, fisher });
    }
  }
  return { theta, period, loops: out };
}

describe("analyseDiffusion()", () => {
  it("sees diffusion without small-scale compensation in random-walk loops", () => {
    const input = loops("random walk");
    const a = analyseDiffusion(input);
    expect(a.map((x) => x.damping)).toEqual([1, 0.5]);
    for (const x of a) {
      expect([x.loops, x.iterations]).toEqual([4, 6]);
      expect(x.spread[0].every((v) => v === 0)).toBe(true); // every loop starts uniform
      expect(x.systematic[0]).toBe(0);
      expect(x.diffusion).toBe(true);
      expect(x.noSmallScaleCompensation).toBe(true);
    }
    const result = diffusionResult(input, a);
    expect(result.verdict).toBe("reproduced");
    expect(result.statistics.length).toBe(8);
    expect(result.figures[0].svg).toContain("<svg");
  });

  it("sees neither in loops that converge to one fixed point while their roughness shrinks", () => {
    const a = analyseDiffusion(loops("converging"));
    for (const x of a) {
      expect([x.diffusion, x.noSmallScaleCompensation]).toEqual([false, false]);
      // the shared move toward the fixed point dwarfs the loops' remaining spread
      expect(x.systematic[x.iterations - 1]).toBeGreaterThan(5 * Math.max(...x.spread[x.iterations - 1]));
    }
    expect(diffusionResult(loops("converging"), a).verdict).toBe("not reproduced");
  });

  it("needs two loops and two iterations per damping", () => {
    const one = loops("random walk", 6, 1);
    expect(() => analyseDiffusion(one)).toThrow(/damping 1 has 1 loop; the spread between loops needs at least 2/);
    expect(() => analyseDiffusion(loops("random walk", 1, 2))).toThrow(/ran 1 iteration; the analysis needs at least 2/);
  });
});
