// One test suite for every implementation of the kernel contract: the plain
// TypeScript reference against hand-computed values, and each wasm build against the reference
// on random shapes — including 0, 1, one vector width, one tile, and tails that fill neither.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { ACTIVATION_CODE, createRng, createWasmKernels, referenceKernels, type Kernels, type Rng } from "./index.js";
import { instantiateWasmKernels, type WasmKernels } from "./wasmKernels.js";

const U = 2 ** -23; // float32 unit roundoff ×2

const wasmBuilds: WasmKernels[] = [
  createWasmKernels({ variant: "simd" }),
  createWasmKernels({ variant: "relaxed-simd" }),
  // every product split over two threads, however small, so that the split paths are exercised
  createWasmKernels({ variant: "relaxed-simd", threads: 2, parallelMinFlops: 0 }),
  // what browsers without cross-origin isolation get: the build for a fixed, non-shared memory
  instantiateWasmKernels({
    module: new WebAssembly.Module(readFileSync(new URL("../../build/kernels-unshared.wasm", import.meta.url))),
    memory: new WebAssembly.Memory({ initial: 1024, maximum: 1024 }), // 64 MiB
    variant: "simd (unshared memory)", growable: false,
  }),
];
afterAll(() => { for (const k of wasmBuilds) k.dispose(); });

const ref = referenceKernels;

function randomArray(rng: Rng, n: number, into?: Float32Array): Float32Array {
  const x = into ?? new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = 2 * rng.uniform() - 1;
  return x;
}

/** An array of n floats from `k.alloc` (read in place) or a plain Float32Array (staged). */
function operand(k: Kernels, n: number, inWasm: boolean): Float32Array {
  return inWasm ? k.alloc(n) : new Float32Array(n);
}

type GemmForm = "gemmNN" | "gemmTN" | "gemmNT";

/**
 * Error bound for a float32 dot product of length k: k·2⁻²³·Σ|aᵢbᵢ| (the classical summation
 * bound γₖ·Σ|aᵢbᵢ|, Higham 2002 §3.1, with room for the reference's own rounding to float32).
 */
function gemmBound(form: GemmForm, m: number, n: number, k: number, a: Float32Array, b: Float32Array): Float64Array {
  const bound = new Float64Array(m * n);
  const A = (i: number, p: number) => (form === "gemmTN" ? a[p * m + i] : a[i * k + p]);
  const B = (p: number, j: number) => (form === "gemmNT" ? b[j * k + p] : b[p * n + j]);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += Math.abs(A(i, p) * B(p, j));
      bound[i * n + j] = (k + 2) * U * s + 1e-30;
    }
  }
  return bound;
}

