/**
 * `npm run bench [-- --json] [--compare <python>] [--variant auto|relaxed-simd|simd]`: the engine's speed on the reference
 * workloads of bench/torch_reference.py, with the same JSON keys, plus two-thread
 * forward and JVP. A benchmark, not a test: nothing here asserts a speed.
 *
 * Workloads (float32, MLP 4096-60-20-2 with CELU, PyTorch's initialisation):
 *   train   : one epoch of Adam (lr 1e-3) over 8192 random 64×64 images, batch 32,
 *             loss mean(1 − cos_sim(pred, target)), targets (cos θ, sin θ), θ ~ U[0, 2π)
 *   forward : outputs for 10000 images, batches of 1000
 *   jvp     : d(output)/d(image)·v for 10000 images and random directions, batches of 1000
 * Each is timed as the best of 3 runs after a warm-up run, as the PyTorch script does.
 *
 * Pipeline workloads (bench/pipeline.ts): rendering, a training epoch of fresh images, and the
 * derivative Fisher measurement, with the PyTorch equivalents in bench/torch_pipeline.py.
 *
 * With --compare, the PyTorch scripts run in the same process tree right after (the reference at
 * 1 and 2 torch threads, the pipeline at 1) and the ratios are printed as well.
 */
import { bestOf } from "./bestOf.js";
import { runPython } from "./runPython.js";
import { createRng, createWasmKernels, permutation, type Kernels, type Rng, type WasmKernels, type WasmVariant } from "../src/engine/index.js";
import { benchBackbone, torchBackbone } from "./backbone.js";
import { Adam, cosSimLoss, createMlp, encodeAngles, type Mlp } from "../src/nn/index.js";
import { runPipelineBench, type PipelineResult } from "./pipeline.js";

const SIZES = {
  pixels: 64 * 64,
  hidden: [60, 20],
  trainImages: 8192, // as torch_reference.py's N_TRAIN
  trainBatch: 32,
  evalImages: 10_000, // as N_EVAL
  evalBatch: 1000,
  reps: 3, // best of 3 after a warm-up, as best_of() in torch_reference.py
};

interface BenchResult extends PipelineResult {
  engine: string;
  threads: number;
  train_samples_per_s: number;
  forward_images_per_s: number;
  jvp_images_per_s: number;
  forward_images_per_s_threads2: number;
  jvp_images_per_s_threads2: number;
  /** the face ResNet (bench/backbone.ts): one thread, batch 32, 150×150×3 */
  backbone_forward_images_per_s: number;
  backbone_jvp_images_per_s: number;
  backbone_forward_images_per_s_threads2: number;
  backbone_jvp_images_per_s_threads2: number;
}

function fillUniform(x: Float32Array, rng: Rng): Float32Array {
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform();
  return x;
}

function fillNormal(x: Float32Array, rng: Rng): Float32Array {
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  return x;
}

function referenceMlp(kernels: Kernels, rng: Rng): Mlp {
  return createMlp({ inputSize: SIZES.pixels, hidden: SIZES.hidden, activation: "celu", encoding: "circular" }, { kernels, rng });
}

/** Samples per second of one training epoch. */
function benchTrain(kernels: Kernels, rng: Rng): number {
  const { pixels, trainImages: n, trainBatch: batch } = SIZES;
  const mlp = referenceMlp(kernels, rng.fork("init"));
  const adam = new Adam(mlp.parameters(), kernels, { lr: 1e-3 });
  const loss = cosSimLoss();
  const X = fillUniform(kernels.alloc(n * pixels), rng.fork("X")); // [n, pixels]
  const thetaRng = rng.fork("theta");
  const Y = encodeAngles("circular", Float64Array.from({ length: n }, () => 2 * Math.PI * thetaRng.uniform())); // [n, 2]
  const xb = mlp.inputBuffer(batch); // [batch, pixels], in kernel memory
  const yb = new Float32Array(batch * 2);
  const grad = new Float32Array(batch * 2);
  const shuffle = rng.fork("shuffle");
  const epoch = () => {
    const perm = permutation(n, shuffle);
    for (let start = 0; start + batch <= n; start += batch) {
      for (let r = 0; r < batch; r++) {
        const i = perm[start + r];
        xb.set(X.subarray(i * pixels, (i + 1) * pixels), r * pixels);
        yb[2 * r] = Y[2 * i]; yb[2 * r + 1] = Y[2 * i + 1];
      }
      mlp.zeroGrad();
      const pred = mlp.forward(xb, batch, { train: true });
      loss.evaluate(pred, yb, batch, grad);
      mlp.backward(grad);
      adam.step();
    }
  };
  const seconds = bestOf(epoch, SIZES.reps);
  adam.dispose(); mlp.dispose(); kernels.free(X);
  return n / seconds;
}

