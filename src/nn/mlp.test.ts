import { describe, expect, it } from "vitest";
import { createRng, createWasmKernels, referenceKernels as kernels } from "../engine/index.js";
import type { Activation } from "./activation.js";
import { createMlp, Mlp } from "./mlp.js";
import type { MlpSpec } from "./mlpSpec.js";

// Independent float64 reference of the network function, from the formulas (not the kernels).
const F64: Record<string, (x: number) => number> = {
  relu: (x) => Math.max(x, 0),
  leaky_relu: (x) => (x > 0 ? x : 0.01 * x),
  celu: (x) => (x > 0 ? x : Math.exp(x) - 1),
  elu: (x) => (x > 0 ? x : Math.exp(x) - 1),
  tanh: Math.tanh,
  identity: (x) => x,
  bounded: (x) => (Math.PI / 2 + 0.1) * Math.tanh(0.5 * x),
};

interface Weights { w: Float64Array[]; b: Float64Array[] }
function weightsOf(mlp: Mlp): Weights {
  return { w: mlp.layers.map((L) => Float64Array.from(L.weight)), b: mlp.layers.map((L) => Float64Array.from(L.bias)) };
}

/** Activity of layer `layer` for one input row, in float64. */
function refActivity(mlp: Mlp, W: Weights, x: ArrayLike<number>, layer: number): Float64Array {
  let a = Float64Array.from(x);
  for (let i = 0; i <= layer; i++) {
    const L = mlp.layers[i];
    const isOut = i === mlp.depth - 1;
    const f = isOut ? (mlp.spec.encoding === "linear" ? F64.bounded : F64.identity) : F64[mlp.spec.activation];
    const z = new Float64Array(L.outSize);
    for (let o = 0; o < L.outSize; o++) {
      let s = W.b[i][o];
      for (let k = 0; k < L.inSize; k++) s += W.w[i][o * L.inSize + k] * a[k];
      z[o] = f(s);
    }
    a = z;
  }
  return a;
}

function randomArray(n: number, seed: number, scale = 1): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

const H = 1e-6; // float64 central-difference step: truncation ~h², rounding ~1e-16/h, both ≪ tolerance
// Analytic values come from float32 kernels (~6e-8 relative rounding per operation, sums of ≤ 6
// terms here); 2e-5 of the largest entry leaves room for that and nothing else.
const TOL = 2e-5;

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = TOL): void {
  expect(actual.length).toBe(expected.length);
  let scale = 1e-3;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= tol * scale)) {
      throw new Error(`index ${i}: got ${actual[i]}, expected ${expected[i]} (scale ${scale}, tol ${tol})`);
    }
  }
}

const SMALL = { inputSize: 5, hidden: [4, 3] } as const;
const BATCH = 3;
const CASES: Array<[Activation, MlpSpec["encoding"]]> = [
  ["relu", "circular"], ["leaky_relu", "circular"], ["celu", "half_angle"], ["elu", "circular"], ["tanh", "linear"], ["celu", "linear"],
];

