/**
 * A frozen backbone in front of the MLP head (config.model.backbone; docs/backbone.md): the head
 * trains on backbone features instead of pixels. Features are computed once and cached on disk,
 * content-addressed: the key is the SHA-256 of the backbone's name, weights and layer and of the
 * rendered images themselves, which are a pure function of the data config, the seed and the epoch
 * (trainingData.ts) — so a rerun, a resumed run, or sweep runs that share data and seed (e.g. over
 * losses or encodings) read the features instead of recomputing them.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { FaceResNet, layerUnits, trainableInputLayer, WEIGHTS_SHA256, type LayerName } from "../backbone/index.js";
import type { Kernels } from "../engine/index.js";
import type { Config } from "../config/index.js";
import { writeFileAtomic } from "../io/index.js";
import type { ChunkRenderer } from "./chunkRenderer.js";
import type { TrainingData } from "./trainingData.js";
import { toBackboneInput } from "./backboneImages.js";
import { renderAngles, runIdentities, type StimulusSource } from "../stimuli/index.js";

export type BackboneSpec = NonNullable<Config["model"]["backbone"]>;

/** Where features are cached: $FISHERLAB_CACHE, else ~/.cache/fisherlab; under backbone-features/. */
export function featureCacheDir(): string {
  const root = process.env.FISHERLAB_CACHE || join(homedir(), ".cache", "fisherlab");
  return join(root, "backbone-features");
}

export interface FeatureMap {
  readonly units: number;
  /** Features [n, units] of grey images [n, height·width] in [0, 1], from the cache when present. */
  features(images: Float32Array, n: number): Float32Array;
  /** Cache hits and misses so far (for the summary and the tests). */
  readonly stats: { hits: number; misses: number };
}

export function backboneFeatureMap(spec: BackboneSpec, height: number, width: number, kernels: Kernels): FeatureMap {
  // with trainable blocks, the features are those of the frozen stage below them (the cache key names that layer)
  const layer: LayerName = spec.trainable_blocks > 0 ? trainableInputLayer(spec.layer, spec.trainable_blocks) : spec.layer;
  const units = layerUnits(layer);
  const dir = featureCacheDir();
  let net: FaceResNet | null = null; // loaded on the first cache miss only
  const stats = { hits: 0, misses: 0 };
  return {
    units,
    stats,
    features(images, n) {
      const key = createHash("sha256").update(JSON.stringify({ backbone: spec.name, weights: WEIGHTS_SHA256, layer, n, height, width }))
        .update(new Uint8Array(images.buffer, images.byteOffset, n * height * width * 4)).digest("hex");
      const path = join(dir, `${key.slice(0, 32)}.f32`);
      if (existsSync(path)) {
        const bytes = readFileSync(path);
        if (bytes.length === n * units * 4) {
          stats.hits++;
          return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
        }
      }
      stats.misses++;
      net ??= FaceResNet.shared(kernels);
      const input = toBackboneInput([n, height, width], images.subarray(0, n * height * width), true);
      const out = net.features(input.data, n, layer);
      mkdirSync(dir, { recursive: true });
      writeFileAtomic(path, Buffer.from(out.buffer, out.byteOffset, out.byteLength));
      return out;
    },
  };
}

/** Per-unit standardisation of a layer: f ↦ (f − mean)·scale. */
export interface FeatureStandardization { readonly mean: Float32Array; readonly scale: Float32Array }

/** Images the standardisation statistics come from: the train split's identities at uniform angles. */
export const STANDARDIZATION_IMAGES = 256;

/**
 * Per-unit mean and 1/sd of the head's layer over STANDARDIZATION_IMAGES images: the train split's
 * identities (cycled) at evenly spaced angles over the domain, noise seed 0. A pure function of the
 * backbone, the layer, data.source and data.split — not of the angle distribution or the run seed —
 * so a run, its fine-tunes and its measurements compute the same numbers (and the feature cache
 * serves them after the first time). Units that do not vary get scale 1.
 */
export function featureStandardization(map: FeatureMap, source: StimulusSource, split: readonly [number, number, number]): FeatureStandardization {
  const n = STANDARDIZATION_IMAGES;
  const ids = runIdentities(source, split, "train");
  const angles = Float64Array.from({ length: n }, (_, i) => source.domain.low + ((source.domain.high - source.domain.low) * i) / n);
  const images = renderAngles(source, angles, Int32Array.from({ length: n }, (_, i) => ids[i % ids.length]), { seed: 0 });
  const f = map.features(images.images, n), u = map.units;
  const mean = new Float32Array(u), scale = new Float32Array(u);
  for (let j = 0; j < u; j++) {
    let s = 0, s2 = 0;
    for (let i = 0; i < n; i++) s += f[i * u + j];
    const m = s / n;
    for (let i = 0; i < n; i++) s2 += (f[i * u + j] - m) ** 2;
    const sd = Math.sqrt(s2 / (n - 1));
    mean[j] = m;
    scale[j] = sd > 1e-6 ? 1 / sd : 1;
  }
  return { mean, scale };
}

/** (f − mean)·scale in place on [n, units] values; tangents (derivatives) take only the scale. */
export function standardizeInPlace(st: FeatureStandardization, f: Float32Array, n: number, tangent = false): Float32Array {
  const u = st.mean.length;
  for (let i = 0; i < n; i++) for (let j = 0; j < u; j++) f[i * u + j] = (f[i * u + j] - (tangent ? 0 : st.mean[j])) * st.scale[j];
  return f;
}

/** A feature map whose features come out standardised (the cache keeps the raw ones). */
export function standardizedMap(map: FeatureMap, st: FeatureStandardization): FeatureMap {
  return { units: map.units, stats: map.stats, features: (images, n) => standardizeInPlace(st, map.features(images, n).slice(), n) };
}

/** The training data with features in place of pixels (val and test sets converted now). */
export function withBackboneFeatures(data: TrainingData, map: FeatureMap): TrainingData {
  const convert = (set: TrainingData["val"]) => ({ ...set, images: map.features(set.images, set.count) });
  return { ...data, pixels: map.units, val: convert(data.val), test: convert(data.test), epochSample: (rng) => data.epochSample(rng) };
}

/** A renderer whose chunks come out as features (the images it renders go through the backbone). */
export function featureRenderer(inner: ChunkRenderer, map: FeatureMap): ChunkRenderer {
  let count = 0;
  return {
    kind: inner.kind,
    get workerSubChunks() { return inner.workerSubChunks; },
    start(sample, indices) { count = indices.length; inner.start(sample, indices); },
    finish() {
      const images = inner.finish();
      try { return map.features(images, count); } finally { inner.release(images); }
    },
    release() {},
    close: () => inner.close(),
  };
}
