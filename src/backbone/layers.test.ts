// The backbone's layers as derivatives: forward-mode (stacked tangent batches) against central
// differences, reverse mode against forward mode (⟨J·t, u⟩ = ⟨t, Jᵀ·u⟩) and parameter gradients
// against central differences — on both kernel implementations, at small awkward sizes (odd
// widths, channel counts that fill no SIMD vector, a down block whose valid conv comes out short).
import { afterAll, describe, expect, it } from "vitest";
import { createRng, createWasmKernels, referenceKernels, type Kernels, type Rng } from "../engine/index.js";
import type { Act } from "./act.js";
import {
  allocAct, avgPoolForward, convForward, convVjp, denseForward, freeAct, globalMeanForward, maxPoolForward, reluInPlace,
  type ConvGrads, type ConvParams,
} from "./layers.js";
import { residualForward, residualVjp, type ResidualGrads, type ResidualParams } from "./residual.js";

const wasm = createWasmKernels({ variant: "relaxed-simd" });
afterAll(() => wasm.dispose());

function randomConv(k: Kernels, rng: Rng, size: number, cin: number, cout: number, stride: number, padding: "same" | "valid"): ConvParams {
  const fill = (n: number, lo: number, hi: number) => { const a = k.alloc(n); for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * rng.uniform(); return a; };
  const fan = size * size * cin;
  return { kh: size, kw: size, cin, cout, stride, padding, filters: fill(fan * cout, -1.5 / Math.sqrt(fan), 1.5 / Math.sqrt(fan)), scale: fill(cout, 0.5, 1.5), offset: fill(cout, -0.2, 0.2) };
}

interface Net { stem: ConvParams; plain: ResidualParams; down: ResidualParams; fc: Float32Array }

/** A miniature of the face ResNet: 11×13×3 → stem 3×3/2 valid → max-pool 2/1 → plain block → down block (short by one) → mean → dense. */
function smallNet(k: Kernels, seed: number): Net {
  const rng = createRng(seed);
  const fc = k.alloc(6 * 5);
  for (let i = 0; i < fc.length; i++) fc[i] = rng.uniform() - 0.5;
  return {
    stem: randomConv(k, rng, 3, 3, 5, 2, "valid"),
    plain: { name: "plain", down: false, conv1: randomConv(k, rng, 3, 5, 5, 1, "same"), conv2: randomConv(k, rng, 3, 5, 5, 1, "same") },
    down: { name: "down", down: true, conv1: randomConv(k, rng, 3, 5, 6, 2, "valid"), conv2: randomConv(k, rng, 3, 6, 6, 1, "same") },
    fc,
  };
}

function forward(k: Kernels, net: Net, x: Act): Act {
  const c = convForward(k, net.stem, x);
  reluInPlace(k, c);
  const p = maxPoolForward(k, c, 2, 1);
  const r1 = residualForward(k, net.plain, p).y;
  const r2 = residualForward(k, net.down, r1).y;
  const g = globalMeanForward(k, r2);
  const y = denseForward(k, g, net.fc, 5);
  for (const a of [c, p, r1, r2, g]) freeAct(k, a);
  return y;
}

function inputs(k: Kernels, rng: Rng, n: number, tangent: Float32Array | null): Act {
  const size = n * 11 * 13 * 3;
  const x = allocAct(k, tangent ? 2 * n : n, 11, 13, 3, n);
  for (let i = 0; i < size; i++) x.data[i] = rng.uniform() - 0.5;
  if (tangent) x.data.set(tangent, size);
  return x;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; };
const norm = (a: ArrayLike<number>) => Math.sqrt(dot(a, a));

