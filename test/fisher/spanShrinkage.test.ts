import { describe, expect, test } from "vitest";
import { sampling, ledoitWolf } from "../../src/fisher/index.js";
import { shrunkQuadraticForms } from "../../src/fisher/spanShrinkage.js";
import { centeredClasses } from "../../src/fisher/sampling.js";
import { fitLeastSquares } from "../../src/fisher/linearDecoder.js";
import { cholesky, choleskySolve, covariance, matrix, meanRows } from "../../src/math/index.js";
import { createRng } from "../../src/engine/index.js";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe("Ledoit–Wolf in the span of the samples (sampling() on a backbone block)", () => {
  test("shrunkQuadraticForms() equals ledoitWolf() + Cholesky at N = 200, n = 30 (1e-9 relative)", () => {
    // exact algebra both ways (Woodbury vs. the dense N×N factorisation) in float64: they differ by
    // rounding only; a wrong term would be O(1)
    const rng = createRng(3);
    const n = 30, units = 200;
    const x = matrix(n, units, Float64Array.from({ length: n * units }, () => rng.normal()));
    for (let i = 0; i < n; i++) for (let j = 1; j < units; j++) x.data[i * units + j] += 0.6 * x.data[i * units + j - 1]; // correlated units
    const centered = centeredClasses([x]);
    const v = matrix(2, units, Float64Array.from({ length: 2 * units }, () => rng.normal()));
    const span = shrunkQuadraticForms("t", centered, v, "singular");
    const l = cholesky(ledoitWolf(centered).covariance)!;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) {
      const y = choleskySolve(l, v.data.subarray(j * units, (j + 1) * units));
      let q = 0;
      for (let t = 0; t < units; t++) q += v.data[i * units + t] * y[t];
      expect(rel(span[i * 2 + j], q), `${i},${j}`).toBeLessThan(1e-9);
    }
  });

  test("sampling() at N = 8 192 units, 25 trials per class runs in the span form and finds planted information", () => {
    // a conv128_2-sized layer: dense, each Ledoit–Wolf fit would need 8 192² doubles (512 MiB) and an
    // O(N³) factorisation, ×(1 + 8 splits × 51 jackknife sets). Planted: independent unit-variance
    // noise (Ledoit–Wolf's own target, so little shrinkage bias) and a mean shift of 2 along 100 units:
    // I = |Δμ|²/δ² = 100·2²/0.1² = 40 000. The split-half noise of Δμ over 8 192 units is ≈ 1 500
    // (sd), so ±50% is > 10 sd wide yet catches a wrong Woodbury term or a lost factor of 2
    const rng = createRng(5);
    const units = 8192, t = 25, delta = 0.1;
    const draw = (shift: number) => matrix(t, units, Float64Array.from({ length: t * units }, (_, k) => rng.normal() + (k % units < 100 ? shift : 0)));
    const r = sampling().estimate({ theta: 0, delta, low: draw(-1), high: draw(1) });
    expect(r.covariance).toBe("ledoit-wolf");
    expect(Number.isFinite(r.stderr) && r.stderr > 0).toBe(true);
    expect(r.fisher).toBeGreaterThan(20_000);
    expect(r.fisher).toBeLessThan(60_000);
    expect(r.stderr).toBeLessThan(r.fisher / 2);
  }, 120_000);

  test("linear-decoder's ridge fit with more units than trials (dual form) equals the primal ridge solve (1e-9)", () => {
    // primal: (C + ridge·tr(C)/N·I) w = cov(x, y); dual: w = X₀ᵀ(G + μI)⁻¹y₀. Same algebra, float64 rounding only
    const rng = createRng(9);
    const n = 30, units = 80, ridge = 0.01;
    const x = matrix(n, units, Float64Array.from({ length: n * units }, () => rng.normal()));
    const y = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? -0.5 : 0.5));
    const decide = fitLeastSquares("t", x, y, ridge);
    const mx = meanRows(x), my = 0;
    const c = covariance(x, 1, mx);
    let tr = 0;
    for (let j = 0; j < units; j++) tr += c.data[j * units + j];
    for (let j = 0; j < units; j++) c.data[j * units + j] += ridge * tr / units;
    const cxy = new Float64Array(units);
    for (let t = 0; t < n; t++) for (let j = 0; j < units; j++) cxy[j] += (x.data[t * units + j] - mx[j]) * (y[t] - my) / (n - 1);
    const w = choleskySolve(cholesky(c)!, cxy);
    const probe = Float64Array.from({ length: units }, () => rng.normal());
    let primal = 0;
    for (let j = 0; j < units; j++) primal += w[j] * (probe[j] - mx[j]);
    expect(rel(decide(probe), primal)).toBeLessThan(1e-9);
    expect(() => fitLeastSquares("t", x, y, 0)).toThrow(/t: the activity covariance is singular \(30 training trials, 80 units/);
  });
});
