import { describe, expect, it } from "vitest";
import { jackknifeStderr } from "./jackknifeStderr.js";

describe("jackknifeStderr()", () => {
  it("equals s/√n for the sample mean (the jackknife is exact for linear statistics)", () => {
    // x = 1..5: sd 1.5811, so s/√5 = 0.70711; leave-one-out means are (15 − x_i)/4
    const x = [1, 2, 3, 4, 5];
    const loo = x.map((v) => (15 - v) / 4);
    expect(jackknifeStderr(loo)).toBeCloseTo(Math.sqrt(2.5 / 5), 12);
  });
});
