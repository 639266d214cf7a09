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
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { rotateArgsBytes, type Kernels, type WasmKernels } from "../engine/index.js";
import { STIMULI_DEFAULTS } from "../stimuli/index.js";
import { renderRows, sampleRows } from "./renderRows.js";
import type { RenderJob, RenderReply, RenderWorkerData } from "./renderWorker.js";
import type { EpochSample, TrainingData } from "./trainingData.js";

export interface ChunkRenderer {
  readonly kind: "worker" | "inline";
  /**
   * Start rendering `sample`'s rows `indices`; resolves with images [indices.length, pixels] in
   * kernel memory. One render at a time; at most two arrays may be held (un-released) at once.
   */
  render(sample: EpochSample, indices: Int32Array): Promise<Float32Array>;
  /** Give an array from render() back once the steps that read it are done. */
  release(images: Float32Array): void;
  close(): Promise<void>;
}

const WORKER_URL = new URL("./renderWorker.js", import.meta.url);

/** Whether a render worker can run here: a second core, a shared kernel memory, and the compiled worker file. */
function renderWorkerAvailable(kernels: Kernels): boolean {
  return availableParallelism() >= 2 && (kernels as Partial<WasmKernels>).shared != null &&
    WORKER_URL.protocol === "file:" && existsSync(fileURLToPath(WORKER_URL));
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
      if (!b) throw new Error("ChunkRenderer.render(): two rendered chunks are still held; release() one first");
      return b;
    },
    give(images: Float32Array): void {
      const b = blocks.find((x) => x.buffer === images.buffer && x.byteOffset === images.byteOffset);
      if (b && !free.includes(b)) free.push(b);
    },
    dispose(): void { for (const b of blocks) kernels.free(b); blocks.length = 0; free.length = 0; },
  };
}

function inlineRenderer(data: TrainingData, chunk: number, kernels: Kernels): ChunkRenderer {
  const buffers = doubleBuffer(kernels, chunk * data.pixels);
  return {
    kind: "inline",
    render(sample, indices) {
      try {
        const out = buffers.take();
        const r = sampleRows(sample, indices);
        renderRows(data.source, r.angles, r.ids, r.samples, r.count, r.noiseSeed, data.noise, out, kernels);
        return Promise.resolve(out.subarray(0, r.count * data.pixels));
      } catch (err) {
        return Promise.reject(err);
      }
    },
    release(images) { buffers.give(images); },
    async close() { buffers.dispose(); },
  };
}

function workerRenderer(data: TrainingData, chunk: number, kernels: WasmKernels): ChunkRenderer {
  const { source, pixels } = data;
  const buffers = doubleBuffer(kernels, chunk * pixels);
  // banks: the rotation kernel's argument block for a whole chunk, written only by the worker
  const args = source.bankIn ? kernels.alloc(Math.ceil(rotateArgsBytes(chunk, source.height, source.width) / 4)) : null;
  const workerData: RenderWorkerData = {
    spec: source.spec, noise: data.noise, module: kernels.shared!.module, memory: kernels.shared!.memory,
    height: source.height, width: source.width, valueRange: source.valueRange,
    bank: source.bankIn && args
      ? { bankPtr: source.bankIn(kernels).byteOffset, argsPtr: args.byteOffset, capacity: chunk, maskValue: STIMULI_DEFAULTS.maskValue }
      : null,
  };
  const worker = new Worker(WORKER_URL, { workerData });
  worker.unref(); // referenced only while a chunk is being rendered
  let pending: { resolve: () => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (err: Error): void => {
    failure ??= new Error(`render worker: ${err.message}`);
    pending?.reject(failure);
    pending = null;
  };
  worker.on("error", fail);
  worker.on("exit", (code) => { if (code !== 0) fail(new Error(`exited with code ${code}`)); });
  worker.on("message", (reply: RenderReply) => {
    worker.unref();
    const p = pending;
    pending = null;
    if (!p) return;
    if (reply.ok) p.resolve();
    else p.reject(new Error(reply.error));
  });
  let closed = false;
  return {
    kind: "worker",
    render(sample, indices) {
      if (failure) return Promise.reject(failure);
      if (pending) return Promise.reject(new Error("ChunkRenderer.render(): the previous chunk is still rendering; await it first"));
      let out: Float32Array;
      try { out = buffers.take(); } catch (err) { return Promise.reject(err); }
      const job: RenderJob = { ...sampleRows(sample, indices), outPtr: out.byteOffset };
      return new Promise<Float32Array>((resolve, reject) => {
        pending = { resolve: () => resolve(out.subarray(0, job.count * pixels)), reject };
        worker.ref();
        worker.postMessage(job);
      });
    },
    release(images) { buffers.give(images); },
    async close() {
      if (closed) return;
      closed = true;
      pending = null;
      // the worker may still be writing a block: free the memory only once it has stopped
      await worker.terminate();
      buffers.dispose();
      if (args) kernels.free(args);
    },
  };
}
