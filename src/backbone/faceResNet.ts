/**
 * face-api's FaceRecognitionNet, a ResNet-34-style network (dlib's face-recognition ResNet;
 * docs/backbone.md): 150×150×3 RGB in [0, 1] minus the training mean; the stem (7×7/2 valid
 * conv, scale, ReLU, 3×3/2 max-pool); fifteen residual blocks; the global mean; a 256 → 128 fully
 * connected layer without bias, the embedding.
 *
 * Layers one can read out (`LAYER_NAMES`): the stem ("conv32_down", after its max-pool), each
 * block by its weight-file name, and "embedding". Values are flattened NHWC per image.
 */
import type { Kernels } from "../engine/index.js";
import type { Act } from "./act.js";
import { allocAct, convForward, denseForward, freeAct, globalMeanForward, maxPoolForward, reluInPlace, type ConvParams } from "./layers.js";
import { residualForward, type ResidualParams } from "./residual.js";

export const INPUT_SIZE = 150;
/** RGB mean of dlib's training faces on a 0–255 scale, subtracted before ÷255 (face-api's normalisation). */
export const MEAN_RGB = [122.782, 117.001, 104.298] as const;

export const BLOCK_NAMES = [
  "conv32_1", "conv32_2", "conv32_3",
  "conv64_down", "conv64_1", "conv64_2", "conv64_3",
  "conv128_down", "conv128_1", "conv128_2",
  "conv256_down", "conv256_1", "conv256_2", "conv256_down_out",
] as const;
/** Stages in order: the stem, the blocks, then the embedding (global mean + fully connected). */
export const LAYER_NAMES = ["conv32_down", ...BLOCK_NAMES, "embedding"] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

export interface FaceResNetParams {
  stem: ConvParams;
  blocks: ResidualParams[];
  /** [256, 128] */
  fc: Float32Array;
}

/** Output shape [h, w, c] of each layer for a 150×150 input (checked by the tests against a forward pass). */
export const LAYER_SHAPES: Record<LayerName, [number, number, number]> = {
  conv32_down: [35, 35, 32], conv32_1: [35, 35, 32], conv32_2: [35, 35, 32], conv32_3: [35, 35, 32],
  conv64_down: [17, 17, 64], conv64_1: [17, 17, 64], conv64_2: [17, 17, 64], conv64_3: [17, 17, 64],
  conv128_down: [8, 8, 128], conv128_1: [8, 8, 128], conv128_2: [8, 8, 128],
  conv256_down: [4, 4, 256], conv256_1: [4, 4, 256], conv256_2: [4, 4, 256], conv256_down_out: [2, 2, 256],
  embedding: [1, 1, 128],
};

export const layerUnits = (layer: LayerName): number => LAYER_SHAPES[layer].reduce((a, b) => a * b, 1);

/** Index of a layer in the stage order; a one-line error naming the valid names otherwise. */
export function layerIndex(layer: string, where = "face-resnet"): number {
  const i = (LAYER_NAMES as readonly string[]).indexOf(layer);
  if (i < 0) throw new Error(`${where}: layer ${JSON.stringify(layer)} does not exist; use one of ${LAYER_NAMES.join(", ")}`);
  return i;
}

/**
 * Runs stages from+1 … to on x (x is the output of stage `from`, or the normalised input when
 * from = −1) and returns stage `to`'s output; intermediates are freed, x is not.
 */
export function runStages(k: Kernels, p: FaceResNetParams, x: Act, from: number, to: number): Act {
  let cur = x;
  const step = (next: Act) => { if (cur !== x) freeAct(k, cur); cur = next; };
  for (let s = from + 1; s <= to; s++) {
    if (s === 0) {
      const c = convForward(k, p.stem, cur);
      reluInPlace(k, c);
      const pooled = maxPoolForward(k, c, 3, 2);
      freeAct(k, c);
      step(pooled);
    } else if (s <= BLOCK_NAMES.length) {
      step(residualForward(k, p.blocks[s - 1], cur).y);
    } else {
      const g = globalMeanForward(k, cur);
      step(denseForward(k, g, p.fc, 128));
      freeAct(k, g);
    }
  }
  return cur;
}

/**
 * Normalised network input in the kernels' memory: images [n, 150, 150, 3] in [0, 1] → x − mean/255;
 * with tangents (same shape), a stacked batch whose second half holds them unchanged (the
 * normalisation is a shift).
 */
export function inputAct(k: Kernels, images: Float32Array, n: number, tangents?: Float32Array): Act {
  const px = INPUT_SIZE * INPUT_SIZE;
  const a = allocAct(k, tangents ? 2 * n : n, INPUT_SIZE, INPUT_SIZE, 3, n, true); // every value written below
  const d = a.data;
  const m0 = MEAN_RGB[0] / 255, m1 = MEAN_RGB[1] / 255, m2 = MEAN_RGB[2] / 255;
  for (let i = 0, o = 0; i < n * px; i++, o += 3) {
    d[o] = images[o] - m0; d[o + 1] = images[o + 1] - m1; d[o + 2] = images[o + 2] - m2;
  }
  if (tangents) d.set(tangents.subarray(0, n * px * 3), n * px * 3);
  return a;
}
