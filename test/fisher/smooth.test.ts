import { describe, expect, test } from "vitest";
import { cosinePopulation } from "./population.js";
import { smooth } from "../../src/fisher/index.js";
import { matrix } from "../../src/math/linalg.js";
import { savitzkyGolayDerivativeWeights, circularDerivative } from "../../src/fisher/savitzkyGolay.js";
import { createRng } from "../../src/engine/index.js";

const pop = cosinePopulation(10, { noise: 0.2 });
/** G grid angles over 2π, m trials each. */
function gridData(seed: number, g = 360, m = 8) {
  const rng = createRng(seed);
  const x = matrix(g * m, pop.units);
  const stimuli = new Float64Array(g * m);
  for (let k = 0; k < g; k++) {
    const theta = (2 * Math.PI * k) / g;
    x.data.set(pop.sample(theta, m, rng).data, k * m * pop.units);
    stimuli.fill(theta, k * m, (k + 1) * m);
  }
  return { responses: x, stimuli, period: 2 * Math.PI };
}

describe("smooth()", () => {
  test("savitzkyGolayDerivativeWeights() are k/(hΣk²) and differentiate sin within 1% including the wrapped ends", () => {
    expect(Array.from(savitzkyGolayDerivativeWeights(5, 0.5))).toEqual([-2, -1, 0, 1, 2].map((k) => k / (0.5 * 10)));
    // sin on a periodic grid of 64 points: derivative ≈ cos, including at the wrapped ends
    const g = 64, h = (2 * Math.PI) / g;
    const d = circularDerivative(Float64Array.from({ length: g }, (_, k) => Math.sin(k * h)), g, 1, 5, h);
    for (const k of [0, 1, 31, 63]) expect(Math.abs(d[k] - Math.cos(k * h))).toBeLessThan(0.01);
  });

  test("smooth() recovers the closed-form I(θ) curve: mean relative error over 6 points × 3 seeds within 8%, each point within 4 stderr", () => {
    const errors: number[] = [];
    for (const seed of [0, 1, 2]) {
      const est = smooth({ points: 6 }).estimate(gridData(seed));
      expect(est).toHaveLength(6);
      for (const e of est) {
        const truth = pop.fisher(e.theta);
        errors.push(e.fisher / truth - 1);
        expect(Math.abs(e.fisher - truth)).toBeLessThan(4 * e.stderr);
        expect(e).toMatchObject({ method: "smooth", nSamples: 480, covariance: "sample" });
      }
    }
    const mean = errors.reduce((s, v) => s + v, 0) / errors.length;
    expect(Math.abs(mean)).toBeLessThan(0.08);
  });

  test("smooth() rejects uneven grids, single trials per angle and a window longer than the grid", () => {
    const d = gridData(0, 36, 2);
    const uneven = Float64Array.from(d.stimuli, (s) => (s > 3 ? s + 0.01 : s));
    expect(() => smooth().estimate({ ...d, stimuli: uneven })).toThrow(/equally spaced/);
    const single = gridData(0, 36, 1);
    expect(() => smooth({ window: 5, points: 4 }).estimate(single)).toThrow(/≥ 2 trials/);
    expect(() => smooth({ window: 41 }).estimate(d)).toThrow(/window 41 exceeds the 36 grid values/);
    expect(() => smooth({ window: 4 })).toThrow("smooth(): window must be odd, got 4");
    expect(() => smooth().estimate({ ...d, stimuli: d.stimuli.subarray(1) })).toThrow(/one stimulus value per trial/);
  });
});
