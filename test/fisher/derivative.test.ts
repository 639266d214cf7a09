import { describe, expect, test } from "vitest";
import { modulatedPopulation } from "./population.js";
import { derivative } from "../../src/fisher/index.js";
import { matrix, selectRows } from "../../src/math/linalg.js";
import { plantedPopulation } from "../../src/validate/population.js";
import { createRng, permutation } from "../../src/engine/index.js";

// 6 units, θ-dependent correlated noise: both terms are non-zero and known in closed form
const pop = modulatedPopulation(6);

/** Mean, its Monte-Carlo standard error, and the mean of a field over datasets. */
function summary(values: number[]): { mean: number; mcError: number; sd: number } {
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1));
  return { mean, mcError: sd / Math.sqrt(values.length), sd };
}

describe("derivative()", () => {
  test("derivative() recovers the closed-form mean and covariance terms along an I(θ) curve (M = 400, 3 seeds)", () => {
    for (const theta of [0.3, 1.5, 2.9, 4.4]) {
      const t = pop.fisher(theta);
      const runs = [0, 1, 2].map((s) => derivative({ bootstrap: 20 }).estimate({ theta, ...pop.identities(theta, 400, createRng(100 * s + 1)) }));
      const mean = (f: (r: (typeof runs)[0]) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
      // tolerance: 3 stderr of the 3-seed mean
      const tol = (3 * mean((r) => r.stderr)) / Math.sqrt(3);
      expect(Math.abs(mean((r) => r.fisher) - (t.meanTerm + t.covTerm))).toBeLessThan(tol);
      expect(Math.abs(mean((r) => r.covTerm!) - t.covTerm)).toBeLessThan(0.25 * t.covTerm);
      for (const r of runs) expect(r.meanTerm! + r.covTerm!).toBeCloseTo(r.fisher, 9);
    }
  });

  // Regression: the mean term's noise subtraction sat outside the inverse-Wishart factor and the
  // covariance term was jackknife-corrected; at N = 20, M = 50 the total I came out −42% (Σ' ≠ 0)
  // and −184% (Σ' = 0) on these populations (derivative noise 3× the mean term, docs/validation.md).
  for (const covTerm of [30, 0]) {
    test(`derivative() is unbiased at N = 20, M = 50 with ${covTerm ? "a covariance term (I = 3 + 30)" : "Σ' = 0 (I = 3)"} over 40 datasets`, () => {
      const planted = plantedPopulation({ units: 20, meanTerm: 3, covTerm, derivativeNoise: 3 });
      const runs = Array.from({ length: 40 }, (_, s) => derivative({ bootstrap: 20, seed: s }).estimate({ theta: 0.7, ...planted.identities(50, createRng(5000 + s)) }));
      const fisher = summary(runs.map((r) => r.fisher)), cov = summary(runs.map((r) => r.covTerm!)), mean = summary(runs.map((r) => r.meanTerm!));
      const plug = summary(runs.map((r) => r.fisherUncorrected!));
      // tolerance: 3 Monte-Carlo errors of the 40-dataset mean (the estimator is exactly unbiased for Gaussian data)
      expect(Math.abs(fisher.mean - planted.fisher)).toBeLessThan(3 * fisher.mcError);
      expect(Math.abs(cov.mean - covTerm)).toBeLessThan(3 * cov.mcError);
      expect(Math.abs(mean.mean - 3)).toBeLessThan(3 * mean.mcError);
      // the plug-in sum is far above the truth (measured +57% and +300%)
      expect(plug.mean - planted.fisher).toBeGreaterThan(10 * plug.mcError);
    });
  }

  test("derivative() bootstrap stderr matches the spread over datasets and its 95% intervals cover the truth (N = 5, M = 40, 80 datasets)", () => {
    const planted = plantedPopulation({ units: 5, meanTerm: 10, covTerm: 10, derivativeNoise: 1 });
    const runs = Array.from({ length: 80 }, (_, s) => derivative({ seed: s }).estimate({ theta: 0.7, ...planted.identities(40, createRng(900 + s)) }));
    const fisher = summary(runs.map((r) => r.fisher)), se = summary(runs.map((r) => r.stderr));
    // stderr/sd measured 1.0–1.3 across the validate grid; sd over 80 datasets is itself ±8%
    expect(se.mean / fisher.sd).toBeGreaterThan(0.75);
    expect(se.mean / fisher.sd).toBeLessThan(1.45);
    const covered = runs.filter((r) => r.ciLow <= planted.fisher && planted.fisher <= r.ciHigh).length / runs.length;
    // binomial sd of the coverage over 80 datasets is 2.4%; 0.85–1 allows ~4 sd below 0.95
    expect(covered).toBeGreaterThanOrEqual(0.85);
  });

  test("derivative() is unchanged by permuting identities", () => {
    const d = pop.identities(2, 60, createRng(4));
    const p = permutation(60, createRng(8));
    const a = derivative().estimate({ theta: 2, ...d });
    const b = derivative().estimate({ theta: 2, responses: selectRows(d.responses, p), derivatives: selectRows(d.derivatives, p) });
    expect(b.fisher).toBeCloseTo(a.fisher, 8);
    expect(b.stderr).toBeCloseTo(a.stderr, 8);
  });

  test("derivative() warns below its calibrated regime (M < max(2N + 10, 50)) and refuses covariance: 'sample' when M − 1 ≤ N + 3", () => {
    const planted = plantedPopulation({ units: 20, meanTerm: 10, covTerm: 0, derivativeNoise: 1 });
    const r = derivative({ bootstrap: 20 }).estimate({ theta: 0.7, ...planted.identities(30, createRng(1)) });
    expect(r.warnings.join(" ")).toMatch(/30 identities for 20 units is outside the calibrated regime \(M ≥ 50\)/);
    expect(() => derivative({ covariance: "sample" }).estimate({ theta: 0.7, ...planted.identities(22, createRng(1)) })).toThrow(/need M − 1 > N \+ 3 \(identities 22, units 20\)/);
  });

  test("derivative() rejects mismatched shapes, too few identities, NaN and unknown options", () => {
    const d = pop.identities(2, 20, createRng(4));
    expect(() => derivative().estimate({ theta: 2, responses: d.responses, derivatives: selectRows(d.derivatives, [0, 1]) })).toThrow(/same shape, got 20×6 and 2×6/);
    expect(() => derivative().estimate({ theta: 2, responses: selectRows(d.responses, [0, 1]), derivatives: selectRows(d.derivatives, [0, 1]) })).toThrow(/at least 3 identities/);
    const bad = matrix(20, 6, d.derivatives.data); bad.data[5] = NaN;
    expect(() => derivative().estimate({ theta: 2, responses: d.responses, derivatives: bad })).toThrow(/derivatives must be finite/);
    expect(() => derivative({ jackknife: true } as never)).toThrow(/derivative\(\): jackknife: unknown key; valid keys: /);
  });
});
