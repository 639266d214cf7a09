import { describe, expect, it } from "vitest";
import { clipGradNorm } from "./clipGradNorm.js";
import type { Parameter } from "./parameter.js";
import { referenceKernels as kernels } from "../engine/index.js";

function param(grad: number[], frozen = false): Parameter {
  return { name: "p", shape: [grad.length], data: new Float32Array(grad.length), grad: Float32Array.from(grad), frozen };
}

describe("clipGradNorm()", () => {
  it("scales all gradients by max_norm/(norm + 1e-6) when the total norm exceeds max_norm", () => {
    const a = param([3]), b = param([0, 4]); // total norm 5 across two tensors
    expect(clipGradNorm([a, b], 1, kernels)).toBeCloseTo(5, 12);
    const coef = 1 / (5 + 1e-6);
    expect(a.grad[0]).toBeCloseTo(3 * coef, 6);
    expect(b.grad[1]).toBeCloseTo(4 * coef, 6);
  });

  it("leaves gradients bit-identical when the norm is below max_norm", () => {
    const a = param([0.1, -0.2, 0.3]);
    const before = a.grad.slice();
    expect(clipGradNorm([a], 0.5, kernels)).toBeCloseTo(Math.sqrt(0.14), 6);
    expect(a.grad).toEqual(before);
  });

  it("ignores frozen parameters in the norm and leaves their gradients alone", () => {
    const a = param([3, 4]), frozen = param([100], true);
    expect(clipGradNorm([a, frozen], 10, kernels)).toBeCloseTo(5, 12);
    expect(frozen.grad[0]).toBe(100);
  });

  it("rejects max_norm ≤ 0", () => {
    expect(() => clipGradNorm([], 0, kernels)).toThrow("clipGradNorm(): maxNorm must be a finite number > 0, got 0; the original runs used 0.5");
  });
});
