/**
 * The WebAssembly SIMD implementation of the kernel contract, platform-neutral: it takes a
 * compiled module and its memory, so that Node (src/engine/nodeKernels.ts, synchronous, with a
 * second thread) and browsers (`loadWasmKernels`, below) share it. No `node:` imports here.
 *
 * Arrays from `alloc` live in the module's memory and are read in place. Any other Float32Array
 * is copied in (and results copied back) around the call: correct, but slower for big operands.
 */
import type { instantiate } from "../../build/kernels.js";
import type { Kernels } from "./kernels.js";
import { CTL, CTL_BYTES, JOB_ARGS, OP_AXPY, OP_DOT, STATE, runChunks } from "./gemmWorker.js";
import { WasmHeap } from "./wasmHeap.js";
import { wasmRotateKernels } from "./wasmRotate.js";

/** The raw exports, typed from the bindings the build generates from the AssemblyScript source. */
type KernelExports = Awaited<ReturnType<typeof instantiate>>;

/** Starts the second thread on the same module and memory; returns how to stop it. */
export type SpawnHelper = (module: WebAssembly.Module, memory: WebAssembly.Memory, ctlPtr: number) => { terminate(): void };

export interface WasmKernelsInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Build variant, for the name: "relaxed-simd" or "simd". */
  variant: string;
  /** Whether the memory may grow (a non-shared memory must not: growth would detach views). */
  growable: boolean;
  /** Present for two threads (needs a shared memory). */
  spawnHelper?: SpawnHelper;
  /** Products with fewer floating-point operations than this stay on one thread. */
  parallelMinFlops?: number;
}

/** Kernels backed by WebAssembly; `dispose()` stops the helper thread. */
export interface WasmKernels extends Kernels {
  readonly variant: string;
  /** Bytes currently allocated in the module's memory (scratch included). */
  readonly liveBytes: number;
  /** Chunks of two-thread products the helper thread has computed so far (0 with one thread). */
  readonly helperChunks: number;
  /**
   * The compiled module and its memory when the memory is shared: another thread may instantiate
   * the module on it and run kernels on blocks this side allocated (src/train's render worker).
   */
  readonly shared: { readonly module: WebAssembly.Module; readonly memory: WebAssembly.Memory } | null;
  dispose(): void;
}

const DEFAULTS = {
  // ~60 µs of work at 50 GFLOP/s: well above the ~10 µs cost of waking and joining the helper
  parallelMinFlops: 3e6,
  // tiles of the two GEMM forms in the relaxed build (src/engine/asm/gemm.ts); chunks are whole
  // tiles (the plain build's narrower tiles only add an edge tile per chunk)
  axpyTile: { rows: 3, cols: 12 },
  dotTile: { rows: 3, cols: 3 },
  // two-thread chunks: ~40 µs of work each, so a late worker costs little; at most 32 per product
  chunkFlops: 2e6,
  maxChunks: 32,
  // how long the first two-thread product waits for the helper to start before going alone
  helperStartMs: 10_000,
};

const F = 4; // bytes per float32

/**
 * The growable shared memory of Node and of cross-origin-isolated pages: 1 MiB up front, up to
 * 65536 pages = 4 GiB (the wasm32 limit; reserved as address space only), never moving.
 */
export function createSharedMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: 16, maximum: 65536, shared: true });
}

