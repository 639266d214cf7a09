import { describe, expect, it } from "vitest";
import { createRng } from "../engine/index.js";
import { fitPowerLaw, replicatePowerLaw } from "./powerLawFit.js";

describe("fitPowerLaw", () => {
  it("fitPowerLaw() matches a hand-computed OLS fit on three points", () => {
    // ln p = 0, 1, 2 and ln I = 1, 2, 4: Sxx = 2, Sxy = 3 → α = 1.5, ln c = 7/3 − 1.5 = 5/6,
    // RSS = Syy − α·Sxy = 14/3 − 4.5 = 1/6, se = √(RSS/(n−2)/Sxx) = √(1/12), t(0.975, 1) = 12.7062
    const fit = fitPowerLaw([1, Math.E, Math.E ** 2], [Math.E, Math.E ** 2, Math.E ** 4])!;
    expect(fit.alpha).toBeCloseTo(1.5, 12);
    expect(fit.logC).toBeCloseTo(5 / 6, 12);
    expect(fit.stderr).toBeCloseTo(Math.sqrt(1 / 12), 12);
    expect(fit.ci[0]).toBeCloseTo(1.5 - 12.7062047 * Math.sqrt(1 / 12), 5);
    expect(fit.ci[1]).toBeCloseTo(1.5 + 12.7062047 * Math.sqrt(1 / 12), 5);
    expect(fit.n).toBe(3);
  });

  it("fitPowerLaw() recovers α exactly on noiseless I = c·p^α", () => {
    const p = Array.from({ length: 50 }, (_, i) => 0.01 + i * 0.02);
    for (const alpha of [2 / 3, 1, 4 / 3, 2]) {
      const fit = fitPowerLaw(p, p.map((v) => 7 * v ** alpha))!;
      expect(fit.alpha).toBeCloseTo(alpha, 12);
      expect(fit.logC).toBeCloseTo(Math.log(7), 10);
      expect(fit.stderr).toBeLessThan(1e-10);
      expect(fit.r2).toBeCloseTo(1, 12);
    }
  });

  it("fitPowerLaw() contains the true α in its 95% interval in ≥ 85% of 200 noisy seeded trials", () => {
    const rng = createRng(20260101);
    const p = Array.from({ length: 40 }, (_, i) => Math.exp(-3 + (4 * i) / 39));
    let covered = 0;
    for (let trial = 0; trial < 200; trial++) {
      const I = p.map((v) => 3 * v ** 1.2 * Math.exp(0.3 * rng.normal()));
      const fit = fitPowerLaw(p, I)!;
      if (fit.ci[0] <= 1.2 && 1.2 <= fit.ci[1]) covered++;
    }
    expect(covered / 200).toBeGreaterThanOrEqual(0.85);
  });

  it("fitPowerLaw() drops points with I ≤ 0 or non-finite values and counts them", () => {
    const fit = fitPowerLaw([1, 2, 4, 8, 16], [1, -3, 4, NaN, 16])!;
    expect(fit.n).toBe(3);
    expect(fit.excluded).toBe(2);
    expect(fit.alpha).toBeCloseTo(1, 12);
  });

  it("fitPowerLaw() returns null for a uniform density or fewer than 3 usable points", () => {
    expect(fitPowerLaw([0.2, 0.2, 0.2, 0.2], [1, 2, 3, 4])).toBeNull();
    expect(fitPowerLaw([1, 2], [1, 2])).toBeNull();
  });

  it("fitPowerLaw() rejects unequal lengths with a one-line message", () => {
    expect(() => fitPowerLaw([1, 2, 3], [1, 2])).toThrow("fitPowerLaw(): density and fisher must have equal lengths, got 3 and 2");
  });
});

describe("replicatePowerLaw", () => {
  it("replicatePowerLaw() reports mean ± t(R−1)·sd/√R of per-replicate α", () => {
    const p = [0.5, 1, 2, 4];
    const curves = [1, 2, 3].map((a) => p.map((v) => v ** a));
    const r = replicatePowerLaw(p, curves);
    expect(r.alpha).toBeCloseTo(2, 12);
    expect(r.sd).toBeCloseTo(1, 12);
    const h = 4.3026527 / Math.sqrt(3);
    expect(r.ci![0]).toBeCloseTo(2 - h, 5);
    expect(r.ci![1]).toBeCloseTo(2 + h, 5);
    expect(r.replicates).toBe(3);
  });

  it("replicatePowerLaw() has no interval with one replicate", () => {
    const r = replicatePowerLaw([1, 2, 4], [[1, 2, 4]]);
    expect(r.alpha).toBeCloseTo(1, 12);
    expect(r.ci).toBeNull();
    expect(Number.isNaN(r.sd)).toBe(true);
  });

  it("replicatePowerLaw() gives no interval with R = 2 (a t₁ = 12.7 interval is noise), but mean and sd", () => {
    const p = [0.5, 1, 2, 4];
    const r = replicatePowerLaw(p, [1, 2].map((a) => p.map((v) => v ** a)));
    expect(r.replicates).toBe(2);
    expect(r.alpha).toBeCloseTo(1.5, 12);
    expect(r.sd).toBeCloseTo(Math.SQRT1_2, 12);
    expect(r.ci).toBeNull();
  });

  it("replicatePowerLaw() covers the true α in ≥ 85% of 200 trials with network-to-network variation, where pooled OLS does not", () => {
    // each replicate has its own α (true mean 1) and correlated wiggles along θ — the case the
    // pooled OLS interval is too narrow for
    const rng = createRng(7);
    const theta = Array.from({ length: 60 }, (_, i) => (2 * Math.PI * i) / 60);
    const p = theta.map((t) => Math.exp(2 * Math.cos(t)) / 14.3);
    let covered = 0, pooledCovered = 0;
    for (let trial = 0; trial < 200; trial++) {
      const curves = [0, 1, 2].map(() => {
        const a = 1 + 0.1 * rng.normal(), ph = rng.uniform() * 6.283;
        return p.map((v, i) => v ** a * Math.exp(0.2 * Math.sin(theta[i] + ph)));
      });
      const r = replicatePowerLaw(p, curves);
      if (r.ci![0] <= 1 && 1 <= r.ci![1]) covered++;
      const mean = p.map((_, i) => curves.reduce((a, c) => a + c[i], 0) / curves.length);
      const pooled = fitPowerLaw(p, mean)!;
      if (pooled.ci[0] <= 1 && 1 <= pooled.ci[1]) pooledCovered++;
    }
    expect(covered / 200).toBeGreaterThanOrEqual(0.85);
    // why the replicate interval is the main one: correlated residuals make the OLS interval far
    // too narrow (≈ 10% coverage here instead of 95%)
    expect(pooledCovered / 200).toBeLessThan(0.5);
  });
});
