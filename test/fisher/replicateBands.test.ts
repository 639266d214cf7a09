import { describe, expect, test } from "vitest";
import { replicateBands, type FisherEstimate } from "../../src/fisher/index.js";
import { createRng } from "../../src/engine/index.js";

const est = (theta: number, fisher: number, stderr: number): FisherEstimate =>
  ({ theta, fisher, stderr, ciLow: fisher - 2 * stderr, ciHigh: fisher + 2 * stderr, method: "derivative", nSamples: 50, warnings: [] });

describe("replicateBands()", () => {
  test("replicateBands() separates network variation from measurement noise on planted replicates", () => {
    // 400 replicates: each has a true I = 10 + N(0, 3²) ("network") measured with stderr 4 (noise)
    const rng = createRng(1);
    const curves = Array.from({ length: 400 }, () => [0, 1].map((t) => est(t, 10 + 3 * rng.normal() + 4 * rng.normal(), 4)));
    const [band] = replicateBands(curves);
    expect(band.replicateSd).toBeCloseTo(5, 0); // √(3² + 4²)
    expect(band.estimatorStderr).toBe(4);
    expect(Math.abs(band.networkSd - 3)).toBeLessThan(0.6);
    expect(band.meanStderr).toBeCloseTo(band.replicateSd / 20, 12);
  });

  test("replicateBands() rejects one replicate and mismatched angles", () => {
    expect(() => replicateBands([[est(0, 1, 1)]])).toThrow(/≥ 2 replicate curves/);
    expect(() => replicateBands([[est(0, 1, 1)], [est(0.5, 1, 1)]])).toThrow(/angle 0 is 0.5/);
  });
});