/** Images per second of the forward pass and of the JVP over the evaluation set. */
function benchEval(kernels: Kernels, rng: Rng): { forward: number; jvp: number } {
  const { pixels, evalImages: n, evalBatch: batch } = SIZES;
  const mlp = referenceMlp(kernels, rng.fork("init"));
  const E = fillUniform(kernels.alloc(n * pixels), rng.fork("E")); // [n, pixels]
  const V = fillNormal(kernels.alloc(n * pixels), rng.fork("V")); // [n, pixels] directions
  const rows = (a: Float32Array, start: number) => a.subarray(start * pixels, (start + batch) * pixels);
  const forward = bestOf(() => {
    for (let s = 0; s < n; s += batch) mlp.forward(rows(E, s), batch);
  }, SIZES.reps);
  const jvp = bestOf(() => {
    for (let s = 0; s < n; s += batch) mlp.jvp(rows(E, s), rows(V, s), batch);
  }, SIZES.reps);
  mlp.dispose(); kernels.free(E); kernels.free(V);
  return { forward: n / forward, jvp: n / jvp };
}

export async function runBench(variant: WasmVariant = "auto", log: (line: string) => void = () => {}): Promise<BenchResult> {
  const rng = createRng(0);
  const one: WasmKernels = createWasmKernels({ variant, threads: 1 });
  log(`kernels: ${one.name}`);
  const train = benchTrain(one, rng.fork("train"));
  log(`train: ${train.toFixed(0)} samples/s`);
  const eval1 = benchEval(one, rng.fork("eval"));
  log(`forward: ${eval1.forward.toFixed(0)} images/s, jvp: ${eval1.jvp.toFixed(0)} images/s`);
  one.dispose();
  const two: WasmKernels = createWasmKernels({ variant, threads: 2 });
  const eval2 = benchEval(two, rng.fork("eval"));
  log(`2 threads: forward ${eval2.forward.toFixed(0)} images/s, jvp ${eval2.jvp.toFixed(0)} images/s`);
  two.dispose();
  const pipeline = await runPipelineBench(variant, log);
  const bb1 = benchBackbone(variant, 1), bb2 = benchBackbone(variant, 2);
  log(`face-resnet: forward ${bb1.backbone_forward_images_per_s.toFixed(1)} images/s, jvp ${bb1.backbone_jvp_images_per_s.toFixed(1)} images/s; 2 threads: ${bb2.backbone_forward_images_per_s.toFixed(1)}, ${bb2.backbone_jvp_images_per_s.toFixed(1)}`);
  return {
    ...pipeline,
    engine: `fisherlab ${one.name}, node ${process.versions.node}`,
    threads: 1,
    train_samples_per_s: train,
    forward_images_per_s: eval1.forward,
    jvp_images_per_s: eval1.jvp,
    forward_images_per_s_threads2: eval2.forward,
    jvp_images_per_s_threads2: eval2.jvp,
    ...bb1,
    backbone_forward_images_per_s_threads2: bb2.backbone_forward_images_per_s,
    backbone_jvp_images_per_s_threads2: bb2.backbone_jvp_images_per_s,
  };
}

