import { createRng, type Rng } from "../engine/index.js";
import type { StimulusSource } from "../stimuli/index.js";
import type { ShotNoise } from "./shotNoise.js";
import type { EpochSample } from "./trainingData.js";

export type { ShotNoise };

/**
 * Render rows k = 0..count−1: identity ids[k] at angles[k] into out[k·pixels ..), with the noise
 * of sample samples[k] drawn from createRng(noiseSeed).fork(samples[k]) — a stream per sample, so
 * an image is the same whichever chunk, order or thread renders it (the render worker relies on
 * this to give bit-identical images).
 */
export function renderRows(source: StimulusSource, angles: ArrayLike<number>, ids: ArrayLike<number>, samples: ArrayLike<number>,
  count: number, noiseSeed: number, noise: ShotNoise, out: Float32Array): void {
  const pixels = source.height * source.width;
  const root = createRng(noiseSeed);
  const sd = Math.sqrt(noise.variance);
  for (let k = 0; k < count; k++) {
    const rng = root.fork(samples[k]);
    source.render(ids[k], angles[k], rng, out, k * pixels);
    if (noise.shot > 0 && sd > 0) addShotNoise(out, k * pixels, pixels, noise.shot, sd, source.valueRange, rng);
  }
}

/** Rows of an epoch sample gathered for renderRows(): what a chunk needs, and what the render worker is sent. */
export interface SampleRows {
  /** [count] angles and identities of the rows, in render order */
  readonly angles: Float64Array;
  readonly ids: Int32Array;
  /** [count] the rows' positions in the epoch sample: they pick the noise streams */
  readonly samples: Int32Array;
  readonly count: number;
  readonly noiseSeed: number;
}

/** Gather rows `indices` of `sample` (positions in 0..trainSize−1, in render order). */
export function sampleRows(sample: EpochSample, indices: Int32Array): SampleRows {
  const count = indices.length;
  const angles = new Float64Array(count), ids = new Int32Array(count);
  for (let k = 0; k < count; k++) { angles[k] = sample.angles[indices[k]]; ids[k] = sample.identities[indices[k]]; }
  // a copy: posting a view to the render worker would clone its whole buffer (the epoch's order)
  return { angles, ids, samples: indices.slice(), count, noiseSeed: sample.noiseSeed };
}

/** The original work's shot noise (docs/stimuli.md): each pixel with probability p gets N(0, sd²) added, then clamped to the source's range. */
function addShotNoise(out: Float32Array, offset: number, n: number, p: number, sd: number, range: readonly [number, number], rng: Rng): void {
  const [lo, hi] = range;
  for (let j = offset; j < offset + n; j++) {
    if (rng.uniform() < p) {
      const v = out[j] + sd * rng.normal();
      out[j] = v < lo ? lo : v > hi ? hi : v;
    }
  }
}