describe("Mlp", () => {
  it("createMlp() draws PyTorch's default init U(±1/√fan_in) for weight and bias, reproducibly from the seed", () => {
    const a = createMlp({ inputSize: 400, hidden: [50] }, { kernels, rng: createRng(1) });
    const b = createMlp({ inputSize: 400, hidden: [50] }, { kernels, rng: createRng(1) });
    const c = createMlp({ inputSize: 400, hidden: [50] }, { kernels, rng: createRng(2) });
    expect(a.layers[0].weight).toEqual(b.layers[0].weight);
    expect(a.layers[0].weight).not.toEqual(c.layers[0].weight);
    const w = a.layers[0].weight, bound = 1 / Math.sqrt(400);
    let sumSq = 0;
    for (const v of w) { expect(Math.abs(v)).toBeLessThanOrEqual(bound); sumSq += v * v; }
    // variance of U(±b) is b²/3; 20000 draws: relative standard error √(4/5/20000) ≈ 0.6%, allow 3%
    expect(sumSq / w.length / (bound * bound / 3)).toBeCloseTo(1, 1);
    for (const v of a.layers[0].bias) expect(Math.abs(v)).toBeLessThanOrEqual(bound);
    for (const v of a.layers[1].weight) expect(Math.abs(v)).toBeLessThanOrEqual(1 / Math.sqrt(50));
  });

  it("forward() and activity() match a float64 evaluation of the formulas for every activation and encoding", () => {
    for (const [activation, encoding] of CASES) {
      const mlp = createMlp({ ...SMALL, activation, encoding }, { kernels, rng: createRng(3) });
      const x = randomArray(BATCH * 5, 4);
      const W = weightsOf(mlp);
      for (let layer = 0; layer < mlp.depth; layer++) {
        const got = layer === mlp.depth - 1 ? mlp.forward(x, BATCH).slice() : mlp.activity(x, BATCH, layer).slice();
        const width = mlp.layers[layer].outSize;
        const want = new Float64Array(BATCH * width);
        for (let r = 0; r < BATCH; r++) want.set(refActivity(mlp, W, x.subarray(r * 5, r * 5 + 5), layer), r * width);
        expectClose(got, want);
      }
    }
  });

  it("the linear encoding's output is bounded by c = π/2 + 0.1", () => {
    const mlp = createMlp({ inputSize: 3, hidden: [4], encoding: "linear" }, { kernels, rng: createRng(5) });
    const y = mlp.forward(randomArray(30, 6, 1000), 10);
    for (const v of y) expect(Math.abs(v)).toBeLessThanOrEqual(Math.PI / 2 + 0.1);
  });

  it("jvp() equals central differences of the float64 network along v, for every layer", () => {
    for (const [activation, encoding] of CASES) {
      const mlp = createMlp({ ...SMALL, activation, encoding }, { kernels, rng: createRng(7) });
      const x = randomArray(BATCH * 5, 8), v = randomArray(BATCH * 5, 9);
      const W = weightsOf(mlp);
      for (let layer = 0; layer < mlp.depth; layer++) {
        const { y, dy } = mlp.jvp(x, v, BATCH, layer);
        const width = mlp.layers[layer].outSize;
        const want = new Float64Array(BATCH * width);
        for (let r = 0; r < BATCH; r++) {
          const xp = new Float64Array(5), xm = new Float64Array(5);
          for (let k = 0; k < 5; k++) { xp[k] = x[r * 5 + k] + H * v[r * 5 + k]; xm[k] = x[r * 5 + k] - H * v[r * 5 + k]; }
          const fp = refActivity(mlp, W, xp, layer), fm = refActivity(mlp, W, xm, layer);
          for (let o = 0; o < width; o++) want[r * width + o] = (fp[o] - fm[o]) / (2 * H);
        }
        expectClose(dy, want);
        expect(y.length).toBe(BATCH * width);
      }
    }
  });

  it("backward() gives parameter and input gradients equal to central differences of Σ u·output", () => {
    for (const [activation, encoding] of CASES) {
      const mlp = createMlp({ ...SMALL, activation, encoding }, { kernels, rng: createRng(10) });
      const x = randomArray(BATCH * 5, 11), u = randomArray(BATCH * 2, 12);
      const W = weightsOf(mlp);
      const objective = (Wt: Weights, xs: ArrayLike<number>): number => {
        let s = 0;
        for (let r = 0; r < BATCH; r++) {
          const y = refActivity(mlp, Wt, Array.from(xs).slice(r * 5, r * 5 + 5), mlp.depth - 1);
          s += u[2 * r] * y[0] + u[2 * r + 1] * y[1];
        }
        return s;
      };
      mlp.zeroGrad();
      mlp.forward(x, BATCH);
      const inputGrad = new Float32Array(BATCH * 5);
      mlp.backward(u, { inputGrad });
      for (const [li, L] of mlp.layers.entries()) {
        for (const [which, grad] of [["w", L.gradWeight], ["b", L.gradBias]] as const) {
          const want = new Float64Array(grad.length);
          for (let j = 0; j < grad.length; j++) {
            const arr = W[which][li], keep = arr[j];
            arr[j] = keep + H; const fp = objective(W, x);
            arr[j] = keep - H; const fm = objective(W, x);
            arr[j] = keep;
            want[j] = (fp - fm) / (2 * H);
          }
          expectClose(grad, want);
        }
      }
      const wantX = new Float64Array(BATCH * 5), xs = Float64Array.from(x);
      for (let j = 0; j < xs.length; j++) {
        const keep = xs[j];
        xs[j] = keep + H; const fp = objective(W, xs);
        xs[j] = keep - H; const fm = objective(W, xs);
        xs[j] = keep;
        wantX[j] = (fp - fm) / (2 * H);
      }
      expectClose(inputGrad, wantX);
      // vjp() is the same product without touching parameter gradients
      const before = mlp.layers[0].gradWeight.slice();
      expectClose(mlp.vjp(x, u, BATCH), wantX);
      expect(mlp.layers[0].gradWeight).toEqual(before);
    }
  });

  it("backward() accumulates: two calls give twice the gradient until zeroGrad()", () => {
    const mlp = createMlp({ ...SMALL }, { kernels, rng: createRng(13) });
    const x = randomArray(BATCH * 5, 14), u = randomArray(BATCH * 2, 15);
    mlp.zeroGrad(); mlp.forward(x, BATCH); mlp.backward(u);
    const once = mlp.layers[1].gradWeight.slice();
    mlp.backward(u);
    expectClose(mlp.layers[1].gradWeight, once.map((v) => 2 * v), 1e-6);
    mlp.zeroGrad();
    expect(mlp.layers[1].gradWeight.every((v) => v === 0)).toBe(true);
  });

  it("zeroGrad() reads as zeros through grad and parameters() even before the next backward()", () => {
    const mlp = createMlp({ ...SMALL }, { kernels, rng: createRng(33) });
    mlp.forward(randomArray(BATCH * 5, 34), BATCH); mlp.backward(randomArray(BATCH * 2, 35));
    expect(mlp.parameters()[0].grad.some((v) => v !== 0)).toBe(true);
    mlp.zeroGrad();
    for (const p of mlp.parameters()) expect(p.grad.every((v) => v === 0), p.name).toBe(true);
  });

  it("inputBuffer() hands out reusable kernel-memory rows that forward() and jvp() read like any array", () => {
    const mlp = createMlp({ ...SMALL }, { kernels, rng: createRng(36) });
    const x = randomArray(BATCH * 5, 37), v = randomArray(BATCH * 5, 38);
    const want = mlp.jvp(x, v, BATCH).dy.slice();
    const bx = mlp.inputBuffer(BATCH), bv = mlp.inputBuffer(BATCH, "v");
    expect(bx.length).toBe(BATCH * 5);
    bx.set(x); bv.set(v);
    expect(mlp.jvp(bx, bv, BATCH).dy.slice()).toEqual(want);
    expect(mlp.inputBuffer(1).buffer).toBe(bx.buffer); // no new allocation for a smaller batch
    expect(() => mlp.inputBuffer(0)).toThrow("Mlp.inputBuffer(): batch must be a positive integer, got 0");
  });

  it("vjp() and jvp() agree: uᵀ(J v) = (Jᵀu)ᵀ v for a hidden layer", () => {
    const mlp = createMlp({ ...SMALL, activation: "tanh" }, { kernels, rng: createRng(16) });
    const x = randomArray(5, 17), v = randomArray(5, 18), u = randomArray(4, 19);
    const dy = mlp.jvp(x, v, 1, 0).dy.slice();
    const g = mlp.vjp(x, u, 1, 0).slice();
    const lhs = dy.reduce((s, d, i) => s + d * u[i], 0), rhs = g.reduce((s, d, i) => s + d * v[i], 0);
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-5 * Math.max(1, Math.abs(lhs)));
  });

  it("buffers grow with the batch and a smaller batch after a larger one gives the same rows", () => {
    const mlp = createMlp({ ...SMALL }, { kernels, rng: createRng(20) });
    const x = randomArray(7 * 5, 21);
    const small = mlp.forward(x, 2).slice();
    const big = mlp.forward(x, 7).slice();
    expect(big.subarray(0, 4)).toEqual(small);
    expect(mlp.forward(x, 2).slice()).toEqual(small);
  });

  it("dropout is reproducible from the seed, scales kept units by 1/(1−p), and is off in eval mode", () => {
    const spec = { inputSize: 6, hidden: [200], dropout: 0.3, activation: "relu" as const };
    const mlp = createMlp(spec, { kernels, rng: createRng(22) });
    const x = randomArray(4 * 6, 23);
    const a = mlp.forward(x, 4, { train: true, rng: createRng(1) }).slice();
    const b = mlp.forward(x, 4, { train: true, rng: createRng(1) }).slice();
    const c = mlp.forward(x, 4, { train: true, rng: createRng(2) }).slice();
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    // eval mode equals the same weights without dropout
    const plain = new Mlp({ ...spec, dropout: 0 }, kernels);
    plain.layers.forEach((L, i) => { L.weight.set(mlp.layers[i].weight); L.bias.set(mlp.layers[i].bias); });
    expect(mlp.forward(x, 4).slice()).toEqual(plain.forward(x, 4).slice());
    expect(() => mlp.forward(x, 4, { train: true })).toThrow(/options\.rng is required/);
  });

  it("dropout in train mode has the eval-mode output as its mean (inverted dropout scaling)", () => {
    // one hidden layer with identity-like output: E[train output] = eval output when kept units are scaled by 1/(1−p)
    const mlp = createMlp({ inputSize: 2, hidden: [1000], dropout: 0.25, activation: "relu" }, { kernels, rng: createRng(24) });
    const x = Float32Array.from([0.5, -0.3]);
    const evalOut = mlp.forward(x, 1).slice();
    const rng = createRng(25);
    const mean = [0, 0], runs = 400;
    for (let t = 0; t < runs; t++) { const y = mlp.forward(x, 1, { train: true, rng }); mean[0] += y[0] / runs; mean[1] += y[1] / runs; }
    // each output is a sum over 1000 units, each dropped with p = 0.25; 400 runs make the standard
    // error of the mean ≈ √(p/(1−p)/1000)·|w|·|h|/√400, well below 0.02 here
    expect(Math.abs(mean[0] - evalOut[0])).toBeLessThan(0.02);
    expect(Math.abs(mean[1] - evalOut[1])).toBeLessThan(0.02);
  });

  it("backward() in train mode differentiates the dropped-out network (same mask)", () => {
    // relu + identity output is piecewise linear, so float32 central differences with h = 1e-2 are
    // exact up to rounding (~1e-7·|f|/h ≈ 1e-5 relative) unless a kink is crossed (none here, checked by seed)
    const mlp = createMlp({ inputSize: 4, hidden: [6, 5], dropout: 0.4, activation: "relu" }, { kernels, rng: createRng(26) });
    const x = randomArray(2 * 4, 27), u = randomArray(4, 28);
    const f = (): number => { const y = mlp.forward(x, 2, { train: true, rng: createRng(99) }); return y.reduce((s, v, i) => s + v * u[i], 0); };
    mlp.zeroGrad(); f(); mlp.backward(u);
    const L = mlp.layers[0], grad = L.gradWeight.slice(), h = 1e-2;
    const want = new Float64Array(grad.length);
    for (let j = 0; j < grad.length; j++) {
      const keep = L.weight[j];
      L.weight[j] = keep + h; const fp = f();
      L.weight[j] = keep - h; const fm = f();
      L.weight[j] = keep;
      want[j] = (fp - fm) / (2 * h);
    }
    expectClose(grad, want, 1e-3);
    expect(grad.some((v) => v !== 0)).toBe(true);
  });

  it("freeze() stops parameter gradients of frozen layers but still propagates through them", () => {
    const mlp = createMlp({ ...SMALL, activation: "tanh" }, { kernels, rng: createRng(29) });
    const x = randomArray(BATCH * 5, 30), u = randomArray(BATCH * 2, 31);
    mlp.zeroGrad(); mlp.forward(x, BATCH); mlp.backward(u);
    const full = mlp.layers.map((L) => L.gradWeight.slice());
    mlp.freeze([1]);
    expect(mlp.frozenLayers).toEqual([1]);
    mlp.zeroGrad(); mlp.forward(x, BATCH); mlp.backward(u);
    expect(mlp.layers[1].gradWeight.every((v) => v === 0)).toBe(true);
    expect(mlp.layers[0].gradWeight).toEqual(full[0]);
    expect(mlp.layers[2].gradWeight).toEqual(full[2]);
    expect(mlp.parameters().map((p) => p.frozen)).toEqual([false, false, true, true, false, false]);
    mlp.unfreeze();
    expect(mlp.frozenLayers).toEqual([]);
  });

  it("parameters() names tensors like a PyTorch state_dict with Linear's [out, in] layout", () => {
    const mlp = createMlp({ inputSize: 7, hidden: [3] }, { kernels, rng: createRng(32) });
    expect(mlp.parameters().map((p) => [p.name, p.shape])).toEqual([
      ["layers.0.weight", [3, 7]], ["layers.0.bias", [3]], ["layers.1.weight", [2, 3]], ["layers.1.bias", [2]],
    ]);
  });

  it("rejects bad specs and inputs with messages that name the parameter, the rule and the value", () => {
    const rng = createRng(0);
    expect(() => createMlp({ inputSize: 0 }, { kernels, rng })).toThrow("createMlp(): spec.inputSize must be a positive integer, got 0");
    expect(() => createMlp({ inputSize: 3, hidden: [2, -1] }, { kernels, rng })).toThrow(/spec\.hidden must be an array of positive integers, got \[2,-1\]/);
    expect(() => createMlp({ inputSize: 3, activation: "gelu" as never }, { kernels, rng })).toThrow(/spec\.activation must be one of relu, leaky_relu, celu, elu, tanh, got "gelu"/);
    expect(() => createMlp({ inputSize: 3, dropout: 1 }, { kernels, rng })).toThrow(/spec\.dropout must be a number in \[0, 1\), got 1/);
    expect(() => createMlp({ inputSize: 3, outputSize: 3 }, { kernels, rng })).toThrow(/spec\.outputSize must be 2/);
    expect(() => createMlp({ inputSize: 3, widths: [2] } as never, { kernels, rng })).toThrow(/createMlp\(\): spec\.widths: unknown key; valid keys: inputSize, hidden/);
    const mlp = createMlp({ inputSize: 3, hidden: [2] }, { kernels, rng });
    expect(() => mlp.forward(new Float32Array(5), 2)).toThrow("Mlp.forward(): x must hold batch·inputSize = 2·3 = 6 values, got 5; check the batch size");
    expect(() => mlp.forward(new Float32Array(6), 0)).toThrow(/batch must be a positive integer, got 0/);
    expect(() => mlp.activity(new Float32Array(6), 2, 2)).toThrow("Mlp.activity(): layer must be an integer in [0, 1], got 2");
    const fresh = createMlp({ inputSize: 3, hidden: [2] }, { kernels, rng });
    expect(() => fresh.backward(new Float32Array(4))).toThrow(/no forward pass/);
  });

  it("runs the same on the wasm kernels: forward, backward, vjp and jvp agree with the reference kernels", () => {
    // sizes off the wasm block sizes (8-column panels, 6-row tiles) to exercise the edge tiles;
    // float32 results from different summation orders: 1e-4 of the largest entry
    const wasm = createWasmKernels();
    try {
      const spec = { inputSize: 37, hidden: [13, 9], activation: "celu" as const, dropout: 0.2 };
      const a = createMlp(spec, { kernels, rng: createRng(40) });
      const b = createMlp(spec, { kernels: wasm, rng: createRng(40) });
      expect(b.layers[0].weight).toEqual(a.layers[0].weight);
      const batch = 11, x = randomArray(batch * 37, 41), v = randomArray(batch * 37, 42), u = randomArray(batch * 2, 43);
      expectClose(b.forward(x, batch, { train: true, rng: createRng(1) }), a.forward(x, batch, { train: true, rng: createRng(1) }), 1e-4);
      const ga = new Float32Array(batch * 37), gb = new Float32Array(batch * 37);
      a.zeroGrad(); a.backward(u, { inputGrad: ga });
      b.zeroGrad(); b.backward(u, { inputGrad: gb });
      expectClose(gb, ga, 1e-4);
      a.layers.forEach((L, i) => { expectClose(b.layers[i].gradWeight, L.gradWeight, 1e-4); expectClose(b.layers[i].gradBias, L.gradBias, 1e-4); });
      for (let layer = 0; layer < 3; layer++) expectClose(b.jvp(x, v, batch, layer).dy, a.jvp(x, v, batch, layer).dy, 1e-4);
      expectClose(b.vjp(x, u, batch, 2), a.vjp(x, u, batch, 2), 1e-4);
      b.dispose();
    } finally {
      wasm.dispose();
    }
  });
});
