import { describe, expect, it } from "vitest";
import { circularMovingAverage } from "./circularMovingAverage.js";
import { fourierSmooth } from "../math/index.js";
import { dispersion } from "./dispersion.js";

describe("circularMovingAverage()", () => {
  it("averages the width values centred on each point, wrapping around", () => {
    expect(circularMovingAverage([1, 2, 3, 4, 5], 3)).toEqual([8 / 3, 2, 3, 4, 10 / 3].map((v) => expect.closeTo(v, 12)));
  });
  it("leaves a constant unchanged, width 1 is the identity, and the mean is preserved", () => {
    expect(circularMovingAverage([2, 2, 2, 2], 3)).toEqual([2, 2, 2, 2]);
    expect(circularMovingAverage([1, 5, 2], 1)).toEqual([1, 5, 2]);
    const v = [3, 1, 4, 1, 5, 9, 2, 6];
    const s = circularMovingAverage(v, 5);
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(v.reduce((a, b) => a + b, 0), 12);
  });
  it("rejects a width that is not a positive integer", () => {
    expect(() => circularMovingAverage([1, 2], 0)).toThrow(/width must be a positive integer/);
  });
});

describe("fourierSmooth()", () => {
  const n = 40;
  const theta = Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);
  it("reproduces a trigonometric polynomial of degree ≤ K exactly and removes higher harmonics", () => {
    const low = theta.map((t) => 2 + Math.cos(t) - 0.5 * Math.sin(2 * t));
    const high = theta.map((t, i) => low[i] + 0.3 * Math.cos(7 * t));
    fourierSmooth(low, 2).forEach((v, i) => expect(v).toBeCloseTo(low[i], 12));
    fourierSmooth(high, 2).forEach((v, i) => expect(v).toBeCloseTo(low[i], 12));
  });
});

describe("dispersion()", () => {
  it("cv, cv2 and var_over_mean by hand", () => {
    // values 1, 3: mean 2, population variance 1
    expect(dispersion([1, 3], "cv")).toBeCloseTo(0.5, 14);
    expect(dispersion([1, 3], "var_over_mean")).toBeCloseTo(0.5, 14);
    expect(dispersion([1, 3], "cv2")).toBeCloseTo(0.25, 14);
  });
  it("cv and cv2 are unchanged by scaling the curve; var_over_mean scales with it", () => {
    const v = [2, 5, 3, 9, 4], big = v.map((x) => 1000 * x);
    expect(dispersion(big, "cv")).toBeCloseTo(dispersion(v, "cv"), 14);
    expect(dispersion(big, "cv2")).toBeCloseTo(dispersion(v, "cv2"), 14);
    expect(dispersion(big, "var_over_mean")).toBeCloseTo(1000 * dispersion(v, "var_over_mean"), 9);
  });
});
