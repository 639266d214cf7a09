import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { mcd } from "../../src/fisher/mcd.js";
import { correctedReweighting, mcdConsistency, pisonFactor } from "../../src/fisher/mcdCorrection.js";
import { cholesky, choleskyLogDet, matrix } from "../../src/math/linalg.js";
import { createRng } from "../../src/engine/index.js";

interface Case {
  n: number; p: number; X: number[][]; raw_logdet: number; states_reaching_best: number;
  location: number[]; covariance: number[][]; support: number[];
  raw_location: number[]; raw_covariance: number[][]; raw_support: number[];
}
const fixture = JSON.parse(readFileSync(new URL("../fixtures/mcd_sklearn.json", import.meta.url), "utf8")) as { sklearn: string; cases: Case[] };

describe("mcd() against scikit-learn MinCovDet (fixture from test/fixtures/make_mcd_fixture.py)", () => {
  for (const c of fixture.cases) {
    test(`mcd() reaches scikit-learn's MinCovDet solution and matches location_/covariance_ to 1e-9 (n = ${c.n}, p = ${c.p})`, () => {
      const x = matrix(c.n, c.p, c.X.flat());
      // FastMCD is random-start and these data have several local minima (MinCovDet returned the
      // fixture's fit for 28, 12 and 22 of 30 states): some of 10 seeds must reach the same
      // solution, and every fit that does must match it to 1e-9 (same C-steps, correction, reweighting)
      const fits = Array.from({ length: 10 }, (_, s) => mcd(x, createRng(s)));
      const same = fits.filter((f) => Array.from(f.rawSupport).every((v, i) => v === c.raw_support[i]));
      expect(same.length).toBeGreaterThanOrEqual(2);
      const best = same[0];
      expect(choleskyLogDet(cholesky(best.rawCovariance)!)).toBeCloseTo(c.raw_logdet, 9);
      expect(Array.from(best.support)).toEqual(c.support);
      for (let j = 0; j < c.p; j++) {
        expect(best.rawLocation[j]).toBeCloseTo(c.raw_location[j], 9);
        expect(best.location[j]).toBeCloseTo(c.location[j], 9);
        for (let k = 0; k < c.p; k++) {
          expect(best.rawCovariance.data[j * c.p + k]).toBeCloseTo(c.raw_covariance[j][k], 9);
          expect(best.covariance.data[j * c.p + k]).toBeCloseTo(c.covariance[j][k], 9);
        }
      }
    });
  }

  test("mcd() uses the default support size ⌈(n + p + 1)/2⌉", () => {
    const c = fixture.cases[0];
    const fit = mcd(matrix(c.n, c.p, c.X.flat()), createRng(0));
    expect(fit.supportSize).toBe(Math.ceil((c.n + c.p + 1) / 2));
    expect(fit.rawSupport.reduce((s, v) => s + v, 0)).toBe(fit.supportSize);
  });

  test("mcd() rejects data where the support size exceeds n with a message naming the rule", () => {
    expect(() => mcd(matrix(3, 3, new Float64Array(9).map((_, i) => i * i)), createRng(0))).toThrow(/mcd\(\): support size/);
  });

  test("mcdConsistency() is fraction / P(χ²_{p+2} ≤ χ²_p(fraction)) (p = 2 at 0.975 by hand) and 1 at fraction 1", () => {
    // q = χ²_2(0.975) = −2 ln 0.025 = 7.3778; P(χ²_4 ≤ q) = 1 − e^{−q/2}(1 + q/2) = 0.90434
    const q = -2 * Math.log(0.025);
    expect(mcdConsistency(2, 0.975)).toBeCloseTo(0.975 / (1 - Math.exp(-q / 2) * (1 + q / 2)), 9);
    expect(mcdConsistency(3, 1)).toBe(1);
  });

  test("pisonFactor() reproduces Pison et al. 2002's fitted curves: > 1, → 1 as n grows, p = 2 raw by hand", () => {
    // p = 2, raw: 1/c = 1 − e^0.6733 / n^0.6914; at n = 100: 1 − 1.9607/24.14 = 0.91878
    expect(pisonFactor(2, 100, "raw")).toBeCloseTo(1 / (1 - Math.exp(0.673292623522027) / 100 ** 0.691365864961895), 12);
    expect(1 / pisonFactor(2, 100, "raw")).toBeCloseTo(0.9188, 3);
    for (const p of [1, 2, 5, 20]) for (const stage of ["raw", "reweighted"] as const) {
      expect(pisonFactor(p, 4 * p + 20, stage)).toBeGreaterThan(1);
      expect(pisonFactor(p, 1e6, stage)).toBeCloseTo(1, 2);
    }
    // p ≥ 3: the curve passes through the paper's simulated factors at n = 2p² and 3p²
    const p = 5;
    expect(1 / pisonFactor(p, 2 * p * p, "reweighted")).toBeCloseTo(1 - 1.02842572724793 / p ** 1.67659883081926, 12);
    expect(1 / pisonFactor(p, 3 * p * p, "reweighted")).toBeCloseTo(1 - 0.26800273450853 / p ** 1.35968562893582, 12);
  });

  test("correctedReweighting() brings the MCD covariance scale within 5% on Gaussian data inside robust's regime (mean det^{1/p}, 40 datasets)", () => {
    // N(0, I_5), n = 100 (robust's declared regime starts at T = 100): Pison et al.'s factors target
    // E det(Σ̂)^{1/p} = 1. Measured over 400 datasets: 0.968 ± 0.003 (at n = 40, outside the regime,
    // 0.939 ± 0.007). 40 datasets: the mean's Monte-Carlo error is ≈ 1.1%, so 5% is the residual
    // −3.2% plus more than 1.5 errors.
    const p = 5, n = 100, rng = createRng(11);
    let sum = 0;
    for (let r = 0; r < 40; r++) {
      const x = matrix(n, p, Float64Array.from({ length: n * p }, () => rng.normal()));
      const c = correctedReweighting(x, mcd(x, rng.fork(r)));
      sum += Math.exp(choleskyLogDet(cholesky(c.covariance)!) / p);
    }
    expect(Math.abs(sum / 40 - 1)).toBeLessThan(0.05);
  });
});
