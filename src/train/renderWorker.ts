/**
 * Entry point of the render worker (chunkRenderer.ts). It instantiates the engine's wasm module on
 * the training kernels' shared memory and renders each chunk straight into a block of that memory
 * which the network then reads in place: no image is copied between the threads. Banks go through
 * the rotation kernel (bank, argument block and output blocks were allocated by the main thread);
 * gratings are rendered in TypeScript into the same block. Either way the images are those of
 * renderRows() on the main thread, bit for bit.
 */
import { parentPort, workerData } from "node:worker_threads";
import { rotateArgs, rotateTrig, type RotateExports } from "../engine/index.js";
import { loadSource, type SourceSpec } from "../stimuli/index.js";
import { addRowNoise, renderRows, type SampleRows, type ShotNoise } from "./renderRows.js";

export interface RenderJob extends SampleRows {
  /** byte address of the [count, pixels] output block in the shared memory */
  readonly outPtr: number;
}

export interface RenderWorkerData {
  readonly spec: SourceSpec;
  readonly noise: ShotNoise;
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly height: number;
  readonly width: number;
  readonly valueRange: readonly [number, number];
  /** banks: the bank's block, the argument block (for `capacity` images) and the mask value; null for gratings */
  readonly bank: { readonly bankPtr: number; readonly argsPtr: number; readonly capacity: number; readonly maskValue: number } | null;
}

export type RenderReply = { ok: true } | { ok: false; error: string };

const port = parentPort;
if (port) {
  const d = workerData as RenderWorkerData;
  const pixels = d.height * d.width;
  const ex = new WebAssembly.Instance(d.module, { env: { memory: d.memory } }).exports as unknown as RotateExports;
  const source = d.bank ? null : loadSource(d.spec); // gratings are rebuilt from their spec
  port.on("message", (job: RenderJob) => {
    try {
      // the shared memory may have grown since the last job (it never moves): take its current buffer
      const buffer = d.memory.buffer;
      const out = new Float32Array(buffer, job.outPtr, job.count * pixels);
      if (d.bank) {
        const a = rotateArgs(buffer, d.bank.argsPtr, d.bank.capacity);
        rotateTrig(job.angles, job.count, a.trig);
        a.ids.set(job.ids);
        ex.rotateMask(job.count, d.height, d.width, d.bank.bankPtr, a.idsPtr, a.trigPtr, job.outPtr, 1, d.bank.maskValue, a.scratch);
        addRowNoise(job.samples, job.count, job.noiseSeed, d.noise, d.valueRange, pixels, out);
      } else {
        renderRows(source!, job.angles, job.ids, job.samples, job.count, job.noiseSeed, d.noise, out);
      }
      port.postMessage({ ok: true } satisfies RenderReply);
    } catch (err) {
      port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies RenderReply);
    }
  });
}
