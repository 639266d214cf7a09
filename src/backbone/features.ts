/**
 * Reading a layer of FaceRecognitionNet for a set of images, in batches (memory bounded by the
 * batch, not by the number of images), and its forward-mode derivative along image tangents.
 */
import { defaultKernels, type Kernels } from "../engine/index.js";
import { loadFaceResNetParams } from "./faceApiWeights.js";
import { INPUT_SIZE, inputAct, layerIndex, layerUnits, runStages, type FaceResNetParams, type LayerName } from "./faceResNet.js";
import { freeAct } from "./layers.js";

export interface FeatureOptions {
  /** Images per forward pass (default 32: ~100 MB of activations in a JVP). */
  batch?: number;
  /** Called after each batch with the number of images done. */
  onProgress?: (done: number, total: number) => void;
}

const DEFAULT_BATCH = 32; // the benchmark's batch; larger batches gain little (the GEMMs are already long)
const IMAGE_FLOATS = INPUT_SIZE * INPUT_SIZE * 3;

export class FaceResNet {
  readonly name = "face-resnet";
  constructor(readonly kernels: Kernels, readonly params: FaceResNetParams) {}

  /** The network with face-api's weights from node_modules (no network access). */
  static load(kernels: Kernels = defaultKernels(), dir?: string): FaceResNet {
    return new FaceResNet(kernels, loadFaceResNetParams(kernels, dir));
  }

  /** Layer `layer` for n images [n, 150, 150, 3] in [0, 1] → [n, units]. */
  features(images: Float32Array, n: number, layer: LayerName | string, options: FeatureOptions = {}): Float32Array {
    return this.run(images, null, n, layer, options).values;
  }

  /**
   * Layer values and their directional derivatives J·t for tangents t [n, 150, 150, 3] (one per
   * image): one stacked forward pass per batch (act.ts), so about twice a forward's cost.
   */
  jvp(images: Float32Array, tangents: Float32Array, n: number, layer: LayerName | string, options: FeatureOptions = {}): { values: Float32Array; tangents: Float32Array } {
    const r = this.run(images, tangents, n, layer, options);
    return { values: r.values, tangents: r.tangents! };
  }

  private run(images: Float32Array, tangents: Float32Array | null, n: number, layer: string, options: FeatureOptions) {
    const stage = layerIndex(layer);
    if (images.length !== n * IMAGE_FLOATS) throw new Error(`face-resnet: images must be [${n}, 150, 150, 3] (${n * IMAGE_FLOATS} values), got ${images.length}`);
    if (tangents && tangents.length !== images.length) throw new Error(`face-resnet: tangents must have the images' shape, got ${tangents.length} values for ${images.length}`);
    const batch = options.batch ?? DEFAULT_BATCH;
    const units = layerUnits(layer as LayerName);
    const values = new Float32Array(n * units), dvalues = tangents ? new Float32Array(n * units) : null;
    const k = this.kernels;
    for (let b0 = 0; b0 < n; b0 += batch) {
      const nb = Math.min(batch, n - b0);
      const x = inputAct(k, images.subarray(b0 * IMAGE_FLOATS, (b0 + nb) * IMAGE_FLOATS), nb,
        tangents ? tangents.subarray(b0 * IMAGE_FLOATS, (b0 + nb) * IMAGE_FLOATS) : undefined);
      const y = runStages(k, this.params, x, -1, stage);
      freeAct(k, x);
      values.set(y.data.subarray(0, nb * units), b0 * units);
      if (dvalues) dvalues.set(y.data.subarray(nb * units, 2 * nb * units), b0 * units);
      freeAct(k, y);
      options.onProgress?.(b0 + nb, n);
    }
    return { values, tangents: dvalues };
  }
}
