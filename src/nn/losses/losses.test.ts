import { describe, expect, it } from "vitest";
import { createRng } from "../../engine/index.js";
import { encodeAngles } from "../encoding.js";
import { constraintLoss, createLoss, LOSS_NAMES, LOSSES, SQRT_DIFF_EPSILON, type Loss } from "./index.js";

const H = 1e-7; // float64 central differences: truncation ~h²·f''' and rounding ~1e-16/h, both ≪ 1e-3

/** Relative error of the analytic gradient against central differences, per component. */
function gradientError(loss: Loss, pred: Float64Array, target: Float64Array, batch: number): number {
  const grad = new Float64Array(2 * batch);
  loss.evaluate(pred, target, batch, grad);
  let worst = 0;
  for (let j = 0; j < 2 * batch; j++) {
    const p = pred.slice();
    p[j] += H; const fp = loss.evaluate(p, target, batch);
    p[j] -= 2 * H; const fm = loss.evaluate(p, target, batch);
    const fd = (fp - fm) / (2 * H);
    expect(Number.isFinite(grad[j])).toBe(true);
    // relative error, with an absolute floor of 1e-3 for components that are (near) zero
    worst = Math.max(worst, Math.abs(grad[j] - fd) / Math.max(Math.abs(fd), 1e-3));
  }
  return worst;
}

/** Predictions at given angles from the targets (Δ), with random lengths. */
function rotated(target: Float64Array, deltas: number[], seed: number): Float64Array {
  const rng = createRng(seed);
  const p = new Float64Array(target.length);
  deltas.forEach((d, i) => {
    const r = 0.5 + rng.uniform();
    const t0 = target[2 * i], t1 = target[2 * i + 1];
    p[2 * i] = r * (Math.cos(d) * t0 - Math.sin(d) * t1);
    p[2 * i + 1] = r * (Math.sin(d) * t0 + Math.cos(d) * t1);
  });
  return p;
}

function circularTargets(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from(encodeAngles("circular", Array.from({ length: n }, () => 2 * Math.PI * rng.uniform())));
}

const ANGULAR = LOSS_NAMES.filter((n) => !n.startsWith("dist_"));
const DISTANCE = LOSS_NAMES.filter((n) => n.startsWith("dist_"));

