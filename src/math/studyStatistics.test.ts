import { describe, expect, it } from "vitest";
import { countPeaks } from "./countPeaks.js";
import { powerSpectrum } from "./powerSpectrum.js";
import { roughness } from "./roughness.js";
import { welchInterval } from "./welchInterval.js";

describe("roughness()", () => {
  it("is mean |Δ log v| between neighbours, by hand", () => {
    // logs 0, ln2, 0: steps ln2, ln2 (open); + wrap 0 → mean over 3 (circular)
    expect(roughness([1, 2, 1], false)).toBeCloseTo(Math.log(2), 14);
    expect(roughness([1, 2, 1], true)).toBeCloseTo((2 * Math.log(2)) / 3, 14);
  });

  it("is scale-free and zero for a constant curve", () => {
    expect(roughness([3, 3, 3, 3], true)).toBe(0);
    expect(roughness([1, 5, 2, 7], true)).toBeCloseTo(roughness([10, 50, 20, 70], true), 14);
  });

  it("of a smooth curve halves when the grid is twice as fine (its total variation is spread over more steps)", () => {
    const curve = (n: number) => Array.from({ length: n }, (_, k) => Math.exp(Math.cos((2 * Math.PI * k) / n)));
    // total variation of cos over a period is 4; mean step 4/n — exact up to the sampled extremes, which are on the grid
    expect(roughness(curve(100), true)).toBeCloseTo(4 / 100, 10);
    expect(roughness(curve(200), true)).toBeCloseTo(4 / 200, 10);
  });

  it("is NaN when a value is not positive, and refuses fewer than 2 values", () => {
    expect(roughness([1, 0, 2], false)).toBeNaN();
    expect(() => roughness([1], true)).toThrow(/at least 2 values/);
  });
});

describe("countPeaks()", () => {
  it("counts k peaks of cos(kθ) on a circular grid", () => {
    for (const k of [1, 2, 3, 5]) {
      const v = Array.from({ length: 360 }, (_, j) => Math.cos((2 * Math.PI * k * j) / 360));
      expect(countPeaks(v, true, 0.1)).toBe(k);
    }
  });

  it("ignores bumps below the prominence and counts a plateau once", () => {
    const v = [0, 1, 0.95, 1.02, 0, 0, 2, 2, 2, 0];
    // peaks at 1 (prominence 0.05 above the 0.95 dip: beaten by 1.02), 1.02 (prominence 1.02), plateau 2 (prominence 2)
    expect(countPeaks(v, false, 0.5)).toBe(2);
    expect(countPeaks(v, false, 0.01)).toBe(3);
  });

  it("does not count an end point of an open grid, but counts it when the grid wraps", () => {
    const v = [5, 1, 2, 1, 3];
    expect(countPeaks(v, false, 0.5)).toBe(1); // only the interior 2
    expect(countPeaks(v, true, 0.5)).toBe(2); // 5 (with 3 beside it across the wrap) and 2
  });

  it("finds no peak in a constant or too short curve and refuses NaN", () => {
    expect(countPeaks([2, 2, 2, 2], true, 0)).toBe(0);
    expect(countPeaks([1, 2], false, 0)).toBe(0);
    expect(() => countPeaks([1, NaN, 1], true, 0)).toThrow(/finite/);
  });
});

describe("powerSpectrum()", () => {
  it("puts c² at k = 0 and a²/4 at the harmonic of c + a·cos", () => {
    const n = 64;
    const p = powerSpectrum(Array.from({ length: n }, (_, j) => 2 + 3 * Math.cos((2 * Math.PI * 5 * j) / n)));
    expect(p.length).toBe(33);
    expect(p[0]).toBeCloseTo(4, 10);
    expect(p[5]).toBeCloseTo(9 / 4, 10);
    const rest = p.filter((_, k) => k !== 0 && k !== 5);
    expect(Math.max(...rest)).toBeLessThan(1e-20);
  });
});

describe("welchInterval()", () => {
  it("matches a hand computation", () => {
    // a: mean 2, var 1 (n 3); b: mean 0, var 1 (n 3) → se = √(2/3), df = (2/3)²/((1/3)²/2·2) = 4, t₀.₉₇₅,₄ = 2.7764
    const r = welchInterval([1, 2, 3], [-1, 0, 1]);
    expect(r.diff).toBe(2);
    expect(r.df).toBeCloseTo(4, 12);
    expect(r.hi - r.diff).toBeCloseTo(2.776445 * Math.sqrt(2 / 3), 5);
  });

  it("collapses to the point when neither group varies, and needs two values per group", () => {
    expect(welchInterval([1, 1], [0, 0])).toMatchObject({ diff: 1, lo: 1, hi: 1 });
    expect(() => welchInterval([1], [0, 0])).toThrow(/at least 2 finite values/);
  });
});
