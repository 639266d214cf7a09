import { describe, expect, it } from "vitest";
import { createRng } from "../engine/index.js";
import { FIT_WINDOWS, windowFits, windowIndices } from "./fitWindows.js";
import { formatReplicateEstimate } from "./formatAlpha.js";

// von Mises κ = 4 around π on 120 grid angles: p/max p = exp(κ(cos(θ − π) − 1)) spans e⁻⁸ ≈ 3·10⁻⁴ to 1
const n = 120, kappa = 4;
const theta = Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);
const raw = theta.map((t) => Math.exp(kappa * (Math.cos(t - Math.PI) - 1)));
const z = raw.reduce((a, b) => a + b, 0) * ((2 * Math.PI) / n);
const p = raw.map((v) => v / z);
const pMax = Math.max(...p);

/**
 * A planted trained-network I(θ): a·p^α in the middle, a floor in the tail (I never falls below
 * a·(floor·pMax)^α) and a soft saturation at the mode (I levels off towards a·(sat·pMax)^α).
 */
function planted(alpha: number, floor: number, sat: number): number[] {
  const a = 200 / pMax ** alpha;
  return p.map((v) => a * (floor * pMax) ** alpha + (a * v ** alpha) / (1 + (v / (sat * pMax)) ** (8 * alpha)) ** (1 / 8));
}

describe("windowIndices", () => {
  it("windowIndices() keeps the angles with p above the fraction of its maximum", () => {
    expect(windowIndices([1, 5, 10, 0.5, 3], FIT_WINDOWS[0])).toEqual([0, 1, 2, 3, 4]);
    expect(windowIndices([1, 5, 10, 0.5, 3], { key: "x", label: "x", minFraction: 0.3 })).toEqual([1, 2]); // > 3, not ≥
    expect(windowIndices([0, 1, 2], FIT_WINDOWS[0])).toEqual([1, 2]); // p = 0 has no log
  });
});

describe("windowFits", () => {
  it("windowFits() recovers α in the power-law window of a planted I with a tail floor and a saturated mode, where the all-angles fit does not", () => {
    // floor at 0.2% of max p, saturation towards 1.5·max p: between them I = a·p^α
    for (const alpha of [2 / 3, 1, 4 / 3]) {
      const rng = createRng(20261130 + Math.round(alpha * 3));
      const truth = planted(alpha, 0.002, 1.5);
      // four replicates with 5% independent multiplicative noise per grid angle
      const curves = [0, 1, 2, 3].map(() => truth.map((v) => v * Math.exp(0.05 * rng.normal())));
      const [all, p1, p10, p30] = windowFits(p, curves, null);
      expect([all.points, p1.points, p10.points, p30.points]).toEqual([120, 65, 43, 31]);
      // tolerance 5% of α: the floor still adds ≤ 3.5% of I at p = 10% of max (α = 2/3, the
      // worst case: 0.02^(2/3) ≈ 0.074 of I at the window edge), the saturation ≤ 1%
      expect(Math.abs(p10.fit.alpha - alpha)).toBeLessThan(0.05 * alpha);
      expect(Math.abs(p30.fit.alpha - alpha)).toBeLessThan(0.05 * alpha);
      // over all angles the tail floor flattens the slope by ≥ 15% (measured 19–25%)
      expect(all.fit.alpha).toBeLessThan(0.85 * alpha);
      expect(all.fit.ci).not.toBeNull(); // R = 4 ≥ 3: intervals are given
      expect(p10.meanTerm).toBeNull(); // no mean terms passed
    }
  });

  it("windowFits() fits the mean term separately when it is recorded", () => {
    const curves = [1, 2, 3].map((k) => p.map((v) => k * v ** 1.2)); // I: α = 1.2
    const meanTerms = [1, 2, 3].map((k) => p.map((v) => k * 0.5 * v ** 0.8)); // mean term: exact power law, α = 0.8
    const fits = windowFits(p, curves, meanTerms);
    for (const w of fits) {
      expect(w.meanTerm!.alpha).toBeCloseTo(0.8, 10);
      expect(w.meanTerm!.replicates).toBe(3);
      expect(w.fit.alpha).toBeCloseTo(1.2, 10);
    }
  });

  it("windowFits() gives no interval with R = 2 replicates, and the report says \"too few replicates\"", () => {
    const curves = [1, 1.1].map((k) => p.map((v) => k * v));
    for (const w of windowFits(p, curves, null)) {
      expect(w.fit.replicates).toBe(2);
      expect(w.fit.ci).toBeNull();
      expect(formatReplicateEstimate(w.fit)).toBe("1 (too few replicates: R = 2)");
    }
  });

  it("windowFits() rejects a curve on another grid with a one-line message", () => {
    expect(() => windowFits(p, [[1, 2, 3]], null)).toThrow("windowFits(): curve 0 has 3 values but the density grid has 120");
  });
});
