import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { mcd, reweightConsistency } from "../../src/fisher/mcd.js";
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

  test("reweightConsistency() is P(χ²_{p+2} ≤ q)/0.975 (p = 2: 0.8622…/0.975 by hand)", () => {
    // q = χ²_2(0.975) = −2 ln 0.025 = 7.3778; P(χ²_4 ≤ q) = 1 − e^{−q/2}(1 + q/2) = 0.90434
    const q = -2 * Math.log(0.025);
    const expected = (1 - Math.exp(-q / 2) * (1 + q / 2)) / 0.975;
    expect(reweightConsistency(2)).toBeCloseTo(expected, 9);
  });
});
