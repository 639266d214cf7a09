import { describe, expect, it } from "vitest";
import { theoreticalAlpha } from "./theoreticalAlpha.js";

describe("theoreticalAlpha", () => {
  it("theoreticalAlpha() gives 2/(q+1) for the L_q losses (Wang, Stocker & Lee 2016)", () => {
    expect(theoreticalAlpha("angle_diff").alpha).toBe(1);
    expect(theoreticalAlpha("sq_diff").alpha).toBeCloseTo(2 / 3, 15);
    expect(theoreticalAlpha("sqrt_diff").alpha).toBeCloseTo(4 / 3, 15);
    expect(theoreticalAlpha("infomax").alpha).toBe(2);
  });

  it("theoreticalAlpha() treats cos_sim as a squared error and says so", () => {
    const t = theoreticalAlpha("cos_sim");
    expect(t.alpha).toBeCloseTo(2 / 3, 15);
    expect(t.note).toMatch(/Δ²\/2/);
  });

  it("theoreticalAlpha() makes no prediction for other losses", () => {
    expect(theoreticalAlpha("sim_log")).toEqual({ alpha: null, note: 'no prediction for loss "sim_log"' });
  });
});