export function instantiateWasmKernels(init: WasmKernelsInit): WasmKernels {
  const { module, memory } = init;
  const ex = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  const heap = new WasmHeap(memory, ex.heapBase(), init.growable);
  const ownBuffers = new WeakSet<ArrayBufferLike>();
  const current = (): ArrayBufferLike => { const b = memory.buffer; ownBuffers.add(b); return b; };
  current();

  // --- scratch areas: one per thread, grown on demand -----------------------------------------
  const scratch = [{ ptr: 0, bytes: 0 }, { ptr: 0, bytes: 0 }];
  const scratchFor = (thread: number, k: number): number => {
    const need = ex.gemmScratchBytes(k);
    const s = scratch[thread];
    if (s.bytes < need) {
      if (s.bytes) heap.free(s.ptr);
      s.bytes = Math.max(need, 2 * s.bytes);
      s.ptr = heap.alloc(s.bytes);
    }
    return s.ptr;
  };

  // --- the helper thread ----------------------------------------------------------------------
  let ctl: Int32Array | null = null;
  let ctlPtr = 0;
  let helper: { terminate(): void } | null = null;
  let helperState: "absent" | "starting" | "ready" | "failed" = "absent";
  if (init.spawnHelper) {
    ctlPtr = heap.alloc(CTL_BYTES);
    ctl = new Int32Array(current(), ctlPtr, CTL.SLOTS);
    helper = init.spawnHelper(module, memory, ctlPtr);
    helperState = "starting";
  }
  const parallelMinFlops = init.parallelMinFlops ?? DEFAULTS.parallelMinFlops;
  const helperReady = (): boolean => {
    if (helperState === "starting" && ctl) {
      if (Atomics.load(ctl, CTL.READY) !== 1) Atomics.wait(ctl, CTL.READY, 0, DEFAULTS.helperStartMs);
      helperState = Atomics.load(ctl, CTL.READY) === 1 ? "ready" : "failed";
    }
    return helperState === "ready";
  };

  /**
   * Run one product over C's rectangle [0, m) × [0, n), on two threads when it is big enough:
   * cut into chunks of whole tiles along the rows when there are at least as many rows as
   * columns, else along the columns (a small batch), and shared out by claiming (gemmWorker.ts).
   */
  const runGemm = (op: number, m: number, n: number, k: number, a: number, rsa: number, csa: number,
    b: number, ldb: number, c: number, beta: number): void => {
    const tile = op === OP_DOT ? DEFAULTS.dotTile : DEFAULTS.axpyTile;
    const byRows = m >= n;
    const tiles = byRows ? Math.ceil(m / tile.rows) : Math.ceil(n / tile.cols);
    const flops = 2 * m * n * k;
    if (!ctl || flops < parallelMinFlops || tiles < 2 || !helperReady()) {
      const s = scratchFor(0, k);
      if (op === OP_DOT) ex.gemmDot(0, m, 0, n, k, a, b, c, n, beta, s);
      else ex.gemmAxpy(0, m, 0, n, k, a, rsa, csa, b, ldb, c, n, beta, s);
      return;
    }
    const chunks = Math.min(tiles, DEFAULTS.maxChunks, Math.max(2, Math.round(flops / DEFAULTS.chunkFlops)));
    const chunk = Math.ceil(tiles / chunks) * (byRows ? tile.rows : tile.cols);
    const args: Record<(typeof JOB_ARGS)[number], number> = {
      m, n, k, a, rsa, csa, b, ldb, c, beta, scratch: scratchFor(1, k),
      byRows: byRows ? 1 : 0, chunk, chunks: Math.ceil((byRows ? m : n) / chunk),
    };
    JOB_ARGS.forEach((name, q) => { ctl[CTL.ARGS + q] = args[name] | 0; });
    ctl[CTL.OP] = op;
    Atomics.store(ctl, CTL.NEXT, 0);
    Atomics.store(ctl, CTL.STATE, STATE.JOB);
    Atomics.notify(ctl, CTL.STATE);
    runChunks(ex, ctl, scratchFor(0, k));
    // withdraw the job if the worker never started it; else wait for its last chunk
    if (Atomics.compareExchange(ctl, CTL.STATE, STATE.JOB, STATE.IDLE) === STATE.JOB) return;
    let s: number;
    while ((s = Atomics.load(ctl, CTL.STATE)) === STATE.RUNNING) Atomics.wait(ctl, CTL.STATE, STATE.RUNNING);
    Atomics.store(ctl, CTL.STATE, STATE.IDLE);
    if (s === STATE.FAILED) throw new Error("wasm kernels: the helper thread's GEMM trapped (out-of-bounds operand?)");
  };

  // --- operands: in place when they live in the module's memory, else staged ----------------------
  type Staged = { arr: Float32Array; ptr: number; n: number; writeBack: boolean };
  let staged: Staged[] = [];
  const find = (arr: Float32Array): Staged | undefined => staged.find((s) => s.arr === arr);
  const stage = (arr: Float32Array, n: number, copyIn: boolean, writeBack: boolean): number => {
    if (ownBuffers.has(arr.buffer)) return arr.byteOffset;
    const known = find(arr);
    if (known) { known.writeBack ||= writeBack; return known.ptr; }
    const ptr = heap.alloc(n * F);
    if (copyIn && n > 0) new Float32Array(current(), ptr, n).set(arr.subarray(0, n));
    staged.push({ arr, ptr, n, writeBack });
    return ptr;
  };
  const input = (arr: Float32Array, n: number) => stage(arr, n, true, false);
  const output = (arr: Float32Array, n: number, copyIn: boolean) => stage(arr, n, copyIn, true);
  const done = (): void => {
    if (staged.length === 0) return;
    const buf = current();
    for (const s of staged) {
      if (s.writeBack && s.n > 0) s.arr.set(new Float32Array(buf, s.ptr, s.n));
      heap.free(s.ptr);
    }
    staged = [];
  };

  const threads = ctl ? 2 : 1;
  const kernels: WasmKernels = {
    name: `wasm ${init.variant}${threads > 1 ? `, ${threads} threads` : ""}`,
    variant: init.variant,
    threads,
    get liveBytes() { return heap.liveBytes; },
    get helperChunks() { return ctl ? Atomics.load(ctl, CTL.HELPER_CHUNKS) : 0; },
    shared: typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer ? { module, memory } : null,

    alloc(n, uninitialized = false) {
      const ptr = heap.alloc(n * F);
      const a = new Float32Array(current(), ptr, n);
      return uninitialized ? a : a.fill(0); // zeroed like new Float32Array(n): freed blocks are reused
    },
    free(arr) {
      if (!ownBuffers.has(arr.buffer)) throw new Error("wasm kernels free(): this array was not obtained from alloc()");
      heap.free(arr.byteOffset);
    },

    gemmNN(m, n, k, a, b, c, beta) {
      if (m === 0 || n === 0) return;
      const pa = input(a, m * k), pb = input(b, k * n), pc = output(c, m * n, beta === 1);
      try { runGemm(OP_AXPY, m, n, k, pa, k * F, F, pb, n, pc, beta); } finally { done(); }
    },
    gemmTN(m, n, k, a, b, c, beta) {
      if (m === 0 || n === 0) return;
      const pa = input(a, k * m), pb = input(b, k * n), pc = output(c, m * n, beta === 1);
      try { runGemm(OP_AXPY, m, n, k, pa, F, m * F, pb, n, pc, beta); } finally { done(); }
    },
    gemmNT(m, n, k, a, b, c, beta) {
      if (m === 0 || n === 0) return;
      const pa = input(a, m * k), pb = input(b, n * k), pc = output(c, m * n, beta === 1);
      try { runGemm(OP_DOT, m, n, k, pa, 0, 0, pb, 0, pc, beta); } finally { done(); }
    },
    biasAdd(m, n, x, bias) {
      const px = output(x, m * n, true), pb = input(bias, n);
      try { ex.biasAdd(m, n, px, pb); } finally { done(); }
    },
    activationForward(kind, n, x, y, p1, p2) {
      const px = input(x, n), py = output(y, n, false);
      try { ex.activationForward(kind, n, px, py, p1, p2); } finally { done(); }
    },
    activationBackward(kind, n, x, y, dy, dx, p1, p2) {
      const px = input(x, n), py = input(y, n), pdy = input(dy, n), pdx = output(dx, n, false);
      try { ex.activationBackward(kind, n, px, py, pdy, pdx, p1, p2); } finally { done(); }
    },
    columnSums(m, n, x, out, beta) {
      const px = input(x, m * n), po = output(out, n, beta === 1);
      try { ex.columnSums(m, n, px, po, beta); } finally { done(); }
    },
    sumSquares(n, x) {
      const px = input(x, n);
      try { return ex.sumSquares(n, px); } finally { done(); }
    },
    scale(n, x, s) {
      const px = output(x, n, true);
      try { ex.scale(n, px, s); } finally { done(); }
    },
    adamStep(n, param, grad, m, v, lr, beta1, beta2, eps, weightDecay, step) {
      const pp = output(param, n, true), pg = input(grad, n), pm = output(m, n, true), pv = output(v, n, true);
      try { ex.adamStep(n, pp, pg, pm, pv, lr, beta1, beta2, eps, weightDecay, step); } finally { done(); }
    },
    ...wasmRotateKernels(ex, heap, { input, output, done, buffer: current }),

    // convolution and pooling (src/engine/asm/conv.ts)
    im2col(n, h, w, c, kh, kw, s, pt, pl, ho, wo, x, cols) {
      const px = input(x, n * h * w * c), pc = output(cols, n * ho * wo * kh * kw * c, false);
      try { ex.im2col(n, h, w, c, kh, kw, s, pt, pl, ho, wo, px, pc); } finally { done(); }
    },
    col2im(n, h, w, c, kh, kw, s, pt, pl, ho, wo, cols, dx, beta) {
      const pc = input(cols, n * ho * wo * kh * kw * c), pd = output(dx, n * h * w * c, beta === 1);
      try { ex.col2im(n, h, w, c, kh, kw, s, pt, pl, ho, wo, pc, pd, beta); } finally { done(); }
    },
    maxPool(n, h, w, c, k, s, ho, wo, x, y) {
      const px = input(x, n * h * w * c), py = output(y, n * ho * wo * c, false);
      try { ex.maxPool(n, h, w, c, k, s, ho, wo, px, py); } finally { done(); }
    },
    maxPoolJvp(n, h, w, c, k, s, ho, wo, x, dx, dy) {
      const px = input(x, n * h * w * c), pdx = input(dx, n * h * w * c), pdy = output(dy, n * ho * wo * c, false);
      try { ex.maxPoolDerivative(0, n, h, w, c, k, s, ho, wo, px, pdx, pdy, 0); } finally { done(); }
    },
    maxPoolVjp(n, h, w, c, k, s, ho, wo, x, dy, dx, beta) {
      const px = input(x, n * h * w * c), pdy = input(dy, n * ho * wo * c), pdx = output(dx, n * h * w * c, beta === 1);
      try { ex.maxPoolDerivative(1, n, h, w, c, k, s, ho, wo, px, pdx, pdy, beta); } finally { done(); }
    },
    avgPool(n, h, w, c, k, s, ho, wo, x, y) {
      const px = input(x, n * h * w * c), py = output(y, n * ho * wo * c, false);
      try { ex.avgPool(n, h, w, c, k, s, ho, wo, px, py); } finally { done(); }
    },
    avgPoolVjp(n, h, w, c, k, s, ho, wo, dy, dx, beta) {
      const pdy = input(dy, n * ho * wo * c), pdx = output(dx, n * h * w * c, beta === 1);
      try { ex.avgPoolBackward(n, h, w, c, k, s, ho, wo, pdy, pdx, beta); } finally { done(); }
    },
    columnScale(m, n, x, scale, y) {
      const px = input(x, m * n), ps = input(scale, n), py = output(y, m * n, false);
      try { ex.columnScale(m, n, px, ps, py); } finally { done(); }
    },
    columnDots(m, n, a, b, out, beta) {
      const pa = input(a, m * n), pb = input(b, m * n), po = output(out, n, beta === 1);
      try { ex.columnDots(m, n, pa, pb, po, beta); } finally { done(); }
    },
    addColumns(m, n, k, x, y) {
      const px = input(x, m * k), py = output(y, m * n, true);
      try { ex.addColumns(m, n, k, px, py); } finally { done(); }
    },

    dispose() {
      if (ctl && helper) {
        Atomics.store(ctl, CTL.STATE, STATE.QUIT);
        Atomics.notify(ctl, CTL.STATE);
        helper.terminate();
        helper = null;
        helperState = "failed";
      }
    },
  };
  return kernels;
}

