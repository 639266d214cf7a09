import type { Kernels } from "../engine/index.js";
import { decodeAngles } from "../nn/index.js";
import { TRAIN_DEFAULTS } from "./defaults.js";
import { loadRun } from "./loadRun.js";

export interface PredictOptions {
  /** 0-based layer whose activity (after its activation) is returned; default: the output layer */
  readonly layer?: number;
  /** return decoded angles (radians, per the run's encoding) instead of the output activity */
  readonly decode?: boolean;
  readonly kernels?: Kernels;
}

/** Images to feed a network: [N, H, W] or [N, H·W] (e.g. an NPY array), or flat rows. */
export type ImageBatch = Float32Array | { readonly shape: readonly number[]; readonly data: Float32Array | Float64Array };

export interface Prediction {
  /** [N, width of the layer], or [N] for decoded angles */
  readonly shape: number[];
  readonly data: Float32Array | Float64Array;
}

/**
 * Run a finished run's network on images: the activity of `layer` for every image, or with
 * `decode` the decoded angles. Images must be prepared like the training images (grey, 64×64,
 * values as the stimuli produce them, circular mask applied).
 */
export function predict(runDir: string, images: ImageBatch, options: PredictOptions = {}): Prediction {
  const fn = "predict()";
  const run = loadRun(runDir, { kernels: options.kernels });
  const network = run.network;
  try {
    const pixels = network.inputSize;
    const { data, count } = imageRows(fn, images, pixels);
    const last = network.depth - 1;
    const layer = options.layer ?? last;
    if (!Number.isInteger(layer) || layer < 0 || layer > last) {
      throw new Error(`${fn}: layer must be an integer in [0, ${last}] (${last} is the output), got ${layer}`);
    }
    if (options.decode && layer !== last) throw new Error(`${fn}: decode reads the output layer (${last}), but layer ${layer} was asked for; drop one of the two`);
    const width = network.layers[layer].outSize;
    const out = new Float32Array(count * width);
    const batch = TRAIN_DEFAULTS.predictBatch;
    for (let start = 0; start < count; start += batch) {
      const b = Math.min(batch, count - start);
      out.set(network.activity(data.subarray(start * pixels, (start + b) * pixels), b, layer), start * width);
    }
    if (!options.decode) return { shape: [count, width], data: out };
    return { shape: [count], data: decodeAngles(run.config.model.encoding, out, count) };
  } finally {
    network.dispose();
  }
}

function imageRows(fn: string, images: ImageBatch, pixels: number): { data: Float32Array; count: number } {
  if (images instanceof Float32Array) {
    if (images.length === 0 || images.length % pixels !== 0) throw new Error(`${fn}: images hold ${images.length} values, not a positive multiple of the network's ${pixels} pixels per image`);
    checkFinite(fn, images, pixels);
    return { data: images, count: images.length / pixels };
  }
  if (!images || !Array.isArray(images.shape) || !(images.data instanceof Float32Array || images.data instanceof Float64Array)) {
    throw new Error(`${fn}: images must be a Float32Array or { shape, data } (e.g. from readNpy), got ${Object.prototype.toString.call(images)}`);
  }
  const shape = images.shape;
  const perImage = shape.slice(1).reduce((a, b) => a * b, 1);
  if (shape.length < 2 || perImage !== pixels) {
    throw new Error(`${fn}: images have shape [${shape.join(", ")}] but the network reads ${pixels} pixels per image; pass [N, ${Math.sqrt(pixels)}, ${Math.sqrt(pixels)}] or [N, ${pixels}]`);
  }
  const count = shape[0];
  if (count < 1) throw new Error(`${fn}: images hold no image (shape [${shape.join(", ")}])`);
  const data = images.data instanceof Float32Array ? images.data : Float32Array.from(images.data);
  checkFinite(fn, data, pixels);
  return { data, count };
}

function checkFinite(fn: string, data: Float32Array, pixels: number): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error(`${fn}: image ${Math.floor(i / pixels)} holds ${data[i]} at pixel ${i % pixels}; clean the input first`);
  }
}
