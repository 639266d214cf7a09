import { describe, expect, it } from "vitest";
import { createRng } from "../engine/index.js";
import type { AngleDistribution } from "./distribution.js";
import { GRATING_DOMAIN, LINEAR_DOMAIN, OBJECT_DOMAIN, wrapAngle } from "./domain.js";
import { vonMises } from "./vonMises.js";
import { uniform } from "./uniform.js";
import { normal } from "./normal.js";
import { tabulated } from "./tabulated.js";
import { distributionFromSpec } from "./distributionFromSpec.js";
import { i0e } from "./bessel.js";

const N = 100_000;
// Kolmogorov–Smirnov: the asymptotic critical value of D at α = 0.001 is 1.95/√n (0.0062 for 1e5).
// Seeds are fixed, so each test is deterministic; a correct sampler fails with probability 0.1%.
const KS_LIMIT = 1.95 / Math.sqrt(N);

function ksStatistic(samples: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(samples).sort();
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs(f - (i + 1) / s.length));
  }
  return d;
}

function integral(d: AngleDistribution, points = 200_000): number { // trapezoid over the domain
  const { low, high } = d.domain;
  const h = (high - low) / points;
  let s = 0.5 * (d.pdf(low) + d.pdf(high - 1e-12));
  for (let i = 1; i < points; i++) s += d.pdf(low + i * h);
  return s * h;
}

function meanResultant(x: Float64Array, period: number): { r: number; mean: number } {
  let c = 0, s = 0;
  for (const t of x) { c += Math.cos((2 * Math.PI * t) / period); s += Math.sin((2 * Math.PI * t) / period); }
  return { r: Math.hypot(c, s) / x.length, mean: (Math.atan2(s, c) * period) / (2 * Math.PI) };
}

describe("i0e", () => {
  it("matches tabulated I₀ (Abramowitz & Stegun table 9.8) to 1e-12 relative", () => {
    expect(i0e(0)).toBe(1);
    expect(i0e(1) * Math.exp(1)).toBeCloseTo(1.2660658777520082, 12);
    expect(Math.abs(i0e(10) * Math.exp(10) / 2815.716628466254 - 1)).toBeLessThan(1e-12);
  });
  it("the series (x ≤ 30) and asymptotic (x > 30) branches agree at the seam to 1e-13", () => {
    expect(Math.abs(i0e(30) / i0e(30 + 1e-12) - 1)).toBeLessThan(1e-13);
  });
  it("approaches 1/√(2πx) for large x (κ = 1000: ratio 1 + 1/8000 + O(x⁻²))", () => {
    expect(i0e(1000) * Math.sqrt(2 * Math.PI * 1000)).toBeCloseTo(1 + 1 / 8000 + 9 / (2 * 64e6) + 225 / (6 * 512e9), 12);
  });
});