describe("referenceKernels (hand-computed values)", () => {
  // A = [[1, 2, 3], [4, 5, 6]], B = [[7, 8], [9, 10], [11, 12]]: A·B = [[58, 64], [139, 154]]
  const A = Float32Array.of(1, 2, 3, 4, 5, 6);
  const B = Float32Array.of(7, 8, 9, 10, 11, 12);
  const AT = Float32Array.of(1, 4, 2, 5, 3, 6); // A stored transposed, [3, 2]
  const BT = Float32Array.of(7, 9, 11, 8, 10, 12); // B stored transposed, [2, 3]
  const AB = [58, 64, 139, 154];

  it("gemmNN, gemmTN and gemmNT give A·B = [[58, 64], [139, 154]]", () => {
    for (const [form, a, b] of [["gemmNN", A, B], ["gemmTN", AT, B], ["gemmNT", A, BT]] as const) {
      const c = new Float32Array(4);
      ref[form](2, 2, 3, a, b, c, 0);
      expect(Array.from(c), form).toEqual(AB);
    }
  });

  it("beta = 1 accumulates into C, beta = 0 overwrites it (even NaN)", () => {
    const c = Float32Array.of(1, 1, 1, 1);
    ref.gemmNN(2, 2, 3, A, B, c, 1);
    expect(Array.from(c)).toEqual([59, 65, 140, 155]);
    c.fill(NaN);
    ref.gemmNN(2, 2, 3, A, B, c, 0);
    expect(Array.from(c)).toEqual(AB);
  });

  it("activations: relu, leaky_relu(0.01), celu(1), tanh and 2·tanh(0.5·x) at −1, 0, 2", () => {
    const x = Float32Array.of(-1, 0, 2), y = new Float32Array(3);
    const f = (kind: number, p1 = 0, p2 = 0) => { ref.activationForward(kind, 3, x, y, p1, p2); return Array.from(y); };
    expect(f(ACTIVATION_CODE.relu)).toEqual([0, 0, 2]);
    expect(f(ACTIVATION_CODE.leaky_relu, 0.01)).toEqual([Math.fround(-0.01), 0, 2]);
    expect(f(ACTIVATION_CODE.celu, 1)).toEqual([Math.fround(Math.exp(-1) - 1), 0, 2]);
    expect(f(ACTIVATION_CODE.tanh)).toEqual([Math.fround(Math.tanh(-1)), 0, Math.fround(Math.tanh(2))]);
    expect(f(ACTIVATION_CODE.bounded_tanh, 2, 0.5)).toEqual([Math.fround(2 * Math.tanh(-0.5)), 0, Math.fround(2 * Math.tanh(1))]);
  });

  it("activation derivatives match central differences (h = 1e-4, |error| < 1e-6 in float64)", () => {
    const params: Record<string, [number, number]> = { identity: [0, 0], relu: [0, 0], leaky_relu: [0.01, 0], celu: [1, 0], tanh: [0, 0], bounded_tanh: [2.5, 0.7] };
    const h = 1e-4;
    for (const [name, code] of Object.entries(ACTIVATION_CODE)) {
      const [p1, p2] = params[name];
      for (const x0 of [-2.3, -0.4, 0.3, 1.7]) { // away from the kinks at 0
        const f = (x: number) => { const y = new Float64Array(1); ref.activationForward(code, 1, Float64Array.of(x) as never, y as never, p1, p2); return y[0]; };
        const y = f(x0);
        const dx = new Float64Array(1);
        ref.activationBackward(code, 1, Float64Array.of(x0) as never, Float64Array.of(y) as never, Float64Array.of(1) as never, dx as never, p1, p2);
        expect(Math.abs(dx[0] - (f(x0 + h) - f(x0 - h)) / (2 * h)), `${name} at ${x0}`).toBeLessThan(1e-6);
      }
    }
  });

  it("activation derivatives at the kink x = 0 follow PyTorch: relu 0, leaky_relu 0.01, celu 1", () => {
    const x = Float32Array.of(0), y = Float32Array.of(0), dy = Float32Array.of(1), dx = new Float32Array(1);
    ref.activationBackward(ACTIVATION_CODE.relu, 1, x, y, dy, dx, 0, 0);
    expect(dx[0]).toBe(0);
    ref.activationBackward(ACTIVATION_CODE.leaky_relu, 1, x, y, dy, dx, 0.01, 0);
    expect(dx[0]).toBe(Math.fround(0.01));
    ref.activationBackward(ACTIVATION_CODE.celu, 1, x, y, dy, dx, 1, 0);
    expect(dx[0]).toBe(1);
  });

  it("biasAdd, columnSums, sumSquares and scale on a 2×3 matrix", () => {
    const x = Float32Array.of(1, 2, 3, 4, 5, 6);
    ref.biasAdd(2, 3, x, Float32Array.of(10, 20, 30));
    expect(Array.from(x)).toEqual([11, 22, 33, 14, 25, 36]);
    const out = Float32Array.of(1, 1, 1);
    ref.columnSums(2, 3, x, out, 1);
    expect(Array.from(out)).toEqual([26, 48, 70]);
    expect(ref.sumSquares(3, Float32Array.of(1, 2, 3))).toBe(14);
    ref.scale(3, x, 0.5);
    expect(Array.from(x.subarray(0, 3))).toEqual([5.5, 11, 16.5]);
  });

  it("adamStep's first step moves each weight by lr·g/(|g| + eps) (bias-corrected m̂ = g, v̂ = g²)", () => {
    const p = Float32Array.of(1, -2, 0.5), g = Float32Array.of(0.3, -4, 0), m = new Float32Array(3), v = new Float32Array(3);
    ref.adamStep(3, p, g, m, v, 0.01, 0.9, 0.999, 1e-8, 0, 1);
    expect(p[0]).toBeCloseTo(1 - 0.01 * 0.3 / (0.3 + 1e-8), 7);
    expect(p[1]).toBeCloseTo(-2 + 0.01 * 4 / (4 + 1e-8), 7);
    expect(p[2]).toBe(0.5);
    expect(m[1]).toBeCloseTo(-0.4, 7);
    expect(v[1]).toBeCloseTo(0.016, 7);
  });

  it("adamStep with weight decay adds wd·θ to the gradient (PyTorch's L2 form)", () => {
    const p = Float32Array.of(2), m = new Float32Array(1), v = new Float32Array(1);
    ref.adamStep(1, p, Float32Array.of(0), m, v, 0.1, 0.9, 0.999, 0, 0.5, 1);
    expect(m[0]).toBeCloseTo(0.1 * (0.5 * 2), 7); // g = 0 + 0.5·2
    expect(p[0]).toBeCloseTo(2 - 0.1, 6);
  });
});

