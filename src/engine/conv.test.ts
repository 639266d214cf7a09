// The convolution and pooling kernels of the contract: the reference against hand-computed values
// and adjoint identities, then every wasm build against the reference at awkward sizes (channel
// counts that fill no vector, one vector, several plus a tail; windows cut by the border).
import { afterAll, describe, expect, it } from "vitest";
import { createRng, createWasmKernels, referenceKernels, type Kernels, type Rng } from "./index.js";

const ref = referenceKernels;
const wasmBuilds = [createWasmKernels({ variant: "simd" }), createWasmKernels({ variant: "relaxed-simd" })];
afterAll(() => { for (const k of wasmBuilds) k.dispose(); });

function random(rng: Rng, n: number): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = 2 * rng.uniform() - 1;
  return x;
}
const dot = (a: Float32Array, b: Float32Array) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; };
const outSize = (h: number, k: number, s: number, pad: number) => Math.floor((h + pad - k) / s) + 1;

describe("referenceKernels: convolution and pooling by hand", () => {
  it("im2col of a 1×3×3×1 image with a 2×2 window, stride 1, no padding lists the four patches", () => {
    const x = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), cols = new Float32Array(16);
    ref.im2col(1, 3, 3, 1, 2, 2, 1, 0, 0, 2, 2, x, cols);
    expect(Array.from(cols)).toEqual([1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9]);
  });

  it("im2col pads with zeros outside the image (3×3 window, padding 1, at the corner)", () => {
    const x = Float32Array.of(1, 2, 3, 4), cols = new Float32Array(4 * 9);
    ref.im2col(1, 2, 2, 1, 3, 3, 1, 1, 1, 2, 2, x, cols);
    expect(Array.from(cols.subarray(0, 9))).toEqual([0, 0, 0, 0, 1, 2, 0, 3, 4]);
  });

  it("maxPool, maxPoolJvp, avgPool on a 2×2 window of a 1×2×2×2 image (channels interleaved)", () => {
    const x = Float32Array.of(1, -1, 4, -2, 3, -3, 2, -4), y = new Float32Array(2);
    ref.maxPool(1, 2, 2, 2, 2, 2, 1, 1, x, y);
    expect(Array.from(y)).toEqual([4, -1]);
    const dx = Float32Array.of(10, 20, 30, 40, 50, 60, 70, 80), dy = new Float32Array(2);
    ref.maxPoolJvp(1, 2, 2, 2, 2, 2, 1, 1, x, dx, dy);
    expect(Array.from(dy)).toEqual([30, 20]);
    ref.avgPool(1, 2, 2, 2, 2, 2, 1, 1, x, y);
    expect(Array.from(y)).toEqual([2.5, -2.5]);
  });

  it("maxPoolJvp takes the first maximum on ties (window order row-major)", () => {
    const x = Float32Array.of(5, 5, 5, 5), dx = Float32Array.of(1, 2, 3, 4), dy = new Float32Array(1);
    ref.maxPoolJvp(1, 2, 2, 1, 2, 2, 1, 1, x, dx, dy);
    expect(dy[0]).toBe(1);
  });

  it("columnScale, columnDots and addColumns on a 2×3 matrix", () => {
    const x = Float32Array.of(1, 2, 3, 4, 5, 6), y = new Float32Array(6);
    ref.columnScale(2, 3, x, Float32Array.of(2, 0, -1), y);
    expect(Array.from(y)).toEqual([2, 0, -3, 8, 0, -6]);
    const out = Float32Array.of(1, 1, 1);
    ref.columnDots(2, 3, x, x, out, 1);
    expect(Array.from(out)).toEqual([18, 30, 46]);
    ref.addColumns(2, 3, 2, Float32Array.of(10, 20, 30, 40), y);
    expect(Array.from(y)).toEqual([12, 20, -3, 38, 40, -6]);
  });

  // ⟨A x, y⟩ = ⟨x, Aᵀ y⟩ for random x, y: the VJPs are the adjoints of the forward (linear) maps;
  // tolerance 1e-4 relative: float32 sums of a few hundred products each
  it("col2im, avgPoolVjp and maxPoolVjp are the adjoints of im2col, avgPool and maxPoolJvp", () => {
    const rng = createRng(3);
    for (const [n, h, w, c, k, s, pad] of [[2, 5, 6, 3, 3, 2, 0], [1, 7, 7, 2, 3, 1, 1], [2, 6, 5, 5, 2, 2, 0]]) {
      const ho = outSize(h, k, s, 2 * pad), wo = outSize(w, k, s, 2 * pad);
      const x = random(rng, n * h * w * c), cy = random(rng, n * ho * wo * k * k * c);
      const cols = new Float32Array(cy.length), back = new Float32Array(x.length);
      ref.im2col(n, h, w, c, k, k, s, pad, pad, ho, wo, x, cols);
      ref.col2im(n, h, w, c, k, k, s, pad, pad, ho, wo, cy, back, 0);
      expect(Math.abs(dot(cols, cy) - dot(x, back))).toBeLessThan(1e-4 * Math.abs(dot(cols, cy)) + 1e-5);
      if (pad) continue;
      const py = random(rng, n * ho * wo * c), pooled = new Float32Array(py.length), pback = new Float32Array(x.length);
      ref.avgPool(n, h, w, c, k, s, ho, wo, x, pooled);
      ref.avgPoolVjp(n, h, w, c, k, s, ho, wo, py, pback, 0);
      expect(Math.abs(dot(pooled, py) - dot(x, pback))).toBeLessThan(1e-4 * Math.abs(dot(pooled, py)) + 1e-5);
      const t = random(rng, x.length);
      ref.maxPoolJvp(n, h, w, c, k, s, ho, wo, x, t, pooled);
      ref.maxPoolVjp(n, h, w, c, k, s, ho, wo, x, py, pback, 0);
      expect(Math.abs(dot(pooled, py) - dot(t, pback))).toBeLessThan(1e-4 * Math.abs(dot(pooled, py)) + 1e-5);
    }
  });
});

