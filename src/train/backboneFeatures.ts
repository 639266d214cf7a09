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
