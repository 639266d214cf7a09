import { describe, expect, it } from "vitest";
import { angleDistance, encodingPeriod } from "./angleError.js";

describe("angleDistance()", () => {
  it("takes the shorter way round the encoding's period (exact to 1e-12)", () => {
    const full = encodingPeriod("circular"), half = encodingPeriod("half_angle");
    expect(full).toBe(2 * Math.PI);
    expect(half).toBe(Math.PI);
    expect(angleDistance(0.1, 2 * Math.PI - 0.1, full)).toBeCloseTo(0.2, 12); // across 0
    expect(angleDistance(-3, 3, full)).toBeCloseTo(2 * Math.PI - 6, 12); // decoded (−π, π] vs truth
    expect(angleDistance(0.1, Math.PI - 0.1, half)).toBeCloseTo(0.2, 12); // half-angle: θ and θ + π are one
    expect(angleDistance(0, Math.PI / 2, half)).toBeCloseTo(Math.PI / 2, 12); // the largest error is half the period
    expect(angleDistance(1, 1 + 4 * Math.PI, full)).toBeCloseTo(0, 12);
  });

  it("does not wrap the linear encoding (period ∞)", () => {
    expect(encodingPeriod("linear")).toBe(Infinity);
    expect(angleDistance(-1.5, 1.5, Infinity)).toBe(3);
  });
});
