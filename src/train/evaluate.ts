import { decodeAngles, encodeAngles, type Encoding, type Loss, type Mlp } from "../nn/index.js";
import { sumAbsAngleError } from "./angleError.js";
import { TRAIN_DEFAULTS } from "./defaults.js";
import type { LabelledImages } from "./labelledImages.js";

/** Metrics of a network on a fixed set, in eval mode (no dropout). */
export interface EvalMetrics {
  /** mean loss over the set (the training objective, constraint term included) */
  readonly loss: number;
  /** mean |decoded − true angle| in degrees, wrapped to the encoding's period */
  readonly maeDeg: number;
  /** mean Euclidean norm of the 2-d output */
  readonly outputNorm: number;
}

/** Loss, mean absolute angle error and mean output norm of `network` on `set`. */
export function evaluate(network: Pick<Mlp, "inputSize" | "forward">, loss: Loss, encoding: Encoding, set: LabelledImages, batchSize: number = TRAIN_DEFAULTS.evalBatch): EvalMetrics {
  if (set.count < 1) throw new Error("evaluate(): set must hold at least one image; check data.val_size / data.test_size");
  const inputSize = network.inputSize;
  const target = new Float32Array(2 * batchSize);
  const decoded = new Float64Array(batchSize);
  let lossSum = 0, errorSum = 0, normSum = 0;
  for (let start = 0; start < set.count; start += batchSize) {
    const b = Math.min(batchSize, set.count - start);
    const angles = set.angles.subarray(start, start + b);
    const y = network.forward(set.images.subarray(start * inputSize, (start + b) * inputSize), b); // [b, 2]
    encodeAngles(encoding, angles, target);
    lossSum += loss.evaluate(y, target, b) * b; // evaluate() returns the batch mean
    decodeAngles(encoding, y, b, decoded);
    errorSum += sumAbsAngleError(encoding, decoded, angles, b);
    for (let i = 0; i < b; i++) normSum += Math.hypot(y[2 * i], y[2 * i + 1]);
  }
  return { loss: lossSum / set.count, maeDeg: (errorSum / set.count) * (180 / Math.PI), outputNorm: normSum / set.count };
}
