import { describe, expect, it } from "vitest";
import { createRng, referenceKernels as kernels } from "../engine/index.js";
import { Dense } from "./dense.js";

/** W = [[1, 2, 3], [-1, 0, 0.5]] (out 2, in 3), b = [0.5, -1]: hand-computable. */
function layer(): Dense {
  const d = new Dense(kernels, 3, 2);
  d.weight.set([1, 2, 3, -1, 0, 0.5]);
  d.bias.set([0.5, -1]);
  return d;
}

describe("Dense", () => {
  it("forward() computes x·Wᵀ + b in PyTorch's [out, in] layout", () => {
    const z = new Float32Array(4);
    layer().forward(Float32Array.from([1, 0, 0, 1, 1, 2]), 2, z);
    expect(Array.from(z)).toEqual([1.5, -2, 9.5, -1]); // [1+0.5, −1−1], [1+2+6+0.5, −1+1−1]
  });

  it("tangent() is the same product without the bias", () => {
    const dz = new Float32Array(2);
    layer().tangent(Float32Array.from([0, 1, 0]), 1, dz);
    expect(Array.from(dz)).toEqual([2, 0]);
  });

  it("accumulateGrad() adds dzᵀ·x and column sums; zeroGrad() makes the next one overwrite", () => {
    const d = layer();
    const x = Float32Array.from([1, 2, 3]), dz = Float32Array.from([1, -2]);
    d.accumulateGrad(x, dz, 1);
    expect(Array.from(d.gradWeight)).toEqual([1, 2, 3, -2, -4, -6]);
    d.accumulateGrad(x, dz, 1);
    expect(Array.from(d.gradBias)).toEqual([2, -4]);
    d.zeroGrad();
    d.accumulateGrad(x, dz, 1);
    expect(Array.from(d.gradWeight)).toEqual([1, 2, 3, -2, -4, -6]);
  });

  it("inputGrad() computes dz·W", () => {
    const dx = new Float32Array(3);
    layer().inputGrad(Float32Array.from([1, 2]), 1, dx);
    expect(Array.from(dx)).toEqual([-1, 2, 4]);
  });

  it("initialize() draws weight then bias from U(±1/√fan_in) in the generator's order", () => {
    const d = new Dense(kernels, 4, 2);
    d.initialize(createRng(5));
    const rng = createRng(5), want = Array.from({ length: 10 }, () => Math.fround((2 * rng.uniform() - 1) * 0.5));
    expect([...d.weight, ...d.bias]).toEqual(want);
  });
});
