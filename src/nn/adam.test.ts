import { describe, expect, it } from "vitest";
import { createRng, referenceKernels as kernels } from "../engine/index.js";
import { Adam } from "./adam.js";
import { createMlp } from "./mlp.js";
import type { Parameter } from "./parameter.js";

function param(name: string, values: number[], grad: number[], frozen = false): Parameter {
  return { name, shape: [values.length], data: Float32Array.from(values), grad: Float32Array.from(grad), frozen };
}

/** torch.optim.Adam's update written out in float64 (the PyTorch docs' algorithm box). */
function torchAdam(theta: number[], grads: number[][], lr: number, b1: number, b2: number, eps: number, wd: number): number[] {
  const th = [...theta], m = th.map(() => 0), v = th.map(() => 0);
  grads.forEach((g, t0) => {
    const t = t0 + 1;
    th.forEach((_, i) => {
      const gi = g[i] + wd * th[i];
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      const mhat = m[i] / (1 - b1 ** t), vhat = v[i] / (1 - b2 ** t);
      th[i] -= (lr * mhat) / (Math.sqrt(vhat) + eps);
    });
  });
  return th;
}

describe("Adam", () => {
  it("the first step moves each parameter by lr·g/(|g| + eps) (m̂/√v̂ = g/|g| after one step)", () => {
    const p = param("w", [1, -2, 0.5], [0.3, -4, 1e-9]);
    new Adam([p], kernels, { lr: 0.01 }).step();
    expect(p.data[0]).toBeCloseTo(1 - 0.01, 6);
    expect(p.data[1]).toBeCloseTo(-2 + 0.01, 6);
    expect(p.data[2]).toBeCloseTo(0.5 - (0.01 * 1e-9) / (1e-9 + 1e-8), 6); // eps matters for tiny gradients
  });

  it("three steps match PyTorch's rule computed by hand, with and without weight decay", () => {
    const grads = [[0.5, -1, 2], [0.4, 0.1, -3], [-0.2, 0.3, 1]];
    for (const wd of [0, 0.1]) {
      const p = param("w", [0.1, 0.2, -0.3], grads[0]);
      const adam = new Adam([p], kernels, { lr: 0.05, weightDecay: wd });
      for (const g of grads) { p.grad.set(g); adam.step(); }
      const want = torchAdam([0.1, 0.2, -0.3], grads, 0.05, 0.9, 0.999, 1e-8, wd);
      // float32 parameters: ~1e-7 relative rounding per step
      want.forEach((w, i) => expect(Math.abs(p.data[i] - w)).toBeLessThan(1e-6));
    }
  });

  it("defaults are PyTorch's: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0", () => {
    expect(new Adam([], kernels).options).toEqual({ lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    expect(() => new Adam([], kernels, { lr: -1 })).toThrow("Adam(): options.lr must be a finite number ≥ 0, got -1");
    expect(() => new Adam([], kernels, { momentum: 0.9 } as never)).toThrow(/Adam\(\): options\.momentum: unknown key; valid keys: lr, beta1/);
  });

  it("frozen parameters stay bit-identical and keep step 0 while the others train", () => {
    const mlp = createMlp({ inputSize: 4, hidden: [5, 3], activation: "tanh" }, { kernels, rng: createRng(1) });
    mlp.freeze([0]);
    const before = mlp.parameters().map((p) => p.data.slice());
    const adam = new Adam(mlp.parameters(), kernels);
    const rng = createRng(2);
    const x = Float32Array.from({ length: 8 }, () => rng.normal()), u = Float32Array.from({ length: 4 }, () => rng.normal());
    for (let s = 0; s < 5; s++) { mlp.zeroGrad(); mlp.forward(x, 2); mlp.backward(u); adam.step(); }
    const after = mlp.parameters();
    expect(after[0].data).toEqual(before[0]);
    expect(after[1].data).toEqual(before[1]);
    expect(after[2].data).not.toEqual(before[2]);
    expect(adam.exportState().params.map((p) => p.step)).toEqual([0, 0, 5, 5, 5, 5]);
  });

  it("exportState()/importState() continue training exactly where it stopped; reset() forgets", () => {
    const grads = [[0.5, -1], [0.4, 0.1], [-0.2, 0.3], [1, 1]];
    const a = param("w", [0.1, 0.2], [0, 0]);
    const adamA = new Adam([a], kernels);
    for (const g of grads) { a.grad.set(g); adamA.step(); }
    const b = param("w", [0.1, 0.2], [0, 0]);
    const adamB = new Adam([b], kernels);
    for (const g of grads.slice(0, 2)) { b.grad.set(g); adamB.step(); }
    const state = adamB.exportState();
    const c = param("w", Array.from(b.data), [0, 0]);
    const adamC = new Adam([c], kernels, { lr: 0.5 });
    adamC.importState(state);
    expect(adamC.options.lr).toBe(1e-3);
    for (const g of grads.slice(2)) { c.grad.set(g); adamC.step(); }
    expect(c.data).toEqual(a.data);
    adamC.reset();
    expect(adamC.exportState().params[0].step).toBe(0);
    expect(() => adamC.importState({ ...state, params: [{ ...state.params[0], name: "v" }] })).toThrow(/state has no entry for parameter w/);
  });
});