describe.each(wasmBuilds.map((k) => [k.name, k] as const))("%s against the reference", (_name, wk) => {
  // sizes around the tiles (3×3 dot form, 3×12 axpy form) and the 4-lane vectors
  const sizes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 17, 23, 25, 31, 33];

  it.each(["gemmNN", "gemmTN", "gemmNT"] as const)("%s matches within the float32 summation bound on 150 random shapes", (form) => {
    const rng = createRng(form.length * 1000 + wk.threads);
    for (let trial = 0; trial < 150; trial++) {
      const pick = () => sizes[rng.int(sizes.length)];
      const m = pick(), n = pick();
      const k = trial % 10 === 0 ? 64 + rng.int(200) : pick(); // some long inner products
      const beta = (trial % 2) as 0 | 1;
      const inWasm = trial % 3 !== 0; // one in three calls with plain (staged) arrays
      const a = randomArray(rng, m * k, operand(wk, m * k, inWasm));
      const b = randomArray(rng, k * n, operand(wk, k * n, inWasm));
      const c = randomArray(rng, m * n, operand(wk, m * n, inWasm));
      const expected = Float32Array.from(c);
      ref[form](m, n, k, a, b, expected, beta);
      wk[form](m, n, k, a, b, c, beta);
      const bound = gemmBound(form, m, n, k, a, b);
      for (let i = 0; i < m * n; i++) {
        if (!(Math.abs(c[i] - expected[i]) <= bound[i] + (beta ? U * Math.abs(expected[i]) : 0))) {
          throw new Error(`${form} m=${m} n=${n} k=${k} beta=${beta}: C[${i}] = ${c[i]}, reference ${expected[i]}`);
        }
      }
      if (inWasm) { wk.free(a); wk.free(b); wk.free(c); }
    }
  });

  it("gemmNT at the reference network's shape (m = 1000, n = 60, k = 4096) stays in the summation bound", () => {
    const rng = createRng(11);
    const [m, n, k] = [1000, 60, 4096];
    const a = randomArray(rng, m * k, wk.alloc(m * k)), b = randomArray(rng, n * k, wk.alloc(n * k)), c = wk.alloc(m * n);
    wk.gemmNT(m, n, k, a, b, c, 0);
    // check 200 entries against a float64 dot product
    for (let t = 0; t < 200; t++) {
      const i = rng.int(m), j = rng.int(n);
      let s = 0, s1 = 0;
      for (let p = 0; p < k; p++) { s += a[i * k + p] * b[j * k + p]; s1 += Math.abs(a[i * k + p] * b[j * k + p]); }
      expect(Math.abs(c[i * n + j] - s)).toBeLessThanOrEqual(k * U * s1);
    }
    wk.free(a); wk.free(b); wk.free(c);
  });

  it("alloc() zeroes a reused block; alloc(n, true) leaves it as it was", () => {
    const a = wk.alloc(64).fill(7);
    wk.free(a);
    const b = wk.alloc(64); // the freed block comes back zeroed
    expect(b.every((v) => v === 0)).toBe(true);
    b.fill(5);
    wk.free(b);
    const c = wk.alloc(64, true); // not zeroed: whatever the last user left (the caller overwrites it)
    expect(c.length).toBe(64);
    expect(c.byteOffset).toBe(b.byteOffset);
    expect(c[0]).toBe(5);
    wk.free(c);
  });

  it("beta = 0 overwrites NaN in C; k = 0 gives C = beta·C", () => {
    const c = wk.alloc(8).fill(NaN);
    wk.gemmNN(2, 4, 3, new Float32Array(6).fill(1), new Float32Array(12).fill(2), c, 0);
    expect(Array.from(c)).toEqual(new Array(8).fill(6));
    wk.gemmNT(2, 4, 0, new Float32Array(0), new Float32Array(0), c, 1);
    expect(Array.from(c)).toEqual(new Array(8).fill(6));
    wk.gemmTN(2, 4, 0, new Float32Array(0), new Float32Array(0), c, 0);
    expect(Array.from(c)).toEqual(new Array(8).fill(0));
    wk.free(c);
  });

  it("element-wise kernels match the reference at lengths 0 to 37, in place and not", () => {
    const rng = createRng(5);
    const params: Record<string, [number, number]> = { identity: [0, 0], relu: [0, 0], leaky_relu: [0.01, 0], celu: [1, 0], tanh: [0, 0], bounded_tanh: [2, 0.5] };
    for (let n = 0; n <= 37; n++) {
      const x = wk.alloc(n);
      for (let i = 0; i < n; i++) x[i] = i % 7 === 0 ? 0 : 6 * rng.uniform() - 3; // include exact zeros (kinks)
      for (const [name, code] of Object.entries(ACTIVATION_CODE)) {
        const [p1, p2] = params[name];
        // forward: y ≈ f(x) within 4 float32 ulps (wasm uses float32 tanh/expm1)
        const y = wk.alloc(n), yRef = new Float32Array(n);
        wk.activationForward(code, n, x, y, p1, p2);
        ref.activationForward(code, n, x, yRef, p1, p2);
        for (let i = 0; i < n; i++) expect(Math.abs(y[i] - yRef[i]), `${name} f(${x[i]})`).toBeLessThanOrEqual(4 * U * Math.max(1, Math.abs(yRef[i])));
        // backward, with dx aliasing dy (the contract allows it)
        const dy = randomArray(rng, n, wk.alloc(n)), dyRef = Float32Array.from(dy), dxRef = new Float32Array(n);
        ref.activationBackward(code, n, x, yRef, dyRef, dxRef, p1, p2);
        wk.activationBackward(code, n, x, y, dy, dy, p1, p2);
        for (let i = 0; i < n; i++) expect(Math.abs(dy[i] - dxRef[i]), `${name} f'(${x[i]})`).toBeLessThanOrEqual(8 * U * Math.max(1, Math.abs(dxRef[i])));
        // forward in place on a plain array
        const z = Float32Array.from(x);
        wk.activationForward(code, n, z, z, p1, p2);
        for (let i = 0; i < n; i++) expect(z[i]).toBe(y[i]);
        wk.free(y); wk.free(dy);
      }
      // biasAdd, columnSums, sumSquares, scale on a 3×n matrix
      const m = 3;
      const mat = randomArray(rng, m * n, wk.alloc(m * n)), matRef = Float32Array.from(mat);
      const bias = randomArray(rng, n);
      wk.biasAdd(m, n, mat, bias); ref.biasAdd(m, n, matRef, bias);
      expect(Array.from(mat)).toEqual(Array.from(matRef)); // one rounding each: identical
      const sums = randomArray(rng, n, wk.alloc(n)), sumsRef = Float32Array.from(sums);
      wk.columnSums(m, n, mat, sums, 1); ref.columnSums(m, n, matRef, sumsRef, 1);
      for (let j = 0; j < n; j++) expect(Math.abs(sums[j] - sumsRef[j])).toBeLessThanOrEqual(8 * U * 4);
      expect(wk.sumSquares(m * n, mat)).toBeCloseTo(ref.sumSquares(m * n, matRef), 9);
      wk.scale(m * n, mat, -0.75); ref.scale(m * n, matRef, -0.75);
      expect(Array.from(mat)).toEqual(Array.from(matRef));
      wk.free(x); wk.free(mat); wk.free(sums);
    }
  });

  it("celu, tanh and bounded tanh are within 3 float32 ulps of float64 from −100 to 100 and at tiny |x|", () => {
    // the wasm kernels use their own vector exp/tanh (src/engine/asm/activation.ts); relative error
    // in units of 2⁻²³ of the exact value, so that tiny outputs are held to the same standard
    const xs: number[] = [];
    for (let i = -2000; i <= 2000; i++) xs.push(i / 20);
    for (let e = -30; e <= -1; e++) xs.push(10 ** e, -(10 ** e), 3 * 10 ** e, -3 * 10 ** e);
    const x = wk.alloc(xs.length), y = wk.alloc(xs.length);
    x.set(xs);
    const exact: Record<string, (v: number) => number> = {
      celu: (v) => (v > 0 ? v : Math.expm1(v)),
      tanh: Math.tanh,
      bounded_tanh: (v) => 2 * Math.tanh(0.5 * v),
    };
    for (const [name, f] of Object.entries(exact)) {
      const code = ACTIVATION_CODE[name as keyof typeof ACTIVATION_CODE];
      wk.activationForward(code, xs.length, x, y, name === "bounded_tanh" ? 2 : 1, 0.5);
      let worst = 0, at = 0;
      for (let i = 0; i < xs.length; i++) {
        const want = f(x[i]);
        const ulps = Math.abs(y[i] - want) / (Math.abs(want) * U || 1e-45);
        if (ulps > worst) { worst = ulps; at = x[i]; }
      }
      expect(worst, `${name}: worst at x = ${at}`).toBeLessThanOrEqual(3);
    }
    wk.free(x); wk.free(y);
  });

  it("activations propagate NaN (a diverged network must not look healthy)", () => {
    const x = wk.alloc(5).fill(NaN), y = wk.alloc(5);
    for (const [name, code] of Object.entries(ACTIVATION_CODE)) {
      wk.activationForward(code, 5, x, y, name === "celu" || name === "bounded_tanh" ? 1 : 0.01, 1);
      expect(Array.from(y).every(Number.isNaN), name).toBe(true);
    }
    wk.free(x); wk.free(y);
  });

  it("adamStep tracks the reference over 20 steps to 1e-6 relative (float32 vs float64 rounding)", () => {
    const rng = createRng(9);
    for (const n of [1, 3, 4, 5, 16, 37]) {
      const p = randomArray(rng, n, wk.alloc(n)), m = wk.alloc(n), v = wk.alloc(n);
      const pr = Float32Array.from(p), mr = new Float32Array(n), vr = new Float32Array(n);
      for (let step = 1; step <= 20; step++) {
        const g = randomArray(rng, n);
        wk.adamStep(n, p, g, m, v, 1e-3, 0.9, 0.999, 1e-8, step % 2 ? 0 : 0.01, step);
        ref.adamStep(n, pr, g, mr, vr, 1e-3, 0.9, 0.999, 1e-8, step % 2 ? 0 : 0.01, step);
      }
      for (let i = 0; i < n; i++) expect(Math.abs(p[i] - pr[i])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(pr[i])));
      wk.free(p); wk.free(m); wk.free(v);
    }
  });

  it("alloc() views stay valid when the memory grows, and free() returns the space", () => {
    if (wk.variant.includes("unshared")) {
      expect(() => wk.alloc(2 ** 26)).toThrow(/out of memory allocating 256 MiB of 64 MiB; create the kernels with a larger memoryMiB/);
      return;
    }
    const before = wk.liveBytes;
    const small = wk.alloc(5);
    small.set([1, 2, 3, 4, 5]);
    const big = wk.alloc(40 * 2 ** 20 / 4); // 40 MiB: forces the memory to grow
    big[big.length - 1] = 7;
    expect(Array.from(small)).toEqual([1, 2, 3, 4, 5]);
    small[0] = 9;
    wk.gemmNN(1, 1, 1, small, small, small, 0); // kernels see writes through old views
    expect(small[0]).toBe(81);
    wk.free(big); wk.free(small);
    expect(wk.liveBytes).toBe(before);
    expect(() => wk.free(new Float32Array(3))).toThrow(/not obtained from alloc/);
  });
});

