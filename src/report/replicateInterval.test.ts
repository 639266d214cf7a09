import { describe, expect, it } from "vitest";
import { replicateInterval } from "./replicateInterval.js";

describe("replicateInterval", () => {
  it("replicateInterval() is mean ± t(R−1)·sd/√R by hand for R = 3", () => {
    // values 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.3026527
    const s = replicateInterval([1, 2, 3]);
    expect(s.mean).toBe(2);
    expect(s.sd).toBeCloseTo(1, 14);
    expect(s.ci![0]).toBeCloseTo(2 - 4.3026527 / Math.sqrt(3), 6);
    expect(s.ci![1]).toBeCloseTo(2 + 4.3026527 / Math.sqrt(3), 6);
  });

  it("replicateInterval() gives no interval for R = 2 or 1, and drops non-finite values", () => {
    expect(replicateInterval([1, 2]).ci).toBeNull();
    expect(replicateInterval([1, NaN, 2, Infinity])).toEqual({ mean: 1.5, sd: Math.SQRT1_2, ci: null, replicates: 2 });
    const none = replicateInterval([]);
    expect(none.replicates).toBe(0);
    expect(Number.isNaN(none.mean)).toBe(true);
  });
});
