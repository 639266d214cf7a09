import { describe, expect, test } from "vitest";
import { dprimeBetween, interval, refine, type Measure } from "../../src/fisher/index.js";
import { equivalentDensity } from "../../src/math/index.js";
import { createRng } from "../../src/engine/index.js";

/** A rough I(θ): smooth baseline plus a sharp bump at θ = 2, measured with 5% noise (seeded). */
const curve = (t: number) => 10 + 5 * Math.cos(t) + 40 * Math.exp(-((t - 2) ** 2) / (2 * 0.05 ** 2));
function noisyMeasure(seed: number): Measure {
  const rng = createRng(seed);
  return (t) => ({ fisher: curve(t) * (1 + 0.05 * rng.normal()), stderr: 0.05 * curve(t) });
}

describe("adaptive sampling", () => {
  test("interval() reaches the target relative error and its averages match the integral of I", () => {
    const est = interval({ relError: 0.03, seed: 1 }).estimate(noisyMeasure(1), 0, 1);
    for (const e of est) {
      expect(e.stderr / e.fisher).toBeLessThanOrEqual(0.03);
      // exact interval mean of 10 + 5 cos t: 10 + 5 (sin b − sin a)/(b − a)
      const exact = 10 + (5 * (Math.sin(e.intervalHigh) - Math.sin(e.intervalLow))) / (e.intervalHigh - e.intervalLow);
      expect(Math.abs(e.fisher - exact)).toBeLessThan(4 * e.stderr);
      expect(e.method).toBe("interval");
    }
  });

  test("interval() splits an interval whose I varies too much to average within maxSamples", () => {
    const est = interval({ relError: 0.02, maxSamples: 64, minWidth: 0.05, seed: 2 }).estimate(noisyMeasure(2), 1.5, 2.5);
    expect(est.length).toBeGreaterThan(1);
    expect(est[0].intervalLow).toBe(1.5);
    expect(est[est.length - 1].intervalHigh).toBe(2.5);
    for (let i = 1; i < est.length; i++) expect(est[i].intervalLow).toBe(est[i - 1].intervalHigh);
  });

  test("refine() adds points around the bump and not on the smooth part, down to minSpacing", () => {
    const grid = Array.from({ length: 21 }, (_, i) => (i * Math.PI) / 20);
    const est = refine({ relTol: 0.2, minSpacing: 0.01 }).estimate(noisyMeasure(3), grid);
    const near = est.filter((e) => Math.abs(e.theta - 2) < 0.3).length;
    const far = est.filter((e) => e.theta < 1.2).length;
    expect(near).toBeGreaterThan(8);
    expect(far).toBe(grid.filter((t) => t < 1.2).length); // smooth part untouched (differences within noise)
    for (let i = 1; i < est.length; i++) expect(est[i].theta - est[i - 1].theta).toBeGreaterThanOrEqual(0.01 - 1e-12);
  });

  test("refine() and interval() reject bad arguments and non-finite measurements", () => {
    expect(() => refine().estimate(noisyMeasure(0), [1])).toThrow(/≥ 2 angles/);
    expect(() => refine().estimate(() => ({ fisher: NaN, stderr: 1 }), [0, 1])).toThrow(/must be finite/);
    expect(() => interval().estimate(noisyMeasure(0), 1, 1)).toThrow(/need low < high/);
    expect(() => interval({ relError: -1 })).toThrow("interval(): relError must be a finite number > 0, got -1");
  });

  test("equivalentDensity() is √I normalised: uniform I gives 1/period, and it integrates to 1", () => {
    const thetas = Array.from({ length: 100 }, (_, i) => (2 * Math.PI * i) / 100);
    const flat = equivalentDensity(thetas, thetas.map(() => 4), 2 * Math.PI);
    flat.forEach((p) => expect(p).toBeCloseTo(1 / (2 * Math.PI), 12));
    const p = equivalentDensity(thetas, thetas.map((t) => (2 + Math.cos(t)) ** 2), 2 * Math.PI);
    // √I = 2 + cos θ integrates to 4π: p = (2 + cos θ)/(4π)
    thetas.forEach((t, i) => expect(p[i]).toBeCloseTo((2 + Math.cos(t)) / (4 * Math.PI), 10));
    expect(equivalentDensity([0, 1, 2], [-1, 4, 4])[0]).toBe(0);
    expect(() => equivalentDensity([0, 1], [1])).toThrow(/same length/);
  });

  test("dprimeBetween() is √I·|dθ|", () => {
    expect(dprimeBetween(100, 0.03)).toBeCloseTo(0.3, 12);
    expect(dprimeBetween(-1, 0.03)).toBe(0);
  });
});

describe("interval() budget", () => {
  test("interval() stops after maxEvaluations with a warning when I ≈ 0 makes the relative error unreachable", () => {
    const rng = createRng(9);
    const est = interval({ maxEvaluations: 300, seed: 1 }).estimate(() => ({ fisher: rng.normal(), stderr: 1 }), 0, 1);
    const total = est.reduce((s, e) => s + e.nSamples, 0);
    expect(total).toBeLessThanOrEqual(300 + 16);
    expect(est.some((e) => e.warnings.some((w) => /budget of 300/.test(w)))).toBe(true);
  });
});
