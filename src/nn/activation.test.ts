import { describe, expect, it } from "vitest";
import { referenceKernels as kernels } from "../engine/index.js";
import { ACTIVATIONS, BOUNDED_OUTPUT, type KernelActivation } from "./activation.js";

function apply(a: KernelActivation, xs: number[]): number[] {
  const y = new Float32Array(xs.length);
  kernels.activationForward(a.code, xs.length, Float32Array.from(xs), y, a.p1, a.p2);
  return Array.from(y);
}

// float32 outputs: compare to 6 decimals
describe("ACTIVATIONS", () => {
  it("map each name onto PyTorch's function with its default parameters", () => {
    const xs = [-2, -0.5, 0, 1.5];
    const want: Record<string, (x: number) => number> = {
      relu: (x) => Math.max(0, x),
      leaky_relu: (x) => (x > 0 ? x : 0.01 * x),
      celu: (x) => (x > 0 ? x : Math.exp(x) - 1),
      elu: (x) => (x > 0 ? x : Math.exp(x) - 1),
      tanh: Math.tanh,
    };
    for (const [name, a] of Object.entries(ACTIVATIONS)) {
      apply(a, xs).forEach((y, i) => expect(y, `${name}(${xs[i]})`).toBeCloseTo(want[name](xs[i]), 6));
    }
  });

  it("the bounded output c·tanh(s·x) has c = π/2 + 0.1, s = 0.5, saturating at ±c", () => {
    const [a, b, c] = apply(BOUNDED_OUTPUT, [1, 1e6, -1e6]);
    expect(a).toBeCloseTo((Math.PI / 2 + 0.1) * Math.tanh(0.5), 6);
    expect(b).toBeCloseTo(Math.PI / 2 + 0.1, 6);
    expect(c).toBeCloseTo(-(Math.PI / 2 + 0.1), 6);
  });
});
