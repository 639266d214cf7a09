import { describe, expect, it } from "vitest";
import { adaptationLoop, type AdaptationOptions, type IterationRecord } from "./adaptationLoop.js";
import { updateDensity } from "./updateDensity.js";
import { circularGrid, integrateCircular, normaliseDensity } from "./gridDensity.js";

const TWO_PI = 2 * Math.PI;

function options(overrides: Partial<AdaptationOptions> = {}): AdaptationOptions {
  return {
    grid: 64, domain: [0, TWO_PI], initial: "uniform", replicates: 1, maxIterations: 60,
    criterion: 1e-12, statistic: "cv2", exponent: 0.5, damping: 1,
    smoothing: { kind: "moving_average", width: 1 }, ...overrides,
  };
}

/** A network stand-in whose I is a known function of p: I(θ) = a(θ)·p(θ)^α. */
function powerLawMeasure(alpha: number, a: (t: number) => number) {
  return async (density: number[], theta: number[]) => [theta.map((t, i) => a(t) * Math.pow(density[i], alpha))];
}

const intrinsic = (t: number) => 1 + 0.5 * Math.cos(t);

describe("updateDensity", () => {
  it("is exactly p ← (1 − d)·p + d·normalise(p / I^e), renormalised", () => {
    const period = 4; // grid of 4 points, spacing 1
    const p = [0.1, 0.2, 0.3, 0.4];
    const fisher = [4, 1, 9, 16];
    const got = updateDensity(p, fisher, period, { exponent: 0.5, damping: 0.25 });
    const raw = p.map((v, i) => v / Math.sqrt(fisher[i])); // [0.05, 0.2, 0.1, 0.1]
    const rawSum = raw.reduce((s, v) => s + v, 0);
    const mixed = p.map((v, i) => 0.75 * v + 0.25 * (raw[i] / rawSum));
    const mixedSum = mixed.reduce((s, v) => s + v, 0);
    got.forEach((v, i) => expect(v).toBeCloseTo(mixed[i] / mixedSum, 14));
    expect(integrateCircular(got, period)).toBeCloseTo(1, 14);
  });

  it("rejects non-positive Fisher information with the grid index", () => {
    expect(() => updateDensity([1, 1, 1], [1, 0, 1], 3, { exponent: 0.5, damping: 1 })).toThrow(/point 1/);
  });
});

