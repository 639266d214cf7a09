import { describe, expect, it } from "vitest";
import { createRng } from "../../engine/index.js";
import { analyseExponentStage, exponentResult, type ExponentStageInput } from "./lossExponent.js";

const N = 120;
const theta = Array.from({ length: N }, (_, i) => (2 * Math.PI * i) / N);
// von Mises κ = 2 at π, unnormalised: only ratios of p enter α
const density = theta.map((t) => Math.exp(2 * Math.cos(t - Math.PI)) / 20);

/** R replicates per loss: I = c_r · p^α · exp(noise), α per loss as given. */
function stage(alphas: Record<string, number>, R = 5, noise = 0.1, seed = 1): ExponentStageInput {
  const rng = createRng(seed);
  const curves: ExponentStageInput["curves"] = {};
  for (const [loss, alpha] of Object.entries(alphas)) {
    curves[loss] = Array.from({ length: R }, () => {
      const c = Math.exp(rng.normal());
      return density.map((p) => c * p ** alpha * Math.exp(noise * rng.normal()));
    });
  }
  return { stage: "converged", curves, epochs: Array.from({ length: R * 3 }, (_, i) => 100 + i), stoppedEarly: Array.from({ length: R * 3 }, (_, i) => i % 2 === 0) };
}

describe("analyseExponentStage()", () => {
  it("recovers planted exponents (α = 2/(q+1) per loss) within their intervals", () => {
    const s = analyseExponentStage(density, stage({ sqrt_diff: 4 / 3, angle_diff: 1, sq_diff: 2 / 3 }));
    for (const l of s.losses) {
      // noise 0.1 in ln I over ~70 points per fit: each α is within ±0.05 of the planted value
      expect(Math.abs(l.primary.mean - l.predicted!)).toBeLessThan(0.05);
      expect(l.primary.ci![0]).toBeLessThan(l.predicted!);
      expect(l.primary.ci![1]).toBeGreaterThan(l.predicted!);
    }
    expect(s.contrast!.mean).toBeCloseTo(2 / 3, 1);
    expect([s.concentration, s.lossDependence, s.offTheory]).toEqual([true, true, []]);
    expect(s.verdict).toBe("mixed"); // concentrates, loss-dependent, but exactly as theory says: not "not cleanly"
    expect([s.stoppedEarly, s.runs]).toEqual([8, 15]);
  });

  it("calls loss-dependent concentration off theory reproduced, and no concentration not reproduced", () => {
    expect(analyseExponentStage(density, stage({ sqrt_diff: 0.9, angle_diff: 0.7, sq_diff: 0.4 })).verdict).toBe("reproduced");
    const flat = analyseExponentStage(density, stage({ sqrt_diff: 0, angle_diff: 0, sq_diff: 0 }));
    expect(flat.concentration).toBe(false);
    expect(flat.verdict).toBe("not reproduced");
    const same = analyseExponentStage(density, stage({ sqrt_diff: 0.5, angle_diff: 0.5, sq_diff: 0.5 }));
    expect([same.lossDependence, same.verdict]).toEqual([false, "mixed"]);
  });

  it("pairs the loss contrast by replicate and skips a missing curve", () => {
    const input = stage({ sqrt_diff: 1, sq_diff: 0.5 }, 4);
    input.curves.sq_diff[2] = null;
    const s = analyseExponentStage(density, input);
    expect(s.contrast!.replicates).toBe(3);
    expect(s.losses.find((l) => l.loss === "sq_diff")!.perReplicate[2]).toBeNaN();
    const result = exponentResult({ theta, density, stages: [{ ...input, stage: "short" }, input] }, [{ ...s, stage: "short" }, s]);
    expect(result.verdict).toBe(s.verdict);
    expect(result.figures[0].svg).toContain("<svg");
  });
});
