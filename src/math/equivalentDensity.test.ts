import { describe, expect, it } from "vitest";
import { normaliseDensity } from "../adapt/index.js";
import { trapezoid } from "./trapezoid.js";
import { equivalentDensity } from "./equivalentDensity.js";

const n = 16;
const grid = Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);

describe("trapezoid", () => {
  it("trapezoid() on a circular grid includes the wrap-around segment", () => {
    // uniform grid over [0, 2π): the circular trapezoid sum is h·Σf
    expect(trapezoid(grid, grid.map(() => 1), 2 * Math.PI)).toBeCloseTo(2 * Math.PI, 12);
    expect(trapezoid(grid, grid.map(() => 1))).toBeCloseTo((2 * Math.PI * (n - 1)) / n, 12);
  });

  it("trapezoid() gives the same integral whether or not the grid repeats the end point", () => {
    const f = (t: number) => 2 + Math.cos(t);
    const closed = [...grid, 2 * Math.PI];
    expect(trapezoid(closed, closed.map(f), 2 * Math.PI)).toBeCloseTo(trapezoid(grid, grid.map(f), 2 * Math.PI), 12);
    expect(trapezoid(grid, grid.map(f), 2 * Math.PI)).toBeCloseTo(4 * Math.PI, 12); // exact for trig polynomials
  });

  it("trapezoid() rejects a grid longer than the period", () => {
    expect(() => trapezoid([0, 7], [1, 1], 2 * Math.PI)).toThrow(/more than the period/);
  });
});

describe("equivalentDensity", () => {
  it("equivalentDensity() of a constant I is the uniform density 1/L", () => {
    for (const v of equivalentDensity(grid, grid.map(() => 5), 2 * Math.PI)) expect(v).toBeCloseTo(1 / (2 * Math.PI), 12);
  });

  it("equivalentDensity() of I = p² returns p itself (p_I ∝ √I)", () => {
    const p = normaliseDensity(grid.map((t) => 1 + 0.5 * Math.cos(t)), 2 * Math.PI);
    const pI = equivalentDensity(grid, p.map((v) => v * v), 2 * Math.PI);
    pI.forEach((v, i) => expect(v).toBeCloseTo(p[i], 12));
    expect(trapezoid(grid, pI, 2 * Math.PI)).toBeCloseTo(1, 12);
  });

  it("equivalentDensity() counts negative I as 0 and does not mutate its input", () => {
    const I = [4, -1, 4, 4];
    const pI = equivalentDensity([0, 1, 2, 3], I, 4);
    expect(pI[1]).toBe(0);
    expect(I).toEqual([4, -1, 4, 4]);
  });

  it("equivalentDensity() is NaN everywhere when I is 0 everywhere", () => {
    expect(equivalentDensity([0, 1], [0, 0]).every(Number.isNaN)).toBe(true);
  });
});
