import { describe, expect, it } from "vitest";
import { interpolateCircular } from "./interpolateCircular.js";
import { circularDifference } from "./circular.js";

describe("circular", () => {
  it("circularDifference() wraps into [−L/2, L/2)", () => {
    expect(circularDifference(0.1, 2 * Math.PI - 0.1, 2 * Math.PI)).toBeCloseTo(0.2, 12);
    expect(circularDifference(3, 1, 4)).toBe(-2);
    expect(circularDifference(1, 3, 4)).toBe(-2);
  });

  it("interpolateCircular() interpolates linearly and across the wrap-around", () => {
    const theta = [0, 1, 2, 3];
    const v = [0, 10, 20, 30];
    expect(interpolateCircular(theta, v, [0.5, 2.25, 3.5, -0.5, 4.5], 4)).toEqual([5, 22.5, 15, 15, 5]);
  });

  it("interpolateCircular() returns the values themselves on the same grid", () => {
    expect(interpolateCircular([0, 1, 2], [3, 4, 5], [0, 1, 2], 3)).toEqual([3, 4, 5]);
  });
});
