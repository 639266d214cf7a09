/**
 * The pipeline workloads of `npm run bench` (issue: the main job at engine speed), the same as
 * bench/torch_pipeline.py runs in PyTorch:
 *   render_images_per_s       : 4096 masked 64×64 bilinear rotations from the textures bank, in
 *                               chunks of 1024 as training renders them, one thread (best of 3, in CPU time)
 *   train_epoch_seconds       : a training epoch of 4096 freshly rendered images through `train()`
 *                               end to end (render worker, steps, a 256-image validation,
 *                               bookkeeping), default threads; the mean of 3 epochs
 *   train_steps_seconds       : the mini-batch steps of those epochs alone (the run's step_seconds / 3)
 *   fisher_derivative_seconds : measureNetwork(method derivative, output layer, 120 angles × 50
 *                               identities) on the reference MLP 4096-60-20-2, rendering included
 *                               (best of 2)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bestOf } from "./bestOf.js";
import { createRng, createWasmKernels, defaultKernels, type WasmVariant } from "../src/engine/index.js";
import { angleGrid } from "../src/math/index.js";
import { measureNetwork } from "../src/measure/index.js";
import { createMlp } from "../src/nn/index.js";
import { loadSource } from "../src/stimuli/index.js";
import { train } from "../src/train/index.js";

export interface PipelineResult {
  render_images_per_s: number;
  train_epoch_seconds: number;
  train_steps_seconds: number;
  /** of an epoch: time the loop waited for rendered chunks (0 when the render worker keeps up) */
  train_render_wait_seconds: number;
  fisher_derivative_seconds: number;
}

const SIZES = { renderImages: 4096, renderChunk: 1024, epochImages: 4096, epochs: 3, angles: 120, identities: 50 };

function benchRender(variant: WasmVariant): number {
  const kernels = createWasmKernels({ variant, threads: 1 });
  const source = loadSource("textures");
  const { renderImages: n, renderChunk: chunk } = SIZES;
  const rng = createRng(1);
  const ids = Int32Array.from({ length: n }, () => rng.int(source.identities));
  const angles = Float64Array.from({ length: n }, () => 2 * Math.PI * rng.uniform());
  const out = kernels.alloc(chunk * source.height * source.width); // [chunk, pixels], as the training chunks
  const seconds = bestOf(() => {
    for (let s = 0; s < n; s += chunk) source.renderBatch!(ids.subarray(s, s + chunk), angles.subarray(s, s + chunk), out, kernels);
  }, 3, { cpuTime: true }); // one thread: CPU time, as the PyTorch script's render
  kernels.dispose();
  return n / seconds;
}

async function benchEpoch(renderWorker: boolean): Promise<{ epoch: number; steps: number; wait: number }> {
  const dir = mkdtempSync(join(tmpdir(), "fisherlab-bench-"));
  try {
    const { epochImages, epochs } = SIZES;
    const result = await train({
      data: { train_size: epochImages, val_size: 256, test_size: 256 },
      train: { max_epochs: epochs, patience: epochs + 1 },
    }, { outDir: join(dir, "run"), quiet: true, renderWorker });
    result.network.dispose();
    const epoch = result.metrics.reduce((s, r) => s + r.seconds, 0) / result.metrics.length;
    const per = (x: number) => x / result.metrics.length;
    return { epoch, steps: per(result.summary.step_seconds), wait: per(result.summary.render_seconds) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchDerivative(): number {
  const source = loadSource("textures");
  const net = createMlp({ inputSize: source.height * source.width, hidden: [60, 20], activation: "celu" }, { kernels: defaultKernels(), rng: createRng(1) });
  const identities = Array.from({ length: SIZES.identities }, (_, i) => i);
  const angles = angleGrid(0, 2 * Math.PI, SIZES.angles);
  const seconds = bestOf(() => { measureNetwork(net, source, { method: "derivative", layer: 2, angles, identities }); }, 1);
  net.dispose();
  return seconds;
}

export async function runPipelineBench(variant: WasmVariant, log: (line: string) => void): Promise<PipelineResult> {
  const render = benchRender(variant);
  log(`render: ${render.toFixed(0)} images/s (one thread)`);
  const epoch = await benchEpoch(process.env.FISHERLAB_BENCH_INLINE !== "1");
  log(`training epoch of ${SIZES.epochImages} fresh images: ${epoch.epoch.toFixed(3)} s, of which steps ${epoch.steps.toFixed(3)} s (${(epoch.epoch / epoch.steps).toFixed(2)}×), waiting for renders ${epoch.wait.toFixed(3)} s`);
  const derivative = benchDerivative();
  log(`derivative I(θ), output layer, ${SIZES.angles} angles × ${SIZES.identities} identities: ${derivative.toFixed(3)} s`);
  return { render_images_per_s: render, train_epoch_seconds: epoch.epoch, train_steps_seconds: epoch.steps, train_render_wait_seconds: epoch.wait, fisher_derivative_seconds: derivative };
}
