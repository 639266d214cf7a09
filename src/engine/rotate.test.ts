// One test suite for the rotation kernels of every implementation of the kernel contract
// (STYLE.md habits 2 and 10): the plain-TypeScript reference against scikit-image's rotate and
// hand-computed values, and every wasm build against the reference — bit for bit, since both
// compute the same float64 expressions in the same order — at awkward sizes: 0, 1, 4 images,
// 1×1, 1×n and odd widths whose rows leave a tail after the two-pixel SIMD pairs.
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { circularMask, createRng, createWasmKernels, referenceKernels, type Kernels } from "./index.js";
import { instantiateWasmKernels, type WasmKernels } from "./wasmKernels.js";
import { rotateKernelScratchBytes, type RotateExports } from "./wasmRotate.js";

const wasmBuilds: WasmKernels[] = [
  createWasmKernels({ variant: "simd" }),
  createWasmKernels({ variant: "relaxed-simd" }),
  instantiateWasmKernels({
    module: new WebAssembly.Module(readFileSync(new URL("../../build/kernels-unshared.wasm", import.meta.url))),
    memory: new WebAssembly.Memory({ initial: 256, maximum: 256 }), // 16 MiB
    variant: "simd (unshared memory)", growable: false,
  }),
];
afterAll(() => { for (const k of wasmBuilds) k.dispose(); });
const all: Kernels[] = [referenceKernels, ...wasmBuilds];

interface FixtureCase { height: number; width: number; degrees: number; image: number[]; rotated: number[] }
const fixture = JSON.parse(readFileSync(new URL("../../test/fixtures/skimage-rotate.json", import.meta.url), "utf8")) as { cases: FixtureCase[] };

/** A bank of `count` random images (values in [0, 1)), in kernel memory or a plain array. */
function randomBank(k: Kernels, count: number, pixels: number, seed: number, inKernel: boolean): Float32Array {
  const bank = inKernel ? k.alloc(count * pixels) : new Float32Array(count * pixels);
  const rng = createRng(seed);
  for (let i = 0; i < bank.length; i++) bank[i] = rng.uniform();
  return bank;
}

/** Bit patterns, so that −0 vs 0 and NaN payloads count as differences. */
const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));

/** "identical", or where and how two float32 arrays first differ bitwise (a fast comparison for big arrays). */
function bitDiff(got: Float32Array, want: Float32Array): string {
  if (got.length !== want.length) return `lengths ${got.length} vs ${want.length}`;
  const g = bits(got), w = bits(want);
  for (let i = 0; i < g.length; i++) if (g[i] !== w[i]) return `index ${i}: ${got[i]} vs ${want[i]}`;
  return "identical";
}