describe("losses", () => {
  it("the registry holds the four angle losses and six g's for each family", () => {
    expect(LOSS_NAMES).toEqual([
      "cos_sim", "angle_diff", "sq_diff", "sqrt_diff",
      "sim_linear", "sim_sqrt", "sim_log", "sim_square", "sim_quart", "sim_root4",
      "dist_linear", "dist_sqrt", "dist_log", "dist_square", "dist_quart", "dist_root4",
    ]);
    expect(Object.keys(LOSSES)).toEqual([...LOSS_NAMES]); // the name list and the registry cannot drift apart
    expect(() => createLoss("mse")).toThrow(/createLoss\(\): name must be one of cos_sim, angle_diff, .*dist_root4, got "mse"/);
  });

  it("every angular loss has an analytic gradient within 1e-3 of central differences, at random points", () => {
    const t = circularTargets(6, 1);
    const p = rotated(t, [0.3, -1.2, 2.5, -2.9, 0.05, 1.7], 2);
    for (const name of ANGULAR) expect(gradientError(createLoss(name), p, t, 6), name).toBeLessThan(1e-3);
  });

  it("gradients stay right near Δ = ±π (the atan2 branch cut) for every angular loss", () => {
    const t = circularTargets(4, 3);
    const p = rotated(t, [Math.PI - 1e-3, -Math.PI + 1e-3, Math.PI - 0.05, -Math.PI + 0.05], 4);
    for (const name of ANGULAR) expect(gradientError(createLoss(name), p, t, 4), name).toBeLessThan(1e-3);
  });

  it("sqrt_diff is finite with a correct gradient at |Δ| near 0 and exactly 0", () => {
    const t = circularTargets(4, 5);
    const loss = createLoss("sqrt_diff");
    const near = rotated(t, [1e-3, -1e-4, 3e-5, 1e-6], 6);
    expect(gradientError(loss, near, t, 4)).toBeLessThan(1e-3);
    const grad = new Float64Array(8);
    const exact = rotated(t, [0, 0, 0, 0], 7);
    const value = loss.evaluate(exact, t, 4, grad);
    expect(Math.abs(value)).toBeLessThan(1e-6); // (Δ² + ε²)^¼ − ε^½ = 0 at Δ = 0 (up to atan2 rounding)
    for (const g of grad) expect(Number.isFinite(g)).toBe(true);
    // far from 0 it is |Δ|^½ up to (ε/Δ)² relative
    const far = rotated(t, [0.5, 0.5, 0.5, 0.5], 8);
    expect(loss.evaluate(far, t, 4)).toBeCloseTo(Math.sqrt(0.5) - Math.sqrt(SQRT_DIFF_EPSILON), 6);
  });

  it("angle losses take their textbook values: cos_sim 1 − cos Δ, angle_diff |Δ|, sq_diff Δ², similarity g(2) − g(1 + cos Δ)", () => {
    const t = circularTargets(1, 9);
    const p = rotated(t, [1], 10);
    expect(createLoss("cos_sim").evaluate(p, t, 1)).toBeCloseTo(1 - Math.cos(1), 12);
    expect(createLoss("angle_diff").evaluate(p, t, 1)).toBeCloseTo(1, 12);
    expect(createLoss("sq_diff").evaluate(p, t, 1)).toBeCloseTo(1, 12);
    // ε = 1e-6 shifts s by ε: agreement to ~1e-6
    expect(createLoss("sim_log").evaluate(p, t, 1)).toBeCloseTo(Math.log(2) - Math.log(1 + Math.cos(1)), 5);
    expect(createLoss("sim_square").evaluate(p, t, 1)).toBeCloseTo(4 - (1 + Math.cos(1)) ** 2, 5);
  });

  it("the similarity family is finite at cos = −1 (prediction opposite to the target)", () => {
    const t = circularTargets(2, 11);
    const p = rotated(t, [Math.PI, Math.PI], 12);
    for (const name of LOSS_NAMES.filter((n) => n.startsWith("sim_"))) {
      const grad = new Float64Array(4);
      expect(Number.isFinite(createLoss(name).evaluate(p, t, 2, grad)), name).toBe(true);
      for (const g of grad) expect(Number.isFinite(g), name).toBe(true);
    }
  });

  it("every linear-distance loss has a correct gradient and equals mean g(|Δθ| + ε)", () => {
    const theta = [0.3, -1.1, 1.4], err = [0.2, -0.05, 0.7];
    const t = Float64Array.from(theta.flatMap((th) => [th, th])); // linear encoding θ·(1, 1), in float64
    const p = new Float64Array(6);
    theta.forEach((th, i) => { p[2 * i] = th + err[i] + 0.1; p[2 * i + 1] = th + err[i] - 0.1; }); // off-diagonal part is ignored
    for (const name of DISTANCE) expect(gradientError(createLoss(name), p, t, 3), name).toBeLessThan(1e-3);
    expect(createLoss("dist_square").evaluate(p, t, 3)).toBeCloseTo(err.reduce((s, e) => s + (Math.abs(e) + 1e-6) ** 2, 0) / 3, 10);
    expect(createLoss("dist_linear").evaluate(p, t, 3)).toBeCloseTo(err.reduce((s, e) => s + Math.abs(e) + 1e-6, 0) / 3, 10);
  });

  it("the constraint term λ·mean(1 − ⟨c, pred/|pred|⟩) has the right value and gradient and adds to the base loss", () => {
    const t = circularTargets(3, 13);
    const p = rotated(t, [0.4, -2, 3], 14);
    const c = constraintLoss(2, 0.7);
    expect(gradientError(c, p, t, 3)).toBeLessThan(1e-3);
    let want = 0;
    for (let i = 0; i < 3; i++) want += 2 * (1 - Math.cos(Math.atan2(p[2 * i + 1], p[2 * i]) - 0.7)) / 3;
    expect(c.evaluate(p, t, 3)).toBeCloseTo(want, 12);
    const combined = createLoss("sq_diff", { constraint: { lambda: 2, center: 0.7 } });
    expect(combined.evaluate(p, t, 3)).toBeCloseTo(createLoss("sq_diff").evaluate(p, t, 3) + want, 12);
    expect(gradientError(combined, p, t, 3)).toBeLessThan(1e-3);
    expect(createLoss("sq_diff", { constraint: { lambda: 0, center: 0 } }).name).toBe("sq_diff");
  });

  it("accepts Float32Array gradients and checks the batch against the array lengths", () => {
    const loss = createLoss("cos_sim");
    const grad = new Float32Array(2);
    expect(loss.evaluate([1, 0], [0, 1], 1, grad)).toBeCloseTo(1, 12);
    expect(grad[1]).toBeCloseTo(-1, 6);
    expect(() => loss.evaluate([1, 0], [0, 1], 2)).toThrow("cos_sim.evaluate(): pred must hold 2·batch = 4 values, got 2; check the batch size");
    expect(() => loss.evaluate([1, 0], [0, 1], 0)).toThrow(/batch must be a positive integer, got 0/);
  });
});
