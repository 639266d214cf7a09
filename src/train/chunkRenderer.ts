/**
 * Renders the training images of one chunk while the network trains on the previous one, into
 * the kernel memory the network reads (no copy).
 *
 * Measured at the defaults (docs/performance.md): the wasm rotation kernel renders a 1024-image
 * chunk in about as much time as half the chunk's steps, so on a machine with a second core a
 * worker thread renders chunk k+1 during the steps on chunk k. The worker instantiates the
 * engine's module on the kernels' shared memory and writes into one of two output blocks
 * allocated here (double buffering), so the images never cross threads by copy. It runs the same
 * kernel and noise streams as inline rendering, so its images are bit-identical and a run's
 * numbers do not depend on which was used. Inline rendering (straight into kernel memory) is the
 * fallback: one core, kernels without a shared memory, or running from TypeScript sources where
 * the compiled worker does not exist.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { rotateArgsBytes, type Kernels, type WasmKernels } from "../engine/index.js";
import { compiledModuleExists } from "../io/index.js";
import { STIMULI_DEFAULTS } from "../stimuli/index.js";
import { CLAIM, CTL, claim } from "./renderClaim.js";
import { renderRows, sampleRows, type SampleRows } from "./renderRows.js";
import type { RenderJob, RenderReply, RenderWorkerData } from "./renderWorker.js";
import type { EpochSample, TrainingData } from "./trainingData.js";

export interface ChunkRenderer {
  readonly kind: "worker" | "inline";
  /** Sub-chunks the worker has rendered so far (0 inline): how much it took off this thread. */
  readonly workerSubChunks: number;
  /**
   * Start rendering `sample`'s rows `indices` (with a worker: in the background). One chunk at a
   * time: finish() it before starting the next.
   */
  start(sample: EpochSample, indices: Int32Array): void;
  /**
   * The started chunk's images [indices.length, pixels] in kernel memory, once rendered; the
   * calling thread renders whatever the worker has not claimed yet. At most two chunks may be
   * held (un-released) at once.
   */
  finish(): Float32Array;
  /** Give an array from finish() back once the steps that read it are done. */
  release(images: Float32Array): void;
  close(): Promise<void>;
}

const WORKER_URL = new URL("./renderWorker.js", import.meta.url);

/** Images per claim: small enough that the last claim costs ~2 ms of waiting, large enough for few messages. */
const SUB_CHUNK = 64;

/**
 * Whether a render worker can run here: a second core, a shared kernel memory, and the compiled
 * worker file beside this module (under vitest, running from .ts, rendering stays inline).
 */
function renderWorkerAvailable(kernels: Kernels): boolean {
  return availableParallelism() >= 2 && (kernels as Partial<WasmKernels>).shared !== undefined && (kernels as Partial<WasmKernels>).shared !== null && compiledModuleExists(WORKER_URL);
}

export function createChunkRenderer(data: TrainingData, chunk: number, useWorker: boolean, kernels: Kernels): ChunkRenderer {
  return useWorker && renderWorkerAvailable(kernels) ? workerRenderer(data, chunk, kernels as WasmKernels) : inlineRenderer(data, chunk, kernels);
}

/** Two [chunk, pixels] output blocks in kernel memory, handed out in turn. */
function doubleBuffer(kernels: Kernels, floats: number) {
  const blocks = [kernels.alloc(floats), kernels.alloc(floats)];
  const free = [...blocks];
  return {
    take(): Float32Array {
      const b = free.shift();
      if (!b) throw new Error("ChunkRenderer.start(): two rendered chunks are still held; release() one first");
      return b;
    },
    give(images: Float32Array): void {
      const b = blocks.find((x) => x.buffer === images.buffer && x.byteOffset === images.byteOffset);
      if (b && !free.includes(b)) free.push(b);
    },
    dispose(): void { for (const b of blocks) kernels.free(b); blocks.length = 0; free.length = 0; },
  };
}

/** Rows [lo, hi) of a chunk rendered on this thread into out (the chunk's block). */
function renderRange(data: TrainingData, r: SampleRows, lo: number, hi: number, out: Float32Array, kernels: Kernels): void {
  const p = data.pixels;
  renderRows(data.source, r.angles.subarray(lo, hi), r.ids.subarray(lo, hi), r.samples.subarray(lo, hi), hi - lo,
    r.noiseSeed, data.noise, out.subarray(lo * p, hi * p), kernels);
}

function inlineRenderer(data: TrainingData, chunk: number, kernels: Kernels): ChunkRenderer {
  const buffers = doubleBuffer(kernels, chunk * data.pixels);
  let current: { rows: SampleRows; out: Float32Array } | null = null;
  return {
    kind: "inline",
    workerSubChunks: 0,
    start(sample, indices) {
      if (current) throw new Error("ChunkRenderer.start(): the previous chunk was not finished; call finish() first");
      current = { rows: sampleRows(sample, indices), out: buffers.take() };
    },
    finish() {
      if (!current) throw new Error("ChunkRenderer.finish(): no chunk was started");
      const { rows, out } = current;
      current = null;
      renderRange(data, rows, 0, rows.count, out, kernels);
      return out.subarray(0, rows.count * data.pixels);
    },
    release(images) { buffers.give(images); },
    async close() { current = null; buffers.dispose(); },
  };
}

