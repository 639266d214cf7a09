import { describe, expect, test } from "vitest";
import { modulatedPopulation } from "./population.js";
import { derivative } from "../../src/fisher/index.js";
import { matrix, selectRows } from "../../src/math/linalg.js";
import { createRng, permutation } from "../../src/engine/index.js";

// 6 units, θ-dependent correlated noise: both terms are non-zero and known in closed form
const pop = modulatedPopulation(6);

describe("derivative()", () => {
  test("derivative() recovers the closed-form mean and covariance terms along an I(θ) curve (M = 400, 3 seeds)", () => {
    for (const theta of [0.3, 1.5, 2.9, 4.4]) {
      const t = pop.fisher(theta);
      const runs = [0, 1, 2].map((s) => derivative().estimate({ theta, ...pop.identities(theta, 400, createRng(100 * s + 1)) }));
      const mean = (f: (r: (typeof runs)[0]) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
      // tolerance: 3 stderr of the 3-seed mean (the jackknife stderr is ≈ 7% of I at M = 400)
      const tol = (3 * mean((r) => r.stderr)) / Math.sqrt(3);
      expect(Math.abs(mean((r) => r.fisher) - (t.meanTerm + t.covTerm))).toBeLessThan(tol);
      expect(Math.abs(mean((r) => r.covTerm!) - t.covTerm)).toBeLessThan(0.5 * t.covTerm);
      for (const r of runs) expect(r.meanTerm! + r.covTerm!).toBeCloseTo(r.fisher, 9);
    }
  });

  test("derivative() jackknife intervals cover the true I in most of 40 datasets (M = 100, 90% level: 75–99%)", () => {
    const theta = 1;
    const t = pop.fisher(theta);
    const truth = t.meanTerm + t.covTerm;
    const runs = Array.from({ length: 40 }, (_, s) => derivative({ confidence: 0.9 }).estimate({ theta, ...pop.identities(theta, 100, createRng(s)) }));
    const covered = runs.filter((r) => r.ciLow <= truth && truth <= r.ciHigh).length / runs.length;
    expect(covered).toBeGreaterThanOrEqual(0.75);
    expect(covered).toBeLessThanOrEqual(0.99);
  });

  test("derivative() plug-in fisherUncorrected is biased upward at small M (30 identities) and the corrected fisher removes most of it", () => {
    const theta = 0.3;
    const t = pop.fisher(theta);
    const truth = t.meanTerm + t.covTerm;
    const runs = Array.from({ length: 30 }, (_, s) => derivative().estimate({ theta, ...pop.identities(theta, 30, createRng(s)) }));
    const plug = runs.reduce((s, r) => s + r.fisherUncorrected!, 0) / runs.length / truth - 1;
    const jk = runs.reduce((s, r) => s + r.fisher, 0) / runs.length / truth - 1;
    expect(plug).toBeGreaterThan(0.1);
    expect(Math.abs(jk)).toBeLessThan(plug);
  });

  test("derivative() is unchanged by permuting identities", () => {
    const d = pop.identities(2, 60, createRng(4));
    const p = permutation(60, createRng(8));
    const a = derivative().estimate({ theta: 2, ...d });
    const b = derivative().estimate({ theta: 2, responses: selectRows(d.responses, p), derivatives: selectRows(d.derivatives, p) });
    expect(b.fisher).toBeCloseTo(a.fisher, 8);
    expect(b.stderr).toBeCloseTo(a.stderr, 8);
  });

  test("derivative() rejects mismatched shapes, too few identities and NaN", () => {
    const d = pop.identities(2, 20, createRng(4));
    expect(() => derivative().estimate({ theta: 2, responses: d.responses, derivatives: selectRows(d.derivatives, [0, 1]) })).toThrow(/same shape, got 20×6 and 2×6/);
    expect(() => derivative().estimate({ theta: 2, responses: selectRows(d.responses, [0, 1]), derivatives: selectRows(d.derivatives, [0, 1]) })).toThrow(/at least 3 identities/);
    const bad = matrix(20, 6, d.derivatives.data); bad.data[5] = NaN;
    expect(() => derivative().estimate({ theta: 2, responses: d.responses, derivatives: bad })).toThrow(/derivatives must be finite/);
  });
});
