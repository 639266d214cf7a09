import { describe, expect, it } from "vitest";
import { correlationMatrix, pearson } from "./correlationMatrix.js";

describe("correlationMatrix", () => {
  it("pearson() matches hand-computed values", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
    // deviations (−1.5, −.5, .5, 1.5) and (−1.5, .5, −.5, 1.5): 4 / √(5·5) = 0.8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 15);
  });

  it("pearson() is NaN for a constant series", () => {
    expect(Number.isNaN(pearson([1, 1, 1], [1, 2, 3]))).toBe(true);
  });

  it("correlationMatrix() is symmetric with a unit diagonal", () => {
    const m = correlationMatrix([[1, 2, 3, 4], [1, 3, 2, 4], [4, 3, 2, 1]]);
    expect(m[0][0]).toBe(1);
    expect(m[0][1]).toBeCloseTo(0.8, 15);
    expect(m[1][0]).toBe(m[0][1]);
    expect(m[0][2]).toBeCloseTo(-1, 15);
    expect(m.length).toBe(3);
  });

  it("correlationMatrix() of no curves is empty", () => {
    expect(correlationMatrix([])).toEqual([]);
  });
});