describe.each(wasmBuilds.map((k) => [k.name, k] as const))("%s convolution kernels against the reference", (_name, wk: Kernels) => {
  // channels 1, 3 (no vector), 4 (one), 5, 9 (a tail); windows 1, 2, 3, 7; strides 1 to 3; padding 0 to 3
  const shapes: [number, number, number, number, number, number, number][] = [];
  const rng = createRng(17);
  for (const c of [1, 3, 4, 5, 9]) {
    for (let t = 0; t < 6; t++) {
      const k = [1, 2, 3, 7][rng.int(4)], s = 1 + rng.int(3), pad = rng.int(Math.min(k, 4));
      const h = k + rng.int(6), w = k + rng.int(5), n = 1 + rng.int(3);
      shapes.push([n, h, w, c, k, s, pad]);
    }
  }

  it("im2col and col2im match exactly (copies and sums of at most k² terms)", () => {
    for (const [n, h, w, c, k, s, pad] of shapes) {
      const ho = outSize(h, k, s, pad + 1), wo = outSize(w, k, s, pad); // asymmetric padding too
      if (ho <= 0 || wo <= 0) continue;
      const x = random(rng, n * h * w * c), len = n * ho * wo * k * k * c;
      const a = wk.alloc(len), b = new Float32Array(len);
      wk.im2col(n, h, w, c, k, k, s, pad, 0, ho, wo, x, a);
      ref.im2col(n, h, w, c, k, k, s, pad, 0, ho, wo, x, b);
      expect(Array.from(a), `im2col ${[n, h, w, c, k, s, pad]}`).toEqual(Array.from(b));
      const cy = random(rng, len), d1 = random(rng, x.length), d2 = Float32Array.from(d1);
      wk.col2im(n, h, w, c, k, k, s, pad, 0, ho, wo, cy, d1, 1);
      ref.col2im(n, h, w, c, k, k, s, pad, 0, ho, wo, cy, d2, 1);
      for (let i = 0; i < x.length; i++) expect(Math.abs(d1[i] - d2[i])).toBeLessThanOrEqual(1e-5); // k² float32 adds in another order
      wk.free(a);
    }
  });

  it("maxPool, maxPoolJvp, maxPoolVjp, avgPool and avgPoolVjp match (1e-6: sums of k² terms)", () => {
    for (const [n, h, w, c, k, s] of shapes) {
      const ho = outSize(h, k, s, 0), wo = outSize(w, k, s, 0);
      const x = random(rng, n * h * w * c);
      x[0] = x[1]; // a tie
      const m = n * ho * wo * c;
      const pairs: [string, (kk: Kernels, y: Float32Array) => void, number][] = [
        ["maxPool", (kk, y) => kk.maxPool(n, h, w, c, k, s, ho, wo, x, y), m],
        ["maxPoolJvp", (kk, y) => kk.maxPoolJvp(n, h, w, c, k, s, ho, wo, x, Float32Array.from(x, (_, i) => i), y), m],
        ["maxPoolVjp", (kk, y) => kk.maxPoolVjp(n, h, w, c, k, s, ho, wo, x, Float32Array.from({ length: m }, (_, i) => i + 1), y, 0), x.length],
        ["avgPool", (kk, y) => kk.avgPool(n, h, w, c, k, s, ho, wo, x, y), m],
        ["avgPoolVjp", (kk, y) => kk.avgPoolVjp(n, h, w, c, k, s, ho, wo, Float32Array.from({ length: m }, (_, i) => Math.sin(i)), y, 0), x.length],
      ];
      for (const [name, run, len] of pairs) {
        const a = new Float32Array(len), b = new Float32Array(len);
        run(wk, a); run(ref, b);
        for (let i = 0; i < len; i++) expect(Math.abs(a[i] - b[i]), `${name} ${[n, h, w, c, k, s]} at ${i}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b[i])) * k * k);
      }
    }
  });

  it("columnScale, columnDots and addColumns match at widths 0 to 13", () => {
    for (let n = 0; n <= 13; n++) {
      const m = 3, x = random(rng, m * n), sc = random(rng, n);
      const a = new Float32Array(m * n), b = new Float32Array(m * n);
      wk.columnScale(m, n, x, sc, a); ref.columnScale(m, n, x, sc, b);
      expect(Array.from(a)).toEqual(Array.from(b));
      const o1 = random(rng, n), o2 = Float32Array.from(o1);
      wk.columnDots(m, n, x, a, o1, 1); ref.columnDots(m, n, x, b, o2, 1);
      for (let j = 0; j < n; j++) expect(Math.abs(o1[j] - o2[j])).toBeLessThanOrEqual(1e-6);
      const k = Math.max(0, n - 2), small = random(rng, m * k);
      wk.addColumns(m, n, k, small, a); ref.addColumns(m, n, k, small, b);
      expect(Array.from(a)).toEqual(Array.from(b));
    }
  });
});
