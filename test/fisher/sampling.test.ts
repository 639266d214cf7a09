import { describe, expect, test } from "vitest";
import { cosinePopulation } from "./population.js";
import { sampling } from "../../src/fisher/index.js";
import { matrix, selectRows } from "../../src/math/linalg.js";
import { createRng, permutation } from "../../src/engine/index.js";

// N = 10 cosine-tuned units, correlated noise (σ = 0.2), θ = 0.7, δ = 0.1, T = 400 per class:
// true I ≈ 91.8 (d′ ≈ 0.96), closed form (Δf/δ)ᵀΣ⁻¹(Δf/δ) (population.ts)
const pop = cosinePopulation(10, { noise: 0.2 });
const theta = 0.7, delta = 0.1, T = 400;
const truth = pop.fisherFinite(theta, delta);
const data = (seed: number, trials = T) => {
  const rng = createRng(seed);
  return { theta, delta, low: pop.sample(theta - delta / 2, trials, rng), high: pop.sample(theta + delta / 2, trials, rng) };
};

describe("sampling()", () => {
  const runs = Array.from({ length: 200 }, (_, s) => sampling({ confidence: 0.9 }).estimate(data(s)));

  test("sampling() is unbiased on a closed-form population: mean of 200 datasets within 5% of the true I", () => {
    const mean = runs.reduce((s, r) => s + r.fisher, 0) / runs.length;
    expect(Math.abs(mean / truth - 1)).toBeLessThan(0.05); // measured: −1.3%
    expect(pop.fisher(theta) / truth - 1).toBeLessThan(1e-3); // finite δ changes I by < 0.1% here
  });

  test("sampling() fisherUncorrected is biased upward by the Kanitscheider factor: E ≈ (I + 2N/(Tδ²))·(2T−2)/(2T−N−3)", () => {
    const mean = runs.reduce((s, r) => s + r.fisherUncorrected!, 0) / runs.length;
    const expected = (truth + (2 * 10) / (T * delta * delta)) * (2 * T - 2) / (2 * T - 10 - 3);
    expect(mean).toBeGreaterThan(truth * 1.05);
    expect(Math.abs(mean / expected - 1)).toBeLessThan(0.05);
  });

  test("sampling() 90% intervals cover the true I in 80–97% of 200 datasets", () => {
    const covered = runs.filter((r) => r.ciLow <= truth && truth <= r.ciHigh).length / runs.length;
    expect(covered).toBeGreaterThanOrEqual(0.8);
    expect(covered).toBeLessThanOrEqual(0.97);
  });

  test("sampling() stderr matches the spread of estimates across datasets within 20%", () => {
    const mean = runs.reduce((s, r) => s + r.fisher, 0) / runs.length;
    const sd = Math.sqrt(runs.reduce((s, r) => s + (r.fisher - mean) ** 2, 0) / (runs.length - 1));
    const se = runs.reduce((s, r) => s + r.stderr, 0) / runs.length;
    expect(Math.abs(se / sd - 1)).toBeLessThan(0.2);
  });

  test("sampling() returns the shared result shape with method, nSamples and the sample covariance", () => {
    const r = runs[0];
    expect(r).toMatchObject({ theta, method: "sampling", nSamples: 2 * T, covariance: "sample", warnings: [] });
    expect(r.ciLow).toBeLessThan(r.fisher);
    expect(r.ciHigh).toBeGreaterThan(r.fisher);
  });

  test("sampling() is unchanged by permuting trials within each class and does not mutate its input", () => {
    const d = data(7, 100);
    const before = Float64Array.from(d.low.data);
    const a = sampling().estimate(d);
    const rng = createRng(99);
    const b = sampling().estimate({ ...d, low: selectRows(d.low, permutation(100, rng)), high: selectRows(d.high, permutation(100, rng)) });
    expect(b.fisher).toBeCloseTo(a.fisher, 9);
    expect(b.stderr).toBeCloseTo(a.stderr, 9);
    expect(Array.from(d.low.data)).toEqual(Array.from(before));
  });

  test("sampling() accepts arrays of rows and flat data with a shape", () => {
    const d = data(3, 50);
    const rows = (m: typeof d.low) => Array.from({ length: m.rows }, (_, t) => Array.from(m.data.subarray(t * m.cols, (t + 1) * m.cols)));
    const a = sampling().estimate(d);
    const b = sampling().estimate({ ...d, low: rows(d.low), high: { shape: [50, 10], data: Float32Array.from(d.high.data) } });
    expect(b.fisher).toBeCloseTo(a.fisher, 3);
  });

  test("sampling() rejects bad input with one-line messages naming the parameter", () => {
    const d = data(1, 50);
    expect(() => sampling().estimate({ ...d, delta: -0.03 })).toThrow("sampling(): delta must be > 0, got -0.03");
    expect(() => sampling().estimate({ ...d, high: selectRows(matrix(50, 9, new Float64Array(450).fill(1)), [0, 1, 2]) })).toThrow(/same number of units/);
    const nan = matrix(50, 10, d.low.data); nan.data[13] = NaN;
    expect(() => sampling().estimate({ ...d, low: nan })).toThrow(/low must be finite, got NaN at trial 1, unit 3/);
    const constant = matrix(50, 10, d.low.data), constantHigh = matrix(50, 10, d.high.data);
    for (let t = 0; t < 50; t++) { constant.data[t * 10] = 1; constantHigh.data[t * 10] = 1; }
    expect(() => sampling().estimate({ ...d, low: constant, high: constantHigh })).toThrow(/pooled covariance is singular/);
    expect(() => sampling().estimate({ ...d, low: selectRows(d.low, [0]) })).toThrow(/at least 2 trials/);
    expect(() => sampling({ confidence: 1.5 })).toThrow("sampling(): confidence must be in (0, 1), got 1.5");
    expect(() => sampling({ bogus: 1 } as never)).toThrow(/sampling\(\): bogus: unknown key; valid keys: confidence/);
    expect(() => sampling({ covariance: "sample" }).estimate(data(1, 6))).toThrow(/2T > N \+ 5/);
  });
});