describe("adaptationLoop()", () => {
  it("converges to the analytic fixed point p* ∝ a^(−1/α) when I = a·p^α (α = 1, undamped)", async () => {
    // log p_{k+1} = (1 − α·e)·log p_k + const: contraction by 0.5 per step, so 60 steps reach
    // float64 precision. Stopping at cv2 < 1e-24 means I is flat to ~1e-12, hence p within 1e-9.
    const result = await adaptationLoop(options({ criterion: 1e-24, maxIterations: 80 }), powerLawMeasure(1, intrinsic));
    expect(result.converged).toBe(true);
    const theta = circularGrid(64, [0, TWO_PI]);
    const expected = normaliseDensity(theta.map((t) => 1 / intrinsic(t)), TWO_PI);
    const last = result.iterations[result.iterations.length - 1];
    last.density.forEach((p, i) => expect(Math.abs(p / expected[i] - 1)).toBeLessThan(1e-9));
  });

  it("oscillates undamped when α·e = 2, and damping 0.5 converges on the same problem", async () => {
    // α = 4, e = 0.5: log-perturbations are multiplied by 1 − α·e = −1 each step (a 2-cycle).
    const undamped = await adaptationLoop(options({ maxIterations: 12, criterion: 1e-6 }), powerLawMeasure(4, intrinsic));
    expect(undamped.converged).toBe(false);
    const its = undamped.iterations;
    const change = its.slice(2).map((r) => r.densityChange);
    expect(Math.min(...change)).toBeGreaterThan(0.05); // keeps jumping
    its.slice(2).forEach((r, k) => {
      // period 2: p_{k+2} = p_k
      if (k + 4 < its.length) r.density.forEach((p, i) => expect(p).toBeCloseTo(its[k + 4].density[i], 9));
    });
    const damped = await adaptationLoop(options({ maxIterations: 40, criterion: 1e-6, damping: 0.5 }), powerLawMeasure(4, intrinsic));
    expect(damped.converged).toBe(true);
    const theta = circularGrid(64, [0, TWO_PI]);
    const expected = normaliseDensity(theta.map((t) => Math.pow(intrinsic(t), -1 / 4)), TWO_PI);
    damped.iterations[damped.iterations.length - 1].density.forEach((p, i) => expect(Math.abs(p / expected[i] - 1)).toBeLessThan(2e-3));
  });

  it("every iteration's density integrates to 1 and records replicate mean and sd", async () => {
    const measure = async (density: number[], theta: number[]) => [
      theta.map((t, i) => intrinsic(t) * density[i]),
      theta.map((t, i) => 3 * intrinsic(t) * density[i]),
    ];
    const result = await adaptationLoop(options({ maxIterations: 3, replicates: 2 }), measure);
    for (const r of result.iterations) {
      expect(integrateCircular(r.density, TWO_PI)).toBeCloseTo(1, 12);
      r.fisher.forEach((f, i) => expect(f).toBeCloseTo(2 * intrinsic(r.theta[i]) * r.density[i], 12));
      // sd of {x, 3x} with n − 1 denominator is √2·x
      r.fisherReplicateSd.forEach((s, i) => expect(s).toBeCloseTo(Math.SQRT2 * intrinsic(r.theta[i]) * r.density[i], 12));
    }
  });

  it("resuming after 3 recorded iterations gives the same records as an uninterrupted run", async () => {
    const opts = options({ maxIterations: 6, criterion: 0 });
    const measure = powerLawMeasure(1.5, intrinsic);
    const straight = await adaptationLoop(opts, measure);
    const firstPart = await adaptationLoop({ ...opts, maxIterations: 3 }, measure);
    const persisted: IterationRecord[] = JSON.parse(JSON.stringify(firstPart.iterations));
    const resumed = await adaptationLoop(opts, measure, { done: persisted });
    expect(resumed.iterations.length).toBe(6);
    resumed.iterations.forEach((r, k) => r.density.forEach((p, i) => expect(p).toBeCloseTo(straight.iterations[k].density[i], 12)));
  });

  it("stops at the same iteration when I is scaled by 1000 under the default cv rule (scale-free), unlike var_over_mean", async () => {
    // I = s·a(θ)·p^α with α = 1, undamped: the log-density error halves each step, so cv falls
    // geometrically (≈ 0.33 → 0.17 → 0.09 → …) and crosses 0.05 at a definite iteration. The cv of
    // s·I equals the cv of I exactly, so the stopping iteration must be identical for s = 1 and
    // s = 1000; var/mean scales with s, which is why it is no longer the default.
    const stops = async (scale: number, statistic: AdaptationOptions["statistic"], criterion: number) => {
      const result = await adaptationLoop(options({ maxIterations: 40, statistic, criterion }),
        async (density, theta) => [theta.map((t, i) => scale * intrinsic(t) * density[i])]);
      return { converged: result.converged, iterations: result.iterations.length, last: result.iterations[result.iterations.length - 1].criterionValue };
    };
    const small = await stops(1, "cv", 0.05), large = await stops(1000, "cv", 0.05);
    expect(small.converged).toBe(true);
    expect(small.iterations).toBeGreaterThan(1); // the rule had to work: the first curve is not flat yet
    expect(large).toEqual({ ...small, last: expect.closeTo(small.last, 12) });
    // the same experiment with var/mean: the scaled network needs more iterations (or never stops)
    const vmSmall = await stops(1, "var_over_mean", 0.005), vmLarge = await stops(1000, "var_over_mean", 0.005);
    expect(vmLarge.iterations).toBeGreaterThan(vmSmall.iterations);
  });

  it("uses the smoothed curve for the update (fourier smoothing with 0 harmonics flattens I, so p stays put)", async () => {
    const result = await adaptationLoop(options({ maxIterations: 3, criterion: -1, smoothing: { kind: "fourier", harmonics: 0 } }),
      powerLawMeasure(1, intrinsic));
    result.iterations.forEach((r) => r.density.forEach((p) => expect(p).toBeCloseTo(1 / TWO_PI, 12)));
  });
});
