import { describe, expect, it } from "vitest";
import type { ActivationNetwork } from "./activationNetworks.js";
import { analyzeTrainTest, splitRows } from "./trainTest.js";

const theta = [0, 1, 2, 3];
const curve = (fisher: number[]) => ({ theta, fisher, stderr: fisher.map(() => NaN) });

/** Networks whose train curve is `trainFactor` × test (with a per-network wobble) and val is `valFactor` × test. */
function nets(trainFactor: number, valFactor: number): ActivationNetwork[] {
  return [0.97, 1, 1.02, 1.05, 0.99, 1.01].map((w, r) => {
    const test = [10, 20, 15, 12];
    return { activation: r < 3 ? "celu" : "relu", replicate: r, test: curve(test), boots: [],
      train: curve(test.map((v) => v * trainFactor * w)), val: curve(test.map((v) => v * valFactor * (2 - w))) };
  });
}

describe("analyzeTrainTest()", () => {
  it("computes mean log(I_train/I_test) by hand", () => {
    const rows = splitRows(nets(2, 1));
    expect(rows[1].trainVsTest).toBeCloseTo(Math.log(2), 12); // wobble 1
    expect(rows[1].valVsTest).toBeCloseTo(0, 12);
  });

  it("is reproduced when train identities give twice the I of test ones and val ones do not", () => {
    expect(analyzeTrainTest(splitRows(nets(2, 1))).verdict).toBe("reproduced");
  });

  it("is not reproduced when train, val and test give the same I up to the networks' wobble", () => {
    expect(analyzeTrainTest(splitRows(nets(1, 1))).verdict).toBe("not reproduced");
  });

  it("is mixed when val differs from test as much as train does", () => {
    expect(analyzeTrainTest(splitRows(nets(2, 2))).verdict).toBe("mixed");
  });

  it("refuses networks without their split measurements", () => {
    expect(() => analyzeTrainTest([])).toThrow(/no network has both/);
  });
});
