/**
 * Entry point of the render worker (chunkRenderer.ts). It instantiates the engine's wasm module on
 * the training kernels' shared memory and renders sub-chunks it claims straight into the block of
 * that memory which the network then reads in place: no image is copied between the threads.
 * Banks go through the rotation kernel (bank, argument and output blocks were allocated by the
 * main thread); gratings are rendered in TypeScript into the same block. Either way the images
 * are those of renderRows() on the main thread, bit for bit.
 */
import { parentPort, workerData } from "node:worker_threads";
import { rotateArgs, rotateTrig, type RotateExports } from "../engine/index.js";
import { loadSource, type SourceSpec } from "../stimuli/index.js";
import { CTL, claim } from "./renderClaim.js";
import { addRowNoise, renderRows, type SampleRows, type ShotNoise } from "./renderRows.js";

export interface RenderJob extends SampleRows {
  /** byte address of the chunk's [count, pixels] output block in the shared memory */
  readonly outPtr: number;
  /** the chunk's job number in the claim word, and its number of sub-chunks */
  readonly job: number;
  readonly subs: number;
}

export interface RenderWorkerData {
  readonly spec: SourceSpec;
  readonly noise: ShotNoise;
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly height: number;
  readonly width: number;
  readonly valueRange: readonly [number, number];
  /** the control block (renderClaim.ts) and the rows per claim */
  readonly ctlPtr: number;
  readonly subChunk: number;
  /** banks: the bank's block, the argument block (for one sub-chunk) and the mask value; null for gratings */
  readonly bank: { readonly bankPtr: number; readonly argsPtr: number; readonly maskValue: number } | null;
}

/** Sent only when rendering failed (the main thread also sees CTL.FAILED). */
export type RenderReply = { ok: false; error: string };

const port = parentPort;
if (port) {
  const d = workerData as RenderWorkerData;
  const pixels = d.height * d.width;
  const ex = new WebAssembly.Instance(d.module, { env: { memory: d.memory } }).exports as unknown as RotateExports;
  const source = d.bank ? null : loadSource(d.spec); // gratings are rebuilt from their spec
  const ctl = new Int32Array(d.memory.buffer, d.ctlPtr, CTL.SLOTS);
  port.on("message", (job: RenderJob) => {
    try {
      for (let q; (q = claim(ctl, job.job, job.subs)) >= 0;) {
        const lo = q * d.subChunk, hi = Math.min(job.count, lo + d.subChunk), n = hi - lo;
        // the shared memory may have grown since the last job (it never moves): take its current buffer
        const buffer = d.memory.buffer;
        const outPtr = job.outPtr + lo * pixels * 4;
        const out = new Float32Array(buffer, outPtr, n * pixels);
        if (d.bank) {
          const a = rotateArgs(buffer, d.bank.argsPtr, d.subChunk);
          rotateTrig(job.angles.subarray(lo, hi), n, a.trig);
          a.ids.set(job.ids.subarray(lo, hi));
          ex.rotateMask(n, d.height, d.width, d.bank.bankPtr, a.idsPtr, a.trigPtr, outPtr, 1, d.bank.maskValue, a.scratch);
          addRowNoise(job.samples.subarray(lo, hi), n, job.noiseSeed, d.noise, d.valueRange, pixels, out);
        } else {
          renderRows(source!, job.angles.subarray(lo, hi), job.ids.subarray(lo, hi), job.samples.subarray(lo, hi), n, job.noiseSeed, d.noise, out);
        }
        Atomics.add(ctl, CTL.WORKER_SUBS, 1);
        Atomics.add(ctl, CTL.DONE, 1);
        Atomics.notify(ctl, CTL.DONE);
      }
    } catch (err) {
      port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies RenderReply);
      Atomics.store(ctl, CTL.FAILED, 1);
      Atomics.notify(ctl, CTL.DONE);
    }
  });
}
