import { describe, expect, it } from "vitest";
import { createRng } from "../engine/index.js";
import { bootstrapInterval } from "./bootstrapInterval.js";
import { fourierHighPass } from "./fourierSmooth.js";
import { permutationInterval } from "./permutationInterval.js";
import { quantileSorted } from "./quantile.js";

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe("quantileSorted()", () => {
  it("interpolates between order statistics (type 7), exact by hand", () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([10, 20, 30], 0.25)).toBe(15);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(() => quantileSorted([1], 1.5)).toThrow("quantileSorted(): q must be in [0, 1], got 1.5");
  });
});

describe("fourierHighPass()", () => {
  it("removes harmonics up to the cut and keeps those above it (exact on a uniform grid up to rounding)", () => {
    const n = 64;
    const th = Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);
    const low = th.map((t) => 3 + Math.cos(t) + 0.5 * Math.sin(4 * t));
    const high = th.map((t) => 0.2 * Math.cos(9 * t));
    const out = fourierHighPass(low.map((v, i) => v + high[i]), 4);
    out.forEach((v, i) => expect(v).toBeCloseTo(high[i], 12));
    expect(mean(fourierHighPass(low, 0))).toBeCloseTo(0, 12);
  });
});

describe("permutationInterval()", () => {
  const diffOfMeans = (values: readonly number[]) => (labels: readonly number[]) =>
    mean(values.filter((_, i) => labels[i] === 1)) - mean(values.filter((_, i) => labels[i] === 0));

  it("finds a planted group difference above the chance interval, with a small p", () => {
    const values = [0.1, -0.2, 0.05, 0, 2.1, 1.9, 2.2, 2.0];
    const r = permutationInterval([0, 0, 0, 0, 1, 1, 1, 1], diffOfMeans(values), { seed: 1, permutations: 1000 });
    expect(r.observed).toBeCloseTo(2.0625, 12);
    expect(r.observed).toBeGreaterThan(r.hi);
    // only the true split and its mirror image reach the observed difference: p ≈ 1/70 (+1 correction)
    expect(r.pGreater).toBeLessThan(0.05);
    expect(r.permutations).toBe(1000);
  });

  it("keeps the group sizes, is reproducible by seed, and covers the observed value about 95% of the time under no effect", () => {
    const sizes = permutationInterval([0, 0, 1, 1, 1], (l) => l.filter((x) => x === 1).length, { seed: 3, permutations: 50 });
    expect([sizes.lo, sizes.hi, sizes.observed]).toEqual([3, 3, 3]);
    const once = (seed: number) => {
      const rng = createRng(seed);
      const values = Array.from({ length: 12 }, () => rng.normal());
      return permutationInterval([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], diffOfMeans(values), { seed, permutations: 400 });
    };
    expect(once(5)).toEqual(once(5));
    // 60 null data sets: the 95% chance interval misses about 3; tolerance: 0-9 misses (binomial 60, 0.05: P(> 9) < 0.2%)
    let misses = 0;
    for (let s = 0; s < 60; s++) { const r = once(100 + s); if (r.observed < r.lo || r.observed > r.hi) misses++; }
    expect(misses).toBeLessThanOrEqual(9);
  });

  it("rejects a bad level or permutation count", () => {
    expect(() => permutationInterval([0, 1], () => 0, { seed: 0, level: 1 })).toThrow("permutationInterval(): level must be in (0, 1), got 1");
    expect(() => permutationInterval([0, 1], () => 0, { seed: 0, permutations: 0 })).toThrow(/permutations must be an integer ≥ 1, got 0/);
  });
});

describe("bootstrapInterval()", () => {
  it("the percentile interval of a mean covers the true mean in about 95% of samples", () => {
    // 80 samples of 30 normals (mean 1): the percentile interval is slightly narrow at n = 30, so
    // allow 64-80 covers (expected ≈ 75; binomial 80, 0.93: P(< 64) < 1%)
    let covers = 0;
    for (let s = 0; s < 80; s++) {
      const rng = createRng(s);
      const xs = Array.from({ length: 30 }, () => 1 + rng.normal());
      const r = bootstrapInterval(xs.length, (idx) => mean(idx.map((i) => xs[i])), { seed: s, resamples: 400 });
      expect(r.value).toBeCloseTo(mean(xs), 12);
      if (r.lo <= 1 && 1 <= r.hi) covers++;
    }
    expect(covers).toBeGreaterThanOrEqual(64);
  });

  it("draws indices of the units only, reproducibly, and rejects zero units", () => {
    const seen = new Set<number>();
    const a = bootstrapInterval(3, (idx) => { idx.forEach((i) => seen.add(i)); return idx[0]; }, { seed: 9, resamples: 200 });
    expect([...seen].sort()).toEqual([0, 1, 2]);
    expect(bootstrapInterval(3, (idx) => idx[0], { seed: 9, resamples: 200 })).toEqual(a);
    expect(() => bootstrapInterval(0, () => 0, { seed: 0 })).toThrow("bootstrapInterval(): units must be an integer ≥ 1, got 0");
  });
});
