// The render worker only exists compiled (dist/), so this suite drives the compiled modules (built
// by `pretest`): a chunk rendered by the worker and this thread together must be bit-identical to
// one rendered inline, for a bank (rotation kernel + shot noise) and for gratings (TypeScript).
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import type * as EngineModule from "../engine/index.js";
import type * as ConfigModule from "../config/index.js";
import type * as RendererModule from "./chunkRenderer.js";
import type * as TrainModule from "./index.js";

const dist = (path: string) => new URL(`../../dist/src/${path}`, import.meta.url).href;
const engine = await import(dist("engine/index.js")) as typeof EngineModule;
const config_ = await import(dist("config/index.js")) as typeof ConfigModule;
const { createChunkRenderer } = await import(dist("train/chunkRenderer.js")) as typeof RendererModule;
const { buildTrainingData, epochRng } = await import(dist("train/index.js")) as typeof TrainModule;

const twoCores = availableParallelism() >= 2;
if (!twoCores) console.warn("chunkRenderer.test.ts: one core, so no render worker: only inline rendering is checked");

describe("createChunkRenderer", () => {
  for (const [what, data] of [
    ["textures with shot noise", { source: "textures:40:3", train_size: 300, noise: { shot: 0.05, variance: 0.01 } }],
    ["gratings", { source: "gratings:size=16", train_size: 300 }],
  ] as const) {
    it(`the worker's chunks equal inline ones bit for bit (${what}; chunks of 128, 128, 44; two epochs)`, async () => {
      const config = config_.resolveConfig({ config: { data: { ...data, val_size: 8, test_size: 8, split: data.source.startsWith("textures") ? [30, 5, 5] : [1, 1, 1] } } });
      const td = buildTrainingData(config);
      const kernels = engine.createWasmKernels({ threads: 1 });
      const worker = createChunkRenderer(td, 128, true, kernels), inline = createChunkRenderer(td, 128, false, kernels);
      expect(worker.kind).toBe(twoCores ? "worker" : "inline");
      try {
        for (const epoch of [1, 2]) {
          const sample = td.epochSample(epochRng(config.seed, epoch).fork("data"));
          const order = engine.permutation(td.trainSize, createRngFrom(engine, epoch));
          for (let c = 0; c < td.trainSize; c += 128) {
            const rows = order.subarray(c, Math.min(c + 128, td.trainSize));
            worker.start(sample, rows);
            // let the worker claim a sub-chunk before this thread takes the rest (at most 10 s)
            const before = worker.workerSubChunks;
            for (let t = 0; twoCores && worker.workerSubChunks === before && t < 1000; t++) await new Promise((r) => setTimeout(r, 10));
            const a = worker.finish();
            inline.start(sample, rows);
            const b = inline.finish();
            expect(a.length).toBe(rows.length * td.pixels);
            expect(Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), `epoch ${epoch}, chunk at ${c}`).toBe(true);
            worker.release(a); inline.release(b);
          }
        }
        expect(() => worker.finish()).toThrow(/no chunk was started/);
        if (twoCores) expect(worker.workerSubChunks).toBeGreaterThan(0); // the worker's rows were among those compared
      } finally {
        await worker.close(); await inline.close();
        kernels.dispose();
      }
    });
  }
});

function createRngFrom(engine: typeof EngineModule, epoch: number) {
  return engine.createRng(epoch).fork("shuffle");
}
