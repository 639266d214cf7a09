/**
 * The rotation kernels of the wasm implementation (src/engine/asm/rotate.ts), adapted to the
 * kernel contract: angles become cos/sin pairs computed here with Math.cos/Math.sin (so that the
 * wasm and the reference kernels use the same trigonometric values and agree bit for bit), and
 * the small per-call arguments (ids, cos/sin) go into an argument block kept between calls.
 * The bank should live in kernel memory (from `alloc`): any other array is copied in per call.
 *
 * `rotateArgs` lays the argument block out for another thread too: src/train's render worker
 * instantiates the module on the same shared memory and calls `rotateMask` on blocks the main
 * thread allocated.
 */
import type { Kernels } from "./kernels.js";
import type { WasmHeap } from "./wasmHeap.js";

/** The raw exports of src/engine/asm/rotate.ts (byte offsets into the module's memory). */
export interface RotateExports {
  rotateScratchBytes(height: number, width: number): number;
  rotateMask(count: number, height: number, width: number, bank: number, ids: number, trig: number, out: number,
    mask: number, maskValue: number, scratch: number): void;
  rotateMaskDerivative(count: number, height: number, width: number, bank: number, ids: number, trig: number,
    images: number, derivatives: number, maskValue: number, twoStep: number, scratch: number): void;
}

const TRIG_DERIVATIVE = 6; // cos, sin of θ, θ + step, θ − step
const roundUp = (x: number): number => Math.ceil(x / 64) * 64;

/**
 * Bytes of the argument block for up to `count` images of height × width: [cos/sin | ids |
 * kernel scratch]. The kernel scratch mirrors rotateScratchBytes() in src/engine/asm/rotate.ts
 * (a test checks they agree).
 */
export function rotateArgsBytes(count: number, height: number, width: number): number {
  return roundUp(count * TRIG_DERIVATIVE * 8) + roundUp(count * 4) + rotateKernelScratchBytes(height, width);
}

/** rotateScratchBytes() of src/engine/asm/rotate.ts. */
export function rotateKernelScratchBytes(height: number, width: number): number {
  return 16 * width + 8 * height + 8 * height * width + 64;
}

/** Views and addresses of an argument block at `ptr` laid out for `capacity` images. */
export function rotateArgs(buffer: ArrayBufferLike, ptr: number, capacity: number) {
  const trigBytes = roundUp(capacity * TRIG_DERIVATIVE * 8);
  return {
    trig: new Float64Array(buffer, ptr, capacity * TRIG_DERIVATIVE),
    ids: new Int32Array(buffer, ptr + trigBytes, capacity),
    trigPtr: ptr, idsPtr: ptr + trigBytes, scratch: ptr + trigBytes + roundUp(capacity * 4),
  };
}

/** trig[2k], trig[2k + 1] = cos, sin of angles[k]: the rotation kernels' argument block (host-side, V8's Math). */
export function rotateTrig(angles: ArrayLike<number>, count: number, trig: Float64Array): void {
  for (let k = 0; k < count; k++) { trig[2 * k] = Math.cos(angles[k]); trig[2 * k + 1] = Math.sin(angles[k]); }
}

/** How wasmKernels.ts stages Float32Array operands: in place when in kernel memory, else copied. */
export interface Staging {
  input(arr: Float32Array, n: number): number;
  output(arr: Float32Array, n: number, copyIn: boolean): number;
  done(): void;
  buffer(): ArrayBufferLike;
}

export function wasmRotateKernels(ex: RotateExports, heap: WasmHeap, io: Staging): Pick<Kernels, "rotateMask" | "rotateMaskDerivative"> {
  const block = { ptr: 0, bytes: 0 };
  const args = (count: number, height: number, width: number) => {
    const need = rotateArgsBytes(count, height, width);
    if (block.bytes < need) {
      if (block.bytes) heap.free(block.ptr);
      block.bytes = Math.max(need, 2 * block.bytes);
      block.ptr = heap.alloc(block.bytes);
    }
    return rotateArgs(io.buffer(), block.ptr, count);
  };
  const bankLength = (ids: Int32Array, count: number, pixels: number): number => {
    let top = 0;
    for (let k = 0; k < count; k++) top = Math.max(top, ids[k] + 1);
    return top * pixels;
  };
  return {
    rotateMask(count, height, width, bank, ids, angles, out, mask, maskValue) {
      if (count === 0) return;
      const a = args(count, height, width);
      rotateTrig(angles, count, a.trig);
      a.ids.set(ids.subarray(0, count));
      const pixels = height * width;
      const pb = io.input(bank, bankLength(ids, count, pixels)), po = io.output(out, count * pixels, false);
      try { ex.rotateMask(count, height, width, pb, a.idsPtr, a.trigPtr, po, mask, maskValue, a.scratch); } finally { io.done(); }
    },
    rotateMaskDerivative(count, height, width, bank, ids, angles, step, images, derivatives, maskValue) {
      if (count === 0) return;
      const a = args(count, height, width);
      for (let k = 0; k < count; k++) {
        const t = angles[k], o = TRIG_DERIVATIVE * k;
        a.trig[o] = Math.cos(t); a.trig[o + 1] = Math.sin(t);
        a.trig[o + 2] = Math.cos(t + step); a.trig[o + 3] = Math.sin(t + step);
        a.trig[o + 4] = Math.cos(t - step); a.trig[o + 5] = Math.sin(t - step);
      }
      a.ids.set(ids.subarray(0, count));
      const pixels = height * width;
      const pb = io.input(bank, bankLength(ids, count, pixels));
      const pi = io.output(images, count * pixels, false), pd = io.output(derivatives, count * pixels, false);
      try { ex.rotateMaskDerivative(count, height, width, pb, a.idsPtr, a.trigPtr, pi, pd, maskValue, 2 * step, a.scratch); } finally { io.done(); }
    },
  };
}