describe("two-thread products", () => {
  it("are computed partly by the helper thread", () => {
    const two = wasmBuilds[2];
    const a = two.alloc(300 * 500), b = two.alloc(60 * 500), c = two.alloc(300 * 60);
    // the helper may wake after the main thread has taken every chunk; some product must see it
    for (let attempt = 0; attempt < 200 && two.helperChunks === 0; attempt++) two.gemmNT(300, 60, 500, a, b, c, 0);
    expect(two.helperChunks).toBeGreaterThan(0);
    two.free(a); two.free(b); two.free(c);
  });

  it("give bit-identical results to one thread (the split falls on tile boundaries)", () => {
    const one = wasmBuilds[1], two = wasmBuilds[2];
    const rng = createRng(21);
    for (const [m, n, k] of [[1000, 60, 300], [32, 60, 500], [60, 700, 32], [7, 5, 3], [2, 100, 9]]) {
      for (const form of ["gemmNN", "gemmTN", "gemmNT"] as const) {
        const a = randomArray(rng, m * k, two.alloc(m * k)), b = randomArray(rng, k * n, two.alloc(k * n));
        const c2 = two.alloc(m * n), c1 = new Float32Array(m * n);
        two[form](m, n, k, a, b, c2, 0);
        one[form](m, n, k, a, b, c1, 0);
        expect(Buffer.from(c2.buffer, c2.byteOffset, c2.byteLength).equals(Buffer.from(c1.buffer)), `${form} ${m}×${n}×${k}`).toBe(true);
        two.free(a); two.free(b); two.free(c2);
      }
    }
  });
});
