/**
 * The face ResNet's speed (docs/backbone.md): images per second of the embedding (forward) and of
 * its directional derivative along random image directions (JVP), batches of 32 images of
 * 150×150×3, face-api's weights. bench/torch_backbone.py times the same graph in PyTorch. One
 * thread is timed in CPU seconds (both here and in the PyTorch script), two threads in wall time.
 */
import { runPython } from "./runPython.js";
import { FaceResNet } from "../src/backbone/index.js";
import { createRng, createWasmKernels, type WasmVariant } from "../src/engine/index.js";

export const BACKBONE_BENCH = { images: 128, batch: 32, reps: 3 };

export interface BackboneBench { backbone_forward_images_per_s: number; backbone_jvp_images_per_s: number }

/**
 * Best of `reps` after a warm-up, in seconds: CPU time of this process with one thread (the
 * per-thread speed, robust to other processes sharing the cores), wall time with two.
 */
function bestOf(fn: () => void, reps: number, cpuTime: boolean): number {
  const clock = cpuTime ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; } : () => performance.now() / 1000;
  fn();
  let best = Infinity;
  for (let r = 0; r < reps; r++) { const t0 = clock(); fn(); best = Math.min(best, clock() - t0); }
  return best;
}

export function benchBackbone(variant: WasmVariant, threads: 1 | 2, images = BACKBONE_BENCH.images): BackboneBench {
  const kernels = createWasmKernels({ variant, threads });
  const net = FaceResNet.load(kernels);
  const rng = createRng(1);
  const x = Float32Array.from({ length: images * 150 * 150 * 3 }, () => rng.uniform());
  const v = Float32Array.from({ length: x.length }, () => rng.normal());
  const { batch, reps } = BACKBONE_BENCH;
  const forward = bestOf(() => net.features(x, images, "embedding", { batch }), reps, threads === 1);
  const jvp = bestOf(() => net.jvp(x, v, images, "embedding", { batch }), reps, threads === 1);
  kernels.dispose();
  return { backbone_forward_images_per_s: images / forward, backbone_jvp_images_per_s: images / jvp };
}

/** PyTorch's numbers for the same workload (bench/torch_backbone.py). */
export function torchBackbone(python: string, threads: number, images = BACKBONE_BENCH.images): BackboneBench & { engine: string } {
  return runPython<BackboneBench & { engine: string }>(python, "torch_backbone.py", [threads, images]);
}
