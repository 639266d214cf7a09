/**
 * Loading the wasm kernels in Node: synchronous (readFileSync + new WebAssembly.Module), the
 * relaxed-SIMD build when the engine accepts it, and optionally a second thread (worker_threads)
 * on the same shared memory for large products.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import { WORKER_SOURCE } from "./gemmWorker.js";
import { createSharedMemory, instantiateWasmKernels, type SpawnHelper, type WasmKernels } from "./wasmKernels.js";

export type WasmVariant = "auto" | "relaxed-simd" | "simd";

export interface NodeKernelOptions {
  /** "auto" takes relaxed SIMD (fused multiply-add) when the engine validates it. */
  variant?: WasmVariant;
  /** 1, or 2 to split large products over a worker thread. */
  threads?: number;
  /** Products below this many floating-point operations stay on one thread. */
  parallelMinFlops?: number;
}

const NODE_DEFAULTS = {
  variant: "auto" as WasmVariant,
  threads: 1, // reproducible timing and no idle worker unless asked for; bench passes 2 (sweeps use one core per job instead)
};

/** Create a fresh set of wasm kernels (own memory, own helper thread). Synchronous. */
export function createWasmKernels(options: NodeKernelOptions = {}): WasmKernels {
  const variant = options.variant ?? NODE_DEFAULTS.variant;
  const threads = options.threads ?? NODE_DEFAULTS.threads;
  if (!["auto", "relaxed-simd", "simd"].includes(variant)) {
    throw new Error(`createWasmKernels(): variant must be "auto", "relaxed-simd" or "simd", got ${JSON.stringify(variant)}`);
  }
  if (threads !== 1 && threads !== 2) {
    throw new Error(`createWasmKernels(): threads must be 1 or 2, got ${threads}; the kernels split one product over at most two threads`);
  }
  const dir = buildDir();
  const relaxed = variant === "simd" ? null : readFileSync(join(dir, "kernels-relaxed.wasm"));
  const useRelaxed = relaxed !== null && relaxedSimdAvailable(relaxed);
  if (!useRelaxed && variant === "relaxed-simd") {
    throw new Error(`createWasmKernels(): this engine (Node ${process.versions.node}) rejects relaxed SIMD; use variant "simd" or "auto"`);
  }
  const module = new WebAssembly.Module(useRelaxed ? relaxed : readFileSync(join(dir, "kernels.wasm")));
  return instantiateWasmKernels({
    module, memory: createSharedMemory(), variant: useRelaxed ? "relaxed-simd" : "simd", growable: true,
    spawnHelper: threads === 2 ? spawnWorker : undefined,
    parallelMinFlops: options.parallelMinFlops,
  });
}

let shared: WasmKernels | null = null;

/**
 * The process-wide kernels every module uses unless given others: wasm, variant "auto", threads
 * from FISHERLAB_THREADS (1 or 2; default 1).
 */
export function defaultKernels(): WasmKernels {
  if (!shared) {
    const env = process.env.FISHERLAB_THREADS;
    const threads = env === undefined || env === "" ? NODE_DEFAULTS.threads : Number(env);
    if (threads !== 1 && threads !== 2) throw new Error(`defaultKernels(): FISHERLAB_THREADS must be 1 or 2, got ${JSON.stringify(env)}`);
    shared = createWasmKernels({ threads });
  }
  return shared;
}

const spawnWorker: SpawnHelper = (module, memory, ctl) => {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, memory, ctl } });
  worker.unref(); // an idle helper must not keep the process alive
  worker.on("error", () => {}); // a helper that fails to start is detected by its READY flag
  return { terminate: () => void worker.terminate() };
};

/**
 * Relaxed SIMD is on by default from Node 22 (V8 11.4); Node 20 has it behind a flag, which
 * takes effect for modules compiled after it is set.
 */
function relaxedSimdAvailable(relaxedBytes: Uint8Array): boolean {
  if (WebAssembly.validate(relaxedBytes)) return true;
  setFlagsFromString("--experimental-wasm-relaxed-simd");
  return WebAssembly.validate(relaxedBytes);
}

/** build/ of the package: two levels up from src/engine, three from dist/src/engine. */
function buildDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    if (existsSync(join(dir, "build", "kernels.wasm"))) return join(dir, "build");
    dir = dirname(dir);
  }
  throw new Error("createWasmKernels(): build/kernels.wasm not found; run `npm install` (or `npm run build:asm`) to compile the kernels");
}