describe.each([["reference", referenceKernels], ["wasm", wasm]] as const)("backbone layers on %s kernels", (_name, k: Kernels) => {
  it("the stacked forward pass gives J·t within 1e-2 (relative) of a central difference (h = 1e-3, float32)", () => {
    const n = 2, size = n * 11 * 13 * 3, rng = createRng(1);
    const net = smallNet(k, 7);
    const t = new Float32Array(size);
    for (let i = 0; i < size; i++) t[i] = rng.uniform() - 0.5;
    const x = inputs(k, createRng(2), n, t);
    const y = forward(k, net, x);
    const jt = Array.from(y.data.subarray(n * 5, 2 * n * 5));
    const h = 1e-3, shifted = (s: number) => {
      const xs = allocAct(k, n, 11, 13, 3, n);
      for (let i = 0; i < size; i++) xs.data[i] = x.data[i] + s * t[i];
      const ys = forward(k, net, xs);
      const out = Array.from(ys.data);
      freeAct(k, xs); freeAct(k, ys);
      return out;
    };
    const plus = shifted(h), minus = shifted(-h);
    const fd = plus.map((v, i) => (v - minus[i]) / (2 * h));
    // float32 roundoff in the difference is ~1e-7/1e-3 = 1e-4 relative; ReLU kinks crossed within ±h add rare jumps
    expect(norm(fd.map((v, i) => v - jt[i])) / norm(fd)).toBeLessThan(1e-2);
    // the primal half is the plain forward pass
    const xp = allocAct(k, n, 11, 13, 3, n);
    xp.data.set(x.data.subarray(0, size));
    const yp = forward(k, net, xp);
    expect(Array.from(y.data.subarray(0, n * 5))).toEqual(Array.from(yp.data));
    for (const a of [x, y, xp, yp]) freeAct(k, a);
  });

  it("residualVjp is the adjoint of the block's JVP and its parameter gradients match central differences (down block, h = 1e-3, 1e-2)", () => {
    const rng = createRng(3), n = 2;
    const net = smallNet(k, 11);
    const p = net.down;
    const x = allocAct(k, n, 7, 7, 5, n); // a 7×7 input: conv 3/2 valid gives 3, the pool 3 (no pad); use 8×8 below for the short case
    for (const [h, w] of [[7, 7], [8, 9]]) {
      const xin = allocAct(k, n, h, w, 5, n);
      for (let i = 0; i < xin.data.length; i++) xin.data[i] = rng.uniform() - 0.3;
      const { y, tape } = residualForward(k, p, xin, true);
      const u = allocAct(k, y.n, y.h, y.w, y.c, y.n);
      for (let i = 0; i < u.data.length; i++) u.data[i] = rng.uniform() - 0.5;
      const zeros = (c: ConvParams): ConvGrads => ({ filters: new Float32Array(c.filters.length), scale: new Float32Array(c.cout), offset: new Float32Array(c.cout) });
      const grads: ResidualGrads = { conv1: zeros(p.conv1), conv2: zeros(p.conv2) };
      const dx = residualVjp(k, p, tape!, u, grads, true)!;
      // adjoint test: ⟨u, J·t⟩ = ⟨Jᵀu, t⟩ with J·t from a stacked pass
      const t = new Float32Array(xin.data.length);
      for (let i = 0; i < t.length; i++) t[i] = rng.uniform() - 0.5;
      const stacked = allocAct(k, 2 * n, h, w, 5, n);
      stacked.data.set(xin.data); stacked.data.set(t, xin.data.length);
      const ys = residualForward(k, p, stacked).y;
      const jt = ys.data.subarray(y.data.length);
      const lhs = dot(u.data, jt), rhs = dot(dx.data, t);
      expect(Math.abs(lhs - rhs), `${h}×${w}`).toBeLessThan(1e-4 * (Math.abs(lhs) + 1)); // two float32 summation orders
      // parameter gradients: L = ⟨u, y(θ)⟩, central difference in a few coordinates of each array
      const loss = () => { const r = residualForward(k, p, xin).y; const v = dot(u.data, r.data); freeAct(k, r); return v; };
      for (const [arr, g] of [[p.conv1.filters, grads.conv1.filters], [p.conv2.scale, grads.conv2.scale], [p.conv1.offset, grads.conv1.offset], [p.conv2.filters, grads.conv2.filters]] as const) {
        for (const i of [0, 3, arr.length - 1]) {
          const old = arr[i], eps = 1e-3;
          arr[i] = old + eps; const lp = loss();
          arr[i] = old - eps; const lm = loss();
          arr[i] = old;
          const fd = (lp - lm) / (2 * eps);
          expect(Math.abs(fd - g[i]), `param ${i}: fd ${fd}, vjp ${g[i]}`).toBeLessThan(1e-2 * Math.max(1, Math.abs(fd)));
        }
      }
      for (const a of [xin, y, u, dx, stacked, ys]) freeAct(k, a);
    }
    freeAct(k, x);
  });

  it("convVjp's input gradient is the adjoint of the convolution (stride 2, padding same, 7×7 window at 9×8)", () => {
    const rng = createRng(5);
    const p = randomConv(k, rng, 7, 3, 4, 2, "same");
    const x = allocAct(k, 3, 9, 8, 3, 3);
    for (let i = 0; i < x.data.length; i++) x.data[i] = rng.uniform() - 0.5;
    const stacked = allocAct(k, 6, 9, 8, 3, 3);
    const t = new Float32Array(x.data.length).map(() => rng.uniform() - 0.5);
    stacked.data.set(x.data); stacked.data.set(t, x.data.length);
    const ys = convForward(k, p, stacked);
    const half = ys.data.length / 2;
    const u = allocAct(k, 3, ys.h, ys.w, ys.c, 3);
    for (let i = 0; i < u.data.length; i++) u.data[i] = rng.uniform() - 0.5;
    const dx = convVjp(k, p, x, u, null, true)!;
    const lhs = dot(u.data, ys.data.subarray(half)), rhs = dot(dx.data, t);
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-4 * (Math.abs(lhs) + 1));
    expect(ys.h).toBe(5); expect(ys.w).toBe(4); // ceil(9/2), ceil(8/2)
  });

  it("avgPoolForward and maxPoolForward keep the primal count and shapes (valid windows)", () => {
    const x = allocAct(k, 4, 5, 6, 3, 2);
    const a = avgPoolForward(k, x, 2, 2), m = maxPoolForward(k, x, 3, 2);
    expect([a.n, a.h, a.w, a.c, a.primal]).toEqual([4, 2, 3, 3, 2]);
    expect([m.n, m.h, m.w, m.c, m.primal]).toEqual([4, 2, 2, 3, 2]);
  });
});

describe("wasm and reference kernels agree on the small network", () => {
  it("outputs and J·t within 1e-5 relative (float32 sums in different orders)", () => {
    const outs = ([referenceKernels, wasm] as Kernels[]).map((k) => {
      const net = smallNet(k, 5);
      const t = new Float32Array(3 * 11 * 13 * 3).map((_, i) => Math.sin(i));
      const y = forward(k, net, inputs(k, createRng(9), 3, t));
      return Array.from(y.data);
    });
    expect(norm(outs[0].map((v, i) => v - outs[1][i])) / norm(outs[0])).toBeLessThan(1e-5);
  });
});