// --- browsers -----------------------------------------------------------------------------------

export interface BrowserKernelOptions {
  /** Memory for all arrays, fixed up front (a non-shared memory cannot grow without detaching views). */
  memoryMiB?: number;
}

/**
 * Load the kernels in a browser (or any engine with fetch): `baseUrl` is where build/*.wasm are
 * served. Picks the relaxed-SIMD build when the engine validates it, and a shared memory when the
 * page is cross-origin isolated. One thread.
 */
export async function loadWasmKernels(baseUrl: string | URL, options: BrowserKernelOptions = {}): Promise<WasmKernels> {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const suffix = isolated ? "" : "-unshared";
  // a relative baseUrl ("/build/", "build/") is taken relative to the page, as a <script src> would be
  const base = new URL(baseUrl, (globalThis as { location?: { href: string } }).location?.href);
  const fetchBytes = async (name: string) => {
    const url = new URL(name, base);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`loadWasmKernels(): fetching ${url.href} gave HTTP ${response.status}; serve fisherlab's build/ folder at baseUrl`);
    return new Uint8Array(await response.arrayBuffer());
  };
  const relaxed = await fetchBytes(`kernels-relaxed${suffix}.wasm`);
  const useRelaxed = WebAssembly.validate(relaxed);
  const bytes = useRelaxed ? relaxed : await fetchBytes(`kernels${suffix}.wasm`);
  const pages = Math.ceil(((options.memoryMiB ?? 256) * 2 ** 20) / 65536);
  const memory = isolated
    ? createSharedMemory()
    : new WebAssembly.Memory({ initial: pages, maximum: pages });
  return instantiateWasmKernels({
    module: await WebAssembly.compile(bytes), memory,
    variant: useRelaxed ? "relaxed-simd" : "simd", growable: isolated,
  });
}
