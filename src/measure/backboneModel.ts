/**
 * A run with a frozen backbone as one network to record from (fisher's ActivityModel): grey
 * images of the run's source → resized RGB (backboneImages.ts) → the face ResNet → the MLP head.
 * Layers, in order: the backbone's 16 stages (conv32_down … embedding, by name), then the head's
 * layers (numbered from 0 as in a plain run; the last is the output). Derivatives are JVPs all the
 * way through (the image tangent is resized like the image: resizing is linear).
 */
import { FaceResNet, LAYER_NAMES, layerIndex, layerUnits, type LayerName, type TrainableTop } from "../backbone/index.js";
import { defaultKernels, type Kernels } from "../engine/index.js";
import type { Config } from "../config/index.js";
import { loadSource, type StimulusSource } from "../stimuli/index.js";
import type { ActivityModel } from "./recordActivity.js";
import {
  backboneFeatureMap, featureStandardization, loadBackboneTop, standardizeInPlace, toBackboneInput, type BackboneSpec, type FeatureStandardization,
} from "../train/index.js";

export class BackboneHeadModel implements ActivityModel {
  readonly layers: { outSize: number }[];
  readonly layerNames: string[];
  /** one angle of identities per JVP pass: the backbone runs its own batches of 32 (src/backbone features.ts) */
  readonly derivativeBatch = 32;
  private readonly net: FaceResNet;
  private readonly stage: number;

  /** `top`: trained blocks that replace face-api's (model.backbone.trainable_blocks > 0); the model keeps a reference, not a copy. */
  constructor(spec: BackboneSpec, readonly head: ActivityModel, private readonly height: number, private readonly width: number, kernels: Kernels,
    top: TrainableTop | null = null, private readonly standardization: FeatureStandardization | null = null) {
    const base = FaceResNet.shared(kernels);
    this.net = top ? new FaceResNet(kernels, top.withTrained(base.params)) : base;
    this.stage = layerIndex(spec.layer);
    this.layers = [...LAYER_NAMES.map((name) => ({ outSize: layerUnits(name) })), ...head.layers.map((l) => ({ outSize: l.outSize }))];
    this.layerNames = [...LAYER_NAMES, ...head.layers.map((_, i) => String(i))];
  }

  /** A backbone layer name, or a head layer (its 0-based index, as a number or a digit string), or "output". */
  resolveLayer(layer: string | number | undefined): number {
    const last = this.layers.length - 1, headDepth = this.head.layers.length;
    if (layer === undefined || layer === "output") return last;
    const k = typeof layer === "number" ? layer : /^\d+$/.test(layer) ? Number(layer) : NaN;
    if (Number.isInteger(k)) {
      if (k < 0 || k >= headDepth) throw new Error(`layer ${layer}: the head has layers 0..${headDepth - 1} (${headDepth - 1} is the output); backbone layers go by name: ${LAYER_NAMES.join(", ")}`);
      return LAYER_NAMES.length + k;
    }
    return layerIndex(String(layer), "layer");
  }

  /** The name a layer index is reported under: a backbone stage's name, or the head index. */
  layerName(index: number): string { return this.layerNames[index]; }

  activity(x: Float32Array, batch: number, layer: number): Float32Array {
    const input = toBackboneInput([batch, this.height, this.width], x, true).data;
    if (layer < LAYER_NAMES.length) return this.net.features(input, batch, LAYER_NAMES[layer]);
    const f = this.net.features(input, batch, LAYER_NAMES[this.stage]);
    if (this.standardization) standardizeInPlace(this.standardization, f, batch);
    return this.head.activity(f, batch, layer - LAYER_NAMES.length);
  }

  jvp(x: Float32Array, v: Float32Array, batch: number, layer = this.layers.length - 1): { y: Float32Array; dy: Float32Array } {
    const shape = [batch, this.height, this.width];
    const input = toBackboneInput(shape, x, true).data, tangent = toBackboneInput(shape, v, false).data;
    const name: LayerName = layer < LAYER_NAMES.length ? LAYER_NAMES[layer] : LAYER_NAMES[this.stage];
    const r = this.net.jvp(input, tangent, batch, name);
    if (layer < LAYER_NAMES.length) return { y: r.values, dy: r.tangents };
    if (this.standardization) { standardizeInPlace(this.standardization, r.values, batch); standardizeInPlace(this.standardization, r.tangents, batch, true); }
    return this.head.jvp(r.values, r.tangents, batch, layer - LAYER_NAMES.length);
  }
}

/**
 * The network a run's measurements record from: the trained MLP itself, or — for a run with a
 * backbone — the backbone and the MLP head together (`source` gives the image size; loaded from
 * the config when absent). A run with trainable backbone blocks needs `runDir`, where they are stored.
 */
export function measuredModel(network: ActivityModel, config: Config, source?: StimulusSource, kernels: Kernels = defaultKernels(),
  runDir?: string): ActivityModel {
  const spec = config.model.backbone;
  if (!spec) return network;
  const s = source ?? loadSource(config.data.source);
  if (spec.trainable_blocks > 0 && runDir === undefined) {
    throw new Error(`measuredModel(): the run trained ${spec.trainable_blocks} backbone blocks; pass its run directory so that they are read from it`);
  }
  // the trained blocks live as long as the process (a measurement's model is not disposed)
  const top = spec.trainable_blocks > 0 ? loadBackboneTop(runDir!, config, kernels) : null;
  // the head's input standardisation: the same pure function of (layer, source, split) as in training
  const st = spec.standardize ? featureStandardization(backboneFeatureMap(spec, s.height, s.width, kernels), s, config.data.split) : null;
  return new BackboneHeadModel(spec, network, s.height, s.width, kernels, top, st);
}
