import { describe, expect, test } from "vitest";
import { modulatedPopulation } from "./population.js";
import { derivative } from "../../src/fisher/index.js";
import { shrunkEstimate } from "../../src/fisher/derivative.js";
import { lowRankPreferred, lowRankShrunkEstimate } from "../../src/fisher/lowRankShrunk.js";
import { matrix } from "../../src/math/linalg.js";
import { createRng } from "../../src/engine/index.js";

/** Relative difference, against the larger magnitude. */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe("derivative() with many more units than identities (the span of the identities)", () => {
  test("lowRankShrunkEstimate() gives the dense Ledoit–Wolf numbers at N = 300, M = 50 (1e-9 relative)", () => {
    // Both are exact algebra in float64 (Woodbury vs. Cholesky of the N×N matrix): they differ only by
    // rounding, ~1e-12 measured; 1e-9 leaves room for the conditioning of Σ̂ without hiding a wrong term.
    const pop = modulatedPopulation(300, { noise: 0.3 });
    const d = pop.identities(1, 50, createRng(7));
    const dense = shrunkEstimate("derivative()", 1, d.responses, d.derivatives, 0.95, []);
    const low = lowRankShrunkEstimate("derivative()", 1, d.responses, d.derivatives, 0.95, []);
    for (const key of ["fisher", "stderr", "meanTerm", "covTerm", "fisherUncorrected", "ciLow", "ciHigh"] as const) {
      expect(rel(low[key]!, dense[key]!), key).toBeLessThan(1e-9);
    }
    expect(low.covTerm!).toBeGreaterThan(0); // Σ' ≠ 0 here, so the covariance term is exercised
    expect(low.covariance).toBe("ledoit-wolf");
  }, 120_000); // the dense jackknife: 50 Cholesky solves of 300×300 with 300 right-hand sides

  test("derivative() takes the span form when N > 2M + 1 and returns the dense numbers with its warning", () => {
    expect(lowRankPreferred(300, 50)).toBe(true);
    expect(lowRankPreferred(60, 50)).toBe(false);
    expect(lowRankPreferred(101, 50)).toBe(false);
    const pop = modulatedPopulation(120, { noise: 0.5 });
    const d = pop.identities(0.3, 20, createRng(2));
    const r = derivative().estimate({ theta: 0.3, ...d });
    const dense = shrunkEstimate("derivative()", 0.3, d.responses, d.derivatives, 0.95, []);
    expect(rel(r.fisher, dense.fisher)).toBeLessThan(1e-9);
    expect(rel(r.stderr, dense.stderr)).toBeLessThan(1e-9);
    expect(r.warnings[0]).toMatch(/20 identities for 120 units .* Ledoit–Wolf/);
  });

  test("lowRankShrunkEstimate() on 4 identities × 150 units (jackknife refits on 3) matches dense", () => {
    const rng = createRng(11);
    // with 2 identities the centred rows are ±x, the Ledoit–Wolf b̄² is 0 and Σ̂ is singular (both forms
    // refuse), so 4 is the smallest jackknife that runs
    const n = 150, m = 4;
    const r = matrix(m, n, Float64Array.from({ length: m * n }, () => rng.normal()));
    const dr = matrix(m, n, Float64Array.from({ length: m * n }, () => rng.normal()));
    const low = lowRankShrunkEstimate("derivative()", 0, r, dr, 0.95, []);
    const dense = shrunkEstimate("derivative()", 0, r, dr, 0.95, []);
    expect(rel(low.fisher, dense.fisher)).toBeLessThan(1e-9);
    expect(rel(low.stderr, dense.stderr)).toBeLessThan(1e-9);
  }, 30_000);

  test("lowRankShrunkEstimate() on responses that do not vary across identities is a one-line error", () => {
    const r = matrix(4, 20), dr = matrix(4, 20, Float64Array.from({ length: 80 }, (_, i) => i % 7));
    expect(() => lowRankShrunkEstimate("derivative()", 0, r, dr, 0.95, [])).toThrow(/derivative\(\): the shrunk response covariance is singular .* do not vary across identities/);
  });

  test("lowRankShrunkEstimate() does not mutate its input", () => {
    const pop = modulatedPopulation(40, { noise: 0.3 });
    const d = pop.identities(1, 8, createRng(1));
    const before = [Float64Array.from(d.responses.data), Float64Array.from(d.derivatives.data)];
    lowRankShrunkEstimate("derivative()", 1, d.responses, d.derivatives, 0.95, []);
    expect(d.responses.data).toEqual(before[0]);
    expect(d.derivatives.data).toEqual(before[1]);
  });
});