type TorchResult = { engine: string; threads: number; train_samples_per_s: number; forward_images_per_s: number; jvp_images_per_s: number };

/** bench/torch_reference.py: the reference workloads in PyTorch. */
const runTorch = (python: string, threads: number) => runPython<TorchResult>(python, "torch_reference.py", [threads]);

type TorchPipelineResult = { engine: string; threads: number } & PipelineResult;

/** bench/torch_pipeline.py with one torch thread. */
const runTorchPipeline = (python: string) => runPython<TorchPipelineResult>(python, "torch_pipeline.py", [1]);

async function main(argv: string[]): Promise<void> {
  const json = argv.includes("--json");
  const compareAt = argv.indexOf("--compare");
  const python = compareAt >= 0 ? argv[compareAt + 1] ?? "/usr/bin/python3" : null;
  const variantAt = argv.indexOf("--variant");
  const variant = (variantAt >= 0 ? argv[variantAt + 1] : "auto") as WasmVariant;
  const log = json ? () => {} : (line: string) => console.log(line);
  const ours = await runBench(variant, log);
  if (!python) {
    console.log(json ? JSON.stringify(ours) : "");
    return;
  }
  const t1 = runTorch(python, 1), t2 = runTorch(python, 2), tp = runTorchPipeline(python);
  const tb1 = torchBackbone(python, 1), tb2 = torchBackbone(python, 2);
  const best = (key: "forward_images_per_s" | "jvp_images_per_s") => Math.max(t1[key], t2[key]);
  const ratios = {
    train_vs_torch1: ours.train_samples_per_s / t1.train_samples_per_s,
    forward_vs_torch1: ours.forward_images_per_s / t1.forward_images_per_s,
    jvp_vs_torch1: ours.jvp_images_per_s / t1.jvp_images_per_s,
    forward_threads2_vs_torch_best: ours.forward_images_per_s_threads2 / best("forward_images_per_s"),
    jvp_threads2_vs_torch_best: ours.jvp_images_per_s_threads2 / best("jvp_images_per_s"),
    // targets: render ≥ 5× grid_sample on one thread, epoch ≤ 1.2× its own steps, derivative ≥ 2× torch's loop
    render_vs_torch1: ours.render_images_per_s / tp.render_images_per_s,
    epoch_over_steps: ours.train_epoch_seconds / ours.train_steps_seconds,
    epoch_speedup_vs_torch1: tp.train_epoch_seconds / ours.train_epoch_seconds,
    fisher_derivative_speedup_vs_torch1: tp.fisher_derivative_seconds / ours.fisher_derivative_seconds,
    backbone_forward_vs_torch1: ours.backbone_forward_images_per_s / tb1.backbone_forward_images_per_s,
    backbone_jvp_vs_torch1: ours.backbone_jvp_images_per_s / tb1.backbone_jvp_images_per_s,
    backbone_forward_threads2_vs_torch2: ours.backbone_forward_images_per_s_threads2 / tb2.backbone_forward_images_per_s,
    backbone_jvp_threads2_vs_torch2: ours.backbone_jvp_images_per_s_threads2 / tb2.backbone_jvp_images_per_s,
  };
  if (json) {
    console.log(JSON.stringify({ ...ours, pytorch: { threads1: t1, threads2: t2, pipeline: tp, backbone_threads1: tb1, backbone_threads2: tb2 }, ratios }));
  } else {
    log(`pytorch (${t1.engine}) 1 thread: ${JSON.stringify(t1)}`);
    log(`pytorch 2 threads: ${JSON.stringify(t2)}`);
    log(`pytorch pipeline (bench/torch_pipeline.py), 1 thread: ${JSON.stringify(tp)}`);
    log(`pytorch face-resnet 1 thread: ${JSON.stringify(tb1)}; 2 threads: ${JSON.stringify(tb2)}`);
    for (const [k, v] of Object.entries(ratios)) log(`${k.padEnd(34)} ${v.toFixed(2)}×`);
  }
}

await main(process.argv.slice(2));
