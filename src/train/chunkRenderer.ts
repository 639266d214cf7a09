/**
 * Renders the training images of one chunk while the network trains on the previous one.
 * Rotating 64×64 images costs about as much as the network's steps (measured at the defaults:
 * 0.43 s rendering vs 0.39 s of steps per 8192-image epoch), so on a machine with a second core a
 * worker thread renders chunk k+1 during the steps on chunk k. The worker runs the same
 * renderRows() on per-sample noise streams, so its images are bit-identical to inline rendering
 * and a run's numbers do not depend on which was used. Inline rendering is the fallback (one
 * core, or running from TypeScript sources where the compiled worker does not exist).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { compiledModuleExists } from "../io/index.js";
import { renderRows, sampleRows } from "./renderRows.js";
import type { RenderJob, RenderReply, RenderWorkerData } from "./renderWorker.js";
import type { EpochSample, TrainingData } from "./trainingData.js";

export interface ChunkRenderer {
  readonly kind: "worker" | "inline";
  /** Start rendering `sample`'s rows `indices`; resolves with images [indices.length, pixels]. One render at a time. */
  render(sample: EpochSample, indices: Int32Array): Promise<Float32Array>;
  /** Give an array from render() back for reuse. */
  release(images: Float32Array): void;
  close(): Promise<void>;
}

const WORKER_URL = new URL("./renderWorker.js", import.meta.url);

/**
 * Whether a render worker can run here: a second core, and the compiled worker file beside this
 * module (under vitest, running from .ts, rendering stays inline).
 */
function renderWorkerAvailable(): boolean {
  return availableParallelism() >= 2 && compiledModuleExists(WORKER_URL);
}

export function createChunkRenderer(data: TrainingData, chunk: number, useWorker: boolean): ChunkRenderer {
  return useWorker && renderWorkerAvailable() ? workerRenderer(data, chunk) : inlineRenderer(data, chunk);
}

function inlineRenderer(data: TrainingData, chunk: number): ChunkRenderer {
  const spare: Float32Array[] = [];
  return {
    kind: "inline",
    render(sample, indices) {
      const out = spare.pop() ?? new Float32Array(chunk * data.pixels);
      try {
        const r = sampleRows(sample, indices);
        renderRows(data.source, r.angles, r.ids, r.samples, r.count, r.noiseSeed, data.noise, out);
      } catch (err) {
        return Promise.reject(err);
      }
      return Promise.resolve(out);
    },
    release(images) { spare.push(images); },
    async close() { spare.length = 0; },
  };
}

function workerRenderer(data: TrainingData, chunk: number): ChunkRenderer {
  const workerData: RenderWorkerData = { spec: data.source.spec, bank: data.source.bank, noise: data.noise };
  const worker = new Worker(WORKER_URL, { workerData });
  worker.unref(); // referenced only while a chunk is being rendered
  const spare: ArrayBuffer[] = [];
  let pending: { resolve: (a: Float32Array) => void; reject: (e: Error) => void } | null = null;
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
    if (reply.ok) p.resolve(new Float32Array(reply.buffer));
    else p.reject(new Error(reply.error));
  });
  return {
    kind: "worker",
    render(sample, indices) {
      if (failure) return Promise.reject(failure);
      if (pending) return Promise.reject(new Error("ChunkRenderer.render(): the previous chunk is still rendering; await it first"));
      const buffer = spare.pop() ?? new ArrayBuffer(chunk * data.pixels * 4);
      const job: RenderJob = { ...sampleRows(sample, indices), buffer };
      return new Promise<Float32Array>((resolve, reject) => {
        pending = { resolve, reject };
        worker.ref();
        worker.postMessage(job, [buffer]);
      });
    },
    release(images) { spare.push(images.buffer as ArrayBuffer); },
    async close() {
      pending = null;
      await worker.terminate();
    },
  };
}
