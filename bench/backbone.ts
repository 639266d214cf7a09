/**
 * The face ResNet's speed (docs/backbone.md): images per second of the embedding (forward) and of
 * its directional derivative along random image directions (JVP), batches of 32 images of
 * 150×150×3, face-api's weights. bench/torch_backbone.py times the same graph in PyTorch. One
 * thread is timed in CPU seconds (both here and in the PyTorch script), two threads in wall time.
 */
import { bestOf } from "./bestOf.js";
import { runPython } from "./runPython.js";
import { FaceResNet } from "../src/backbone/index.js";
import { createRng, createWasmKernels, type WasmVariant } from "../src/engine/index.js";

export const BACKBONE_BENCH = { images: 128, batch: 32, reps: 3 };

export interface BackboneBench { backbone_forward_images_per_s: number; backbone_jvp_images_per_s: number }

export function benchBackbone(variant: WasmVariant, threads: 1 | 2, images = BACKBONE_BENCH.images): BackboneBench {
  const kernels = createWasmKernels({ variant, threads });
  const net = FaceResNet.load(kernels);
  const rng = createRng(1);
  const x = Float32Array.from({ length: images * 150 * 150 * 3 }, () => rng.uniform());
  const v = Float32Array.from({ length: x.length }, () => rng.normal());
  const { batch, reps } = BACKBONE_BENCH;
  const forward = bestOf(() => net.features(x, images, "embedding", { batch }), reps, { cpuTime: threads === 1 });
  const jvp = bestOf(() => net.jvp(x, v, images, "embedding", { batch }), reps, { cpuTime: threads === 1 });
  kernels.dispose();
  return { backbone_forward_images_per_s: images / forward, backbone_jvp_images_per_s: images / jvp };
}

/** PyTorch's numbers for the same workload (bench/torch_backbone.py). */
export function torchBackbone(python: string, threads: number, images = BACKBONE_BENCH.images): BackboneBench & { engine: string } {
  return runPython<BackboneBench & { engine: string }>(python, "torch_backbone.py", [threads, images]);
}
