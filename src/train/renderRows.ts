import { createRng, type Rng } from "../engine/index.js";
import type { StimulusSource } from "../stimuli/index.js";

/** config.data.noise: extra shot noise on every rendered image. */
export interface ShotNoise {
  readonly shot: number;
  readonly variance: number;
}

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

/** SCIENCE.md's shot noise: each pixel with probability p gets N(0, sd²) added, then clamped to the source's range. */
function addShotNoise(out: Float32Array, offset: number, n: number, p: number, sd: number, range: readonly [number, number], rng: Rng): void {
  const [lo, hi] = range;
  for (let j = offset; j < offset + n; j++) {
    if (rng.uniform() < p) {
      const v = out[j] + sd * rng.normal();
      out[j] = v < lo ? lo : v > hi ? hi : v;
    }
  }
}