describe.each(all.map((k) => [k.name, k] as const))("rotateMask (%s)", (_name, k) => {
  it("agrees with skimage.transform.rotate + the mask on the 30 fixture cases (|Δ| < 1e-6: the bank is float32)", () => {
    let worst = 0;
    for (const c of fixture.cases) {
      const pixels = c.height * c.width;
      const out = new Float32Array(2 * pixels);
      // the fixture image twice, shown as image 1 then image 0 (ids index the bank)
      const bank = Float32Array.from([...c.image, ...c.image]);
      const theta = (c.degrees * Math.PI) / 180;
      k.rotateMask(2, c.height, c.width, bank, Int32Array.of(1, 0), Float64Array.of(theta, theta), out, 1, 0.5);
      const mask = circularMask(c.height, c.width);
      for (let i = 0; i < 2 * pixels; i++) {
        const want = mask[i % pixels] ? c.rotated[i % pixels] : 0.5;
        worst = Math.max(worst, Math.abs(out[i] - want));
      }
      // mask off: skimage's output everywhere, corners included
      k.rotateMask(1, c.height, c.width, bank, Int32Array.of(0), Float64Array.of(theta), out, 0, 0.5);
      for (let i = 0; i < pixels; i++) worst = Math.max(worst, Math.abs(out[i] - c.rotated[i]));
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it("θ = π/2 turns a 3×3 into numpy.rot90 with the corners set to maskValue (hand-computed, |Δ| < 1e-6)", () => {
    const out = new Float32Array(9);
    k.rotateMask(1, 3, 3, Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), Int32Array.of(0), Float64Array.of(Math.PI / 2), out, 1, -2);
    const want = [-2, 6, -2, 2, 5, 8, -2, 4, -2];
    for (let i = 0; i < 9; i++) expect(Math.abs(out[i] - want[i])).toBeLessThan(1e-6);
  });

  it("count = 0 writes nothing; a 1×1 image is its own rotation", () => {
    const out = Float32Array.of(7, 7);
    k.rotateMask(0, 4, 4, new Float32Array(16), new Int32Array(0), new Float64Array(0), out, 1, 0.5);
    expect(Array.from(out)).toEqual([7, 7]);
    k.rotateMask(1, 1, 1, Float32Array.of(0.25), Int32Array.of(0), Float64Array.of(0.3), out, 1, 0.5);
    expect(out[0]).toBe(0.25); // radius 0: the single pixel is inside; θ = 0.3 reads it with weight 1 at (0, 0)
  });

  it("does not mutate the bank, ids or angles", () => {
    const bank = randomBank(k, 3, 25, 1, false), ids = Int32Array.of(2, 0), angles = Float64Array.of(0.5, -4);
    const copy = bank.slice();
    k.rotateMask(2, 5, 5, bank, ids, angles, new Float32Array(50), 1, 0.5);
    expect(bitDiff(bank, copy)).toBe("identical");
    expect(Array.from(ids)).toEqual([2, 0]);
    expect(Array.from(angles)).toEqual([0.5, -4]);
  });
});

describe.each(wasmBuilds.map((k) => [k.name, k] as const))("wasm rotation (%s) is bit-identical to the reference", (_name, k) => {
  const shapes: [number, number][] = [[1, 1], [1, 6], [5, 1], [2, 3], [3, 3], [4, 4], [5, 7], [8, 11], [9, 9], [16, 16], [33, 17], [64, 64]];
  for (const inKernel of [true, false]) {
    it(`rotateMask on ${shapes.length} shapes × 0, 1, 4, 5 images, ${inKernel ? "operands in kernel memory" : "staged operands"}`, () => {
      for (const [h, w] of shapes) {
        for (const count of [0, 1, 4, 5]) {
          const p = h * w, rng = createRng(h * 100 + w + count);
          const bank = randomBank(k, 6, p, h + w, inKernel);
          const ids = Int32Array.from({ length: count }, () => rng.int(6));
          // angles of every size and sign, including exact quarter turns and a large one
          const angles = Float64Array.from({ length: count }, (_, i) => [0, Math.PI / 2, 40 * rng.uniform() - 20, 1e3 * rng.normal()][i % 4]);
          for (const mask of [1, 0] as const) {
            const want = new Float32Array(count * p + 3).fill(9), got = inKernel ? k.alloc(count * p + 3).fill(9) : want.slice();
            referenceKernels.rotateMask(count, h, w, bank, ids, angles, want, mask, 0.5);
            k.rotateMask(count, h, w, bank, ids, angles, got, mask, 0.5);
            expect(bitDiff(got, want), `${h}×${w}, ${count} images, mask ${mask}`).toBe("identical"); // the 3 floats past the end stay 9
            if (inKernel) k.free(got);
          }
          if (inKernel) k.free(bank);
        }
      }
    });
  }

  it("rotateMaskDerivative on odd and even shapes × 0, 1, 4, 5 images, steps 0.03 and 0.5", () => {
    for (const [h, w] of shapes) {
      for (const count of [0, 1, 4, 5]) {
        for (const step of [0.03, 0.5]) {
          const p = h * w, rng = createRng(7 * h + w + count);
          const bank = randomBank(k, 4, p, h * w, true);
          const ids = Int32Array.from({ length: count }, () => rng.int(4));
          const angles = Float64Array.from({ length: count }, () => 7 * rng.uniform() - 1);
          const wantI = new Float32Array(count * p), wantD = new Float32Array(count * p);
          const gotI = k.alloc(count * p), gotD = k.alloc(count * p);
          referenceKernels.rotateMaskDerivative(count, h, w, bank, ids, angles, step, wantI, wantD, 0.5);
          k.rotateMaskDerivative(count, h, w, bank, ids, angles, step, gotI, gotD, 0.5);
          expect(bitDiff(gotI, wantI), `${h}×${w}, ${count} images`).toBe("identical");
          expect(bitDiff(gotD, wantD), `${h}×${w}, ${count} images, step ${step}`).toBe("identical");
          k.free(gotI); k.free(gotD); k.free(bank);
        }
      }
    }
  });
});

describe.each(all.map((k) => [k.name, k] as const))("rotateMaskDerivative (%s)", (_name, k) => {
  it("images are rotateMask's, derivatives the central difference of rotateMask at θ ± step (exact: same float32 roundings)", () => {
    const h = 12, w = 13, p = h * w, step = 0.03;
    const bank = randomBank(referenceKernels, 3, p, 5, false);
    const ids = Int32Array.of(2, 1, 0), angles = Float64Array.of(0.1, 2, -3);
    const images = new Float32Array(3 * p), derivatives = new Float32Array(3 * p);
    k.rotateMaskDerivative(3, h, w, bank, ids, angles, step, images, derivatives, 0.5);
    const at = (shift: number) => {
      const out = new Float32Array(3 * p);
      k.rotateMask(3, h, w, bank, ids, angles.map((a) => a + shift), out, 1, 0.5);
      return out;
    };
    const base = at(0), plus = at(step), minus = at(-step);
    expect(bitDiff(images, base)).toBe("identical");
    for (let i = 0; i < 3 * p; i++) expect(derivatives[i]).toBe(Math.fround((plus[i] - minus[i]) / (2 * step)));
    const mask = circularMask(h, w);
    for (let i = 0; i < 3 * p; i++) if (!mask[i % p]) expect(derivatives[i]).toBe(0); // masked pixels are constant
  });
});

describe("rotation argument block", () => {
  it("rotateKernelScratchBytes() mirrors the AssemblyScript rotateScratchBytes() (1×1 … 64×65)", () => {
    const ex = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(new URL("../../build/kernels.wasm", import.meta.url))),
      { env: { memory: new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }) } }).exports as unknown as RotateExports;
    for (const [h, w] of [[1, 1], [3, 5], [64, 64], [64, 65]]) expect(rotateKernelScratchBytes(h, w)).toBe(ex.rotateScratchBytes(h, w));
  });
});
