/**
 * Entry point of the render worker (chunkRenderer.ts): loads the run's image source once, then
 * renders each chunk it is sent into the transferred buffer and sends it back. Runs the same
 * renderRows() as the main thread, so its images are bit-identical to inline rendering.
 */
import { parentPort, workerData } from "node:worker_threads";
import { bankSource, loadSource, type ImageBank, type SourceSpec } from "../stimuli/index.js";
import { renderRows, type SampleRows, type ShotNoise } from "./renderRows.js";

export interface RenderJob extends SampleRows {
  /** [count, pixels] float32, transferred both ways */
  readonly buffer: ArrayBuffer;
}

export interface RenderWorkerData {
  readonly spec: SourceSpec;
  readonly bank?: ImageBank;
  readonly noise: ShotNoise;
}

export type RenderReply = { ok: true; buffer: ArrayBuffer } | { ok: false; error: string };

const port = parentPort;
if (port) {
  const { spec, bank, noise } = workerData as RenderWorkerData;
  // a bank arrives as data (copying 6.5 MB beats regenerating or re-reading it); gratings are rebuilt from their spec
  const source = bank ? bankSource(bank, spec) : loadSource(spec);
  port.on("message", (job: RenderJob) => {
    try {
      renderRows(source, job.angles, job.ids, job.samples, job.count, job.noiseSeed, noise, new Float32Array(job.buffer));
      port.postMessage({ ok: true, buffer: job.buffer } satisfies RenderReply, [job.buffer]);
    } catch (err) {
      port.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) } satisfies RenderReply);
    }
  });
}