/**
 * The worker and this thread share a chunk by claiming sub-chunks of SUB_CHUNK rows (as the
 * GEMM's helper thread claims tiles, src/engine/gemmWorker.ts): the worker starts on a chunk as
 * soon as it is posted and claims sub-chunks during the steps on the previous one; finish()
 * claims what is left and renders it here, then waits for the worker's last claims. A worker the
 * OS schedules late (another process on the second core) so costs nothing over inline rendering.
 * A claim is a compare-and-swap on one word holding (job number, next sub-chunk), so a late
 * worker can never claim rows of a newer chunk with an older chunk's data.
 */
function workerRenderer(data: TrainingData, chunk: number, kernels: WasmKernels): ChunkRenderer {
  const { source, pixels } = data;
  const buffers = doubleBuffer(kernels, chunk * pixels);
  const ctlBlock = kernels.alloc(CTL.SLOTS);
  const ctl = new Int32Array(ctlBlock.buffer, ctlBlock.byteOffset, CTL.SLOTS);
  // banks: the rotation kernel's argument block for one sub-chunk, written only by the worker
  const args = source.bankIn ? kernels.alloc(Math.ceil(rotateArgsBytes(SUB_CHUNK, source.height, source.width) / 4)) : null;
  const workerData: RenderWorkerData = {
    spec: source.spec, noise: data.noise, module: kernels.shared!.module, memory: kernels.shared!.memory,
    height: source.height, width: source.width, valueRange: source.valueRange, ctlPtr: ctlBlock.byteOffset, subChunk: SUB_CHUNK,
    bank: source.bankIn && args
      ? { bankPtr: source.bankIn(kernels).byteOffset, argsPtr: args.byteOffset, maskValue: STIMULI_DEFAULTS.maskValue }
      : null,
  };
  const worker = new Worker(WORKER_URL, { workerData });
  worker.unref(); // an idle worker must not keep the process alive
  let failure: Error | null = null;
  worker.on("error", (err) => { failure ??= new Error(`render worker: ${err.message}`); });
  worker.on("message", (reply: RenderReply) => { if (!reply.ok) failure ??= new Error(`render worker: ${reply.error}`); });
  let job = 0;
  let current: { rows: SampleRows; out: Float32Array; subs: number; job: number } | null = null;
  let closed = false;
  return {
    kind: "worker",
    get workerSubChunks() { return closed ? 0 : Atomics.load(ctl, CTL.WORKER_SUBS); },
    start(sample, indices) {
      if (current) throw new Error("ChunkRenderer.start(): the previous chunk was not finished; call finish() first");
      const rows = sampleRows(sample, indices);
      const out = buffers.take();
      job = (job + 1) & CLAIM.JOB_MASK;
      const subs = Math.ceil(rows.count / SUB_CHUNK);
      current = { rows, out, subs, job };
      Atomics.store(ctl, CTL.DONE, 0);
      Atomics.store(ctl, CTL.FAILED, 0);
      Atomics.store(ctl, CTL.CLAIM, job << CLAIM.SHIFT);
      const message: RenderJob = { ...rows, outPtr: out.byteOffset, job, subs };
      worker.postMessage(message);
    },
    finish() {
      if (!current) throw new Error("ChunkRenderer.finish(): no chunk was started");
      const { rows, out, subs } = current;
      current = null;
      if (failure) throw failure;
      for (let q; (q = claim(ctl, job, subs)) >= 0;) {
        renderRange(data, rows, q * SUB_CHUNK, Math.min(rows.count, (q + 1) * SUB_CHUNK), out, kernels);
        Atomics.add(ctl, CTL.DONE, 1);
      }
      // the worker's last claims: each is ~2 ms of rendering; a worker silent for 60 s has died
      for (let done; (done = Atomics.load(ctl, CTL.DONE)) < subs;) {
        if (Atomics.load(ctl, CTL.FAILED)) throw failure ?? new Error("render worker: rendering a chunk failed");
        if (Atomics.wait(ctl, CTL.DONE, done, 60_000) === "timed-out") throw new Error("render worker: no progress for 60 s; rerun with renderWorker: false");
      }
      return out.subarray(0, rows.count * pixels);
    },
    release(images) { buffers.give(images); },
    async close() {
      if (closed) return;
      closed = true;
      current = null;
      // the worker may still be writing a block: free the memory only once it has stopped
      await worker.terminate();
      buffers.dispose();
      kernels.free(ctlBlock);
      if (args) kernels.free(args);
    },
  };
}
