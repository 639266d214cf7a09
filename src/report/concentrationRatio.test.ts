import { describe, expect, it } from "vitest";
import { concentrationRatio, predictedConcentrationRatio } from "./concentrationRatio.js";

describe("concentrationRatio", () => {
  // 12 grid points, spacing π/6; p = (1 + cos θ)/(2π) has resultant length R = ½ exactly, so
  // σ = √(−2 ln ½) = 1.17741; near = |θ| ≤ σ → offsets 0, ±π/6, ±π/3 (5 points);
  // far = |θ| ≥ 2σ = 2.3548 → offsets ±5π/6, π (3 points)
  const theta = Array.from({ length: 12 }, (_, i) => (Math.PI * i) / 6);
  const density = theta.map((t) => (1 + Math.cos(t)) / (2 * Math.PI));

  it("concentrationRatio() follows its definition on a hand-computed grid", () => {
    const d = (t: number) => Math.min(t, 2 * Math.PI - t);
    const fisher = theta.map((t) => (d(t) <= 1.18 ? 10 : d(t) >= 2.35 ? 2 : 5));
    const c = concentrationRatio(theta, fisher, density, 2 * Math.PI);
    expect(c.mode).toBe(0);
    expect(c.sigma).toBeCloseTo(Math.sqrt(2 * Math.log(2)), 10);
    expect(c.nearCount).toBe(5);
    expect(c.farCount).toBe(3);
    expect(c.ratio).toBeCloseTo(5, 12);
  });

  it("concentrationRatio() scales σ with the period (π-periodic gratings)", () => {
    const half = theta.map((t) => t / 2);
    const c = concentrationRatio(half, theta.map(() => 1), density, Math.PI);
    expect(c.sigma).toBeCloseTo(Math.sqrt(2 * Math.log(2)) / 2, 10);
    expect(c.ratio).toBeCloseTo(1, 12);
  });

  it("concentrationRatio() is null for a uniform density (no mode to concentrate around)", () => {
    const c = concentrationRatio(theta, theta.map(() => 1), theta.map(() => 1 / (2 * Math.PI)), 2 * Math.PI);
    expect(c.ratio).toBeNull();
    expect(c.sigma).toBe(Infinity);
  });

  it("concentrationRatio() rejects mismatched lengths", () => {
    expect(() => concentrationRatio([0, 1], [1], [1, 1], 6)).toThrow(/equal lengths, got 2, 1, 2/);
  });

  it("predictedConcentrationRatio() is the near/far ratio of p^α on the same regions", () => {
    // near offsets 0, ±π/6, ±π/3 and far ±5π/6, π (see above); with α = 1 the ratio is that of p itself
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const q = (t: number) => (1 + Math.cos(t)) / (2 * Math.PI);
    const near = [0, 1, -1, 2, -2].map((k) => (k * Math.PI) / 6), far = [5, -5, 6].map((k) => (k * Math.PI) / 6);
    for (const alpha of [0.5, 1, 2]) {
      const expected = mean(near.map((t) => q(t) ** alpha)) / mean(far.map((t) => q(t) ** alpha));
      expect(predictedConcentrationRatio(theta, density, 2 * Math.PI, alpha)).toBeCloseTo(expected, 10);
    }
    // a larger exponent concentrates more; α = 0 predicts no concentration
    expect(predictedConcentrationRatio(theta, density, 2 * Math.PI, 0)).toBeCloseTo(1, 14);
    expect(predictedConcentrationRatio(theta, theta.map(() => 1), 2 * Math.PI, 1)).toBeNull();
  });
});
