import { describe, expect, it } from "vitest";
import { createRng, permutation } from "./rng.js";

describe("createRng", () => {
  it("same seed gives the same stream; different seeds differ", () => {
    const a = createRng(7), b = createRng(7), c = createRng(8);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    const xb = Array.from({ length: 5 }, () => b.uniform());
    const xc = Array.from({ length: 5 }, () => c.uniform());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it("uniform() has mean 1/2 and variance 1/12 (1e5 draws, tolerance 5 standard errors)", () => {
    const rng = createRng(1);
    const n = 100_000;
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) { const u = rng.uniform(); expect(u >= 0 && u < 1).toBe(true); s += u; s2 += u * u; }
    const mean = s / n, variance = s2 / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it("normal() has mean 0, variance 1 and kurtosis 3 (1e5 draws)", () => {
    const rng = createRng(2);
    const n = 100_000;
    let s = 0, s2 = 0, s4 = 0;
    for (let i = 0; i < n; i++) { const z = rng.normal(); s += z; s2 += z * z; s4 += z ** 4; }
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
    expect(Math.abs(s4 / n - 3)).toBeLessThan(0.1);
  });

  it("fork() streams are reproducible and independent of draws on the parent", () => {
    const a = createRng(3), b = createRng(3);
    b.uniform(); b.uniform();
    expect(a.fork("dropout").uniform()).toBe(b.fork("dropout").uniform());
    expect(a.fork("dropout").uniform()).not.toBe(a.fork("shuffle").uniform());
  });

  it("int(n) rejects non-positive n", () => {
    expect(() => createRng(0).int(0)).toThrow(/positive integer/);
  });
});

describe("permutation", () => {
  it("returns each index exactly once", () => {
    const p = Array.from(permutation(100, createRng(4))).sort((x, y) => x - y);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