describe("vonMises", () => {
  it("κ = 4 at loc = 1: mean resultant length A(4) = I₁(4)/I₀(4) = 0.863523 (±0.003, ~6 s.e.), mean 1 (±0.01), KS < 1.95/√n", () => {
    const d = vonMises(1, 4, OBJECT_DOMAIN);
    const x = d.sample(N, createRng(11));
    const { r, mean } = meanResultant(x, 2 * Math.PI);
    expect(Math.abs(r - 0.8635231)).toBeLessThan(0.003);
    expect(Math.abs(mean - 1)).toBeLessThan(0.01);
    expect(x.every((t) => t >= 0 && t < 2 * Math.PI)).toBe(true);
    expect(ksStatistic(x, (t) => d.cdf(t))).toBeLessThan(KS_LIMIT);
  });

  it("κ = 0 is the uniform distribution on the domain (pdf 1/2π; KS)", () => {
    const d = vonMises(0, 0, OBJECT_DOMAIN);
    expect(d.pdf(2.3)).toBeCloseTo(1 / (2 * Math.PI), 14);
    const x = d.sample(N, createRng(12));
    expect(ksStatistic(x, (t) => t / (2 * Math.PI))).toBeLessThan(KS_LIMIT);
  });

  it("κ = 1000 works: E[cos(θ − loc)] = A(1000) = 0.99949987 (±2e-5), pdf integrates to 1 (±1e-6), KS", () => {
    const d = vonMises(3, 1000, OBJECT_DOMAIN);
    const x = d.sample(N, createRng(13));
    let c = 0;
    for (const t of x) c += Math.cos(t - 3);
    // A(κ) = 1 − 1/(2κ) − 1/(8κ²) − 1/(8κ³) + …
    expect(Math.abs(c / N - (1 - 1 / 2000 - 1 / 8e6))).toBeLessThan(2e-5);
    expect(Math.abs(integral(d) - 1)).toBeLessThan(1e-6);
    expect(ksStatistic(x, (t) => d.cdf(t))).toBeLessThan(KS_LIMIT);
  });

  it("on the π grating domain is the von Mises of the doubled angle (A(2) = 0.697775 ±0.004; KS; pdf integrates to 1)", () => {
    const d = vonMises(0.2, 2, GRATING_DOMAIN);
    const x = d.sample(N, createRng(14));
    expect(x.every((t) => t >= 0 && t < Math.PI)).toBe(true);
    const { r, mean } = meanResultant(x, Math.PI);
    expect(Math.abs(r - 0.6977747)).toBeLessThan(0.004);
    expect(Math.abs(mean - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(integral(d) - 1)).toBeLessThan(1e-6);
    expect(ksStatistic(x, (t) => d.cdf(t))).toBeLessThan(KS_LIMIT);
  });

  it("the KS check has power: κ = 4 samples are rejected against the κ = 3.5 cdf", () => {
    const x = vonMises(0, 4, OBJECT_DOMAIN).sample(N, createRng(15));
    const wrong = vonMises(0, 3.5, OBJECT_DOMAIN);
    expect(ksStatistic(x, (t) => wrong.cdf(t))).toBeGreaterThan(KS_LIMIT);
  });

  it("pdf(loc) = e^κ / (2π I₀(κ)): κ = 1 gives 0.3417104 (1e-6)", () => {
    expect(vonMises(0.5, 1, OBJECT_DOMAIN).pdf(0.5)).toBeCloseTo(Math.E / (2 * Math.PI * 1.2660658777520082), 9);
  });

  it("same seed, same samples; messages name the function, parameter, rule, value and fix", () => {
    const d = vonMises(0, 4, OBJECT_DOMAIN);
    expect(Array.from(d.sample(5, createRng(1)))).toEqual(Array.from(d.sample(5, createRng(1))));
    expect(() => vonMises(0, -1, OBJECT_DOMAIN)).toThrow("vonMises(): kappa must be a finite number >= 0, got -1; use kappa: 0 for the uniform distribution");
    expect(() => vonMises(0, 2e6, OBJECT_DOMAIN)).toThrow(/kappa must be <= 1000000, got 2000000/);
    expect(() => vonMises(0, 1, LINEAR_DOMAIN)).toThrow(/domain must be circular, got 'linear'/);
  });
});

describe("uniform", () => {
  it("on [1, 2]: mean 1.5 and variance 1/12 (±5 s.e.), pdf 1 inside and 0 outside", () => {
    const d = uniform(OBJECT_DOMAIN, 1, 2);
    const x = d.sample(N, createRng(21));
    let s = 0, s2 = 0;
    for (const t of x) { s += t; s2 += t * t; }
    const mean = s / N;
    expect(Math.abs(mean - 1.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(s2 / N - mean * mean - 1 / 12)).toBeLessThan(0.001);
    expect(d.pdf(1.5)).toBe(1);
    expect(d.pdf(2.5)).toBe(0);
  });

  it("wraps an interval that crosses 2π (KS against its cdf; cdf(2π⁻) = 1, pdf integrates to 1)", () => {
    const d = uniform(OBJECT_DOMAIN, 5.5, 5.5 + 1.5);
    const x = d.sample(N, createRng(22));
    expect(d.pdf(0.3)).toBeCloseTo(1 / 1.5, 14);
    expect(d.pdf(3)).toBe(0);
    expect(d.cdf(7 - 2 * Math.PI)).toBeCloseTo((7 - 2 * Math.PI) / 1.5, 12);
    expect(d.cdf(2 * Math.PI - 1e-9)).toBeCloseTo(1, 8);
    expect(Math.abs(integral(d) - 1)).toBeLessThan(1e-4);
    expect(ksStatistic(x, (t) => d.cdf(t))).toBeLessThan(KS_LIMIT);
  });

  it("defaults to the whole domain and rejects an empty or too long interval", () => {
    expect(uniform(GRATING_DOMAIN).pdf(1)).toBeCloseTo(1 / Math.PI, 14);
    expect(() => uniform(OBJECT_DOMAIN, 2, 1)).toThrow("uniform(): high must be > low (2), got 1; give an interval with low < high");
    expect(() => uniform(GRATING_DOMAIN, 0, 4)).toThrow(/high must be <= low \+ 3.141593/);
  });
});

describe("normal", () => {
  it("wrapped on the π domain: pdf integrates to 1 (1e-6) and KS passes", () => {
    const d = normal(0.1, 0.5, GRATING_DOMAIN);
    expect(Math.abs(integral(d) - 1)).toBeLessThan(1e-6);
    const x = d.sample(N, createRng(31));
    expect(x.every((t) => t >= 0 && t < Math.PI)).toBe(true);
    expect(ksStatistic(x, (t) => d.cdf(t))).toBeLessThan(KS_LIMIT);
  });

  it("the image-sum and Fourier forms of the wrapped density agree where they switch (σ = P/2, 1e-12)", () => {
    const below = normal(0.3, Math.PI / 2 - 1e-13, GRATING_DOMAIN), above = normal(0.3, Math.PI / 2, GRATING_DOMAIN);
    for (const t of [0, 0.3, 1, 2, 3]) expect(Math.abs(below.pdf(t) - above.pdf(t))).toBeLessThan(1e-12);
    expect(Math.abs(integral(normal(0, 5, OBJECT_DOMAIN)) - 1)).toBeLessThan(1e-6);
  });

  it("truncated on the linear domain: N(0, 1) on [−π/2, π/2] has mean 0 and variance 1 − 2aφ(a)/(2Φ(a) − 1) = 0.5875 (±0.005)", () => {
    const d = normal(0, 1, LINEAR_DOMAIN);
    const a = Math.PI / 2, phi = Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI);
    const mass = integral(d) > 0 ? (() => { // 2Φ(a) − 1 by Simpson on φ (independent of the code under test)
      const m = 20000, h = (2 * a) / m;
      let s = 0;
      for (let i = 0; i <= m; i++) s += (i === 0 || i === m ? 1 : i % 2 ? 4 : 2) * Math.exp(-((-a + i * h) ** 2) / 2);
      return (s * h) / 3 / Math.sqrt(2 * Math.PI);
    })() : NaN;
    const want = 1 - (2 * a * phi) / mass;
    const x = d.sample(N, createRng(32));
    let s = 0, s2 = 0;
    expect(x.every((t) => Math.abs(t) <= a)).toBe(true);
    for (const t of x) { s += t; s2 += t * t; }
    expect(Math.abs(s / N)).toBeLessThan(5 * Math.sqrt(want / N));
    expect(Math.abs(s2 / N - want)).toBeLessThan(0.005);
    expect(ksStatistic(x, (t) => d.cdf(t))).toBeLessThan(KS_LIMIT);
    expect(d.pdf(2)).toBe(0);
  });

  it("rejects scale <= 0 and a truncation that keeps almost nothing", () => {
    expect(() => normal(0, 0, OBJECT_DOMAIN)).toThrow("normal(): scale must be a finite number > 0 (radians), got 0; give the standard deviation in radians, e.g. scale: 0.3");
    expect(() => normal(10, 0.1, LINEAR_DOMAIN)).toThrow(/lies in the linear domain/);
  });
});

describe("tabulated", () => {
  const grid = [0, Math.PI / 2, Math.PI, 1.5 * Math.PI];
  const values = [0, 2, 1, 1]; // closes to (2π, 0) on the object domain

  it("cdf at the grid points equals the trapezoid sums (hand-computed, 1e-12) and pdf integrates to 1", () => {
    const d = tabulated(grid, values, OBJECT_DOMAIN);
    const q = Math.PI / 2, total = q * (1 + 1.5 + 1 + 0.5); // trapezoids: (0+2)/2, (2+1)/2, (1+1)/2, (1+0)/2
    expect(d.cdf(q)).toBeCloseTo(q / total, 12);
    expect(d.cdf(Math.PI)).toBeCloseTo((2.5 * q) / total, 12);
    expect(d.cdf(1.5 * Math.PI)).toBeCloseTo((3.5 * q) / total, 12);
    expect(d.pdf(q)).toBeCloseTo(2 / total, 12);
    expect(d.pdf(1.75 * Math.PI)).toBeCloseTo(0.5 / total, 12); // on the closing segment
    expect(Math.abs(integral(d) - 1)).toBeLessThan(1e-6);
  });

  it("sampling is exact, not bin midpoints: KS against the piecewise-quadratic cdf", () => {
    const d = tabulated(grid, values, OBJECT_DOMAIN);
    const x = d.sample(N, createRng(41));
    expect(ksStatistic(x, (t) => d.cdf(t))).toBeLessThan(KS_LIMIT);
    expect(new Set(Array.from(x.slice(0, 1000))).size).toBe(1000);
  });

  it("a ramp density (x + 1)/2 on [−1, 1] of the linear domain has mean 1/3 and variance 2/9 (±5 s.e.)", () => {
    const d = tabulated([-1, 1], [0, 1], LINEAR_DOMAIN);
    expect(d.pdf(0)).toBeCloseTo(0.5, 14);
    expect(d.pdf(1.2)).toBe(0);
    expect(d.cdf(0)).toBeCloseTo(0.25, 14); // (x + 1)²/4
    const x = d.sample(N, createRng(42));
    let s = 0, s2 = 0;
    for (const t of x) { s += t; s2 += t * t; }
    expect(Math.abs(s / N - 1 / 3)).toBeLessThan(5 * Math.sqrt(2 / 9 / N));
    expect(Math.abs(s2 / N - (s / N) ** 2 - 2 / 9)).toBeLessThan(0.004);
  });

  it("a 500-point grid on [0, π) like the adaptation loop's wraps on the grating domain (KS, samples in [0, π))", () => {
    const g = Array.from({ length: 500 }, (_, i) => (i * Math.PI) / 500);
    const v = g.map((t) => 1 + 0.6 * Math.cos(2 * t) + 0.3 * Math.sin(6 * t));
    const d = tabulated(g, v, GRATING_DOMAIN);
    const x = d.sample(N, createRng(43));
    expect(x.every((t) => t >= 0 && t < Math.PI)).toBe(true);
    expect(ksStatistic(x, (t) => d.cdf(t))).toBeLessThan(KS_LIMIT);
    expect(d.pdf(Math.PI + 0.1)).toBeCloseTo(d.pdf(0.1), 12);
  });

  it("rejects bad tables with the index and the fix", () => {
    expect(() => tabulated([0, 1, 1], [1, 1, 1], OBJECT_DOMAIN)).toThrow("tabulated(): grid must be strictly increasing, got grid[1] = 1, grid[2] = 1; sort the table");
    expect(() => tabulated([0, 1], [1, -1], OBJECT_DOMAIN)).toThrow(/values\[1\] must be a finite number >= 0, got -1/);
    expect(() => tabulated([0, 1], [0, 0], OBJECT_DOMAIN)).toThrow(/integrate to 0/);
    expect(() => tabulated([0, 4], [1, 1], GRATING_DOMAIN)).toThrow(/more than one period/);
  });
});

describe("distributionFromSpec", () => {
  it("round-trips every kind through JSON: same pdf and same samples for the same seed", () => {
    const cases: [unknown, typeof OBJECT_DOMAIN][] = [
      [{ kind: "vonmises", loc: 1, kappa: 4 }, OBJECT_DOMAIN],
      [{ kind: "uniform", low: 0.5, high: 2 }, GRATING_DOMAIN],
      [{ kind: "normal", loc: 0, scale: 0.4 }, LINEAR_DOMAIN],
      [{ kind: "tabulated", grid: [0, 1, 2], density: [1, 3, 2] }, GRATING_DOMAIN],
    ];
    for (const [spec, domain] of cases) {
      const a = distributionFromSpec(spec, domain);
      expect(a.spec).toEqual(spec);
      const b = distributionFromSpec(JSON.parse(JSON.stringify(a.spec)), domain);
      for (const t of [0.1, 0.7, 1.3]) expect(b.pdf(t)).toBe(a.pdf(t));
      expect(Array.from(b.sample(20, createRng(5)))).toEqual(Array.from(a.sample(20, createRng(5))));
    }
  });

  it("fills documented defaults: vonmises loc 0, uniform the whole domain", () => {
    expect(distributionFromSpec({ kind: "vonmises", kappa: 2 }, OBJECT_DOMAIN).spec).toEqual({ kind: "vonmises", loc: 0, kappa: 2 });
    expect(distributionFromSpec({ kind: "uniform" }, GRATING_DOMAIN).spec).toEqual({ kind: "uniform", low: 0, high: Math.PI });
  });

  it("names unknown kinds, unknown keys and missing keys", () => {
    expect(() => distributionFromSpec({ kind: "cauchy" }, OBJECT_DOMAIN)).toThrow(/kind must be one of vonmises, uniform, normal, tabulated, got "cauchy"/);
    expect(() => distributionFromSpec({ kind: "vonmises", kappa: 1, sigma: 2 }, OBJECT_DOMAIN)).toThrow(/distributionFromSpec\(\) \(kind vonmises\): sigma: unknown key; valid keys: kind, loc, kappa/);
    expect(() => distributionFromSpec({ kind: "vonmises" }, OBJECT_DOMAIN)).toThrow(/kind vonmises needs 'kappa'/);
    expect(() => distributionFromSpec({ kind: "vonmises", kappa: "4" }, OBJECT_DOMAIN)).toThrow(/kappa must be a finite number >= 0, got "4"/);
    expect(() => distributionFromSpec(null, OBJECT_DOMAIN)).toThrow(/spec must be an object/);
  });

  it("wrapAngle maps any angle into [low, high)", () => {
    expect(wrapAngle(-0.5, GRATING_DOMAIN)).toBeCloseTo(Math.PI - 0.5, 14);
    expect(wrapAngle(2 * Math.PI, OBJECT_DOMAIN)).toBe(0);
    expect(wrapAngle(-1e-18, OBJECT_DOMAIN)).toBeLessThan(2 * Math.PI);
    expect(wrapAngle(5, LINEAR_DOMAIN)).toBe(5);
  });
});
