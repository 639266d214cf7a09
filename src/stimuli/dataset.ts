import { createRng, type Rng } from "../engine/index.js";
import type { AngleDistribution } from "./distribution.js";
import { domainLength } from "./domain.js";
import type { StimulusSource } from "./source.js";
import { type SplitName, splitIdentities } from "./split.js";
import { STIMULI_DEFAULTS } from "./defaults.js";
import { checkDerivativeStep } from "./rotate.js";

/** A batch of stimuli: images [count, height·width] (row-major), their angles and identities. */
export interface Batch {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** [count, height·width] */
  readonly images: Float32Array;
  readonly angles: Float64Array;
  readonly identities: Int32Array;
}

export interface DatasetOptions {
  source: StimulusSource;
  split: SplitName;
  distribution: AngleDistribution;
  /** number of samples */
  size: number;
  seed: number;
  /** seed of the identity split (default STIMULI_DEFAULTS.splitSeed) */
  splitSeed?: number;
}

/**
 * A lazily generated dataset: sample i shows identity ids[i mod m] of the split (split order,
 * cycling) at an angle drawn from the distribution. Nothing is stored but the split, so memory is
 * flat for 10⁶ samples; any range can be generated in any order with identical results:
 * angles come in blocks of STIMULI_DEFAULTS.angleBlock from streams forked by block index, and
 * sample i's grating noise from a stream forked by i.
 */
export interface Dataset {
  readonly source: StimulusSource;
  readonly split: SplitName;
  readonly size: number;
  readonly seed: number;
  /** the split's identities in split order */
  readonly identities: Int32Array;
  /** angles of samples start .. start + count − 1 */
  angles(start: number, count: number): Float64Array;
  /** samples start .. start + count − 1 */
  batch(start: number, count: number): Batch;
  /** consecutive batches covering the dataset (the last one may be shorter) */
  batches(batchSize: number): Generator<Batch>;
}

export function createDataset(options: DatasetOptions): Dataset {
  const { source, split, distribution, size, seed } = options;
  const fn = "createDataset()";
  if (!Number.isInteger(size) || size < 1) throw new Error(`${fn}: size must be an integer >= 1, got ${size}`);
  if (!Number.isFinite(seed)) throw new Error(`${fn}: seed must be a finite number, got ${seed}`);
  checkDomains(fn, source, distribution);
  const identities = splitIdentities(source.identities, split, options.splitSeed);
  const root = createRng(seed);
  const angleRng = root.fork("angles"), noiseRng = root.fork("noise");
  const block = STIMULI_DEFAULTS.angleBlock;
  let cached: { index: number; values: Float64Array } | undefined;
  const blockAngles = (b: number): Float64Array => {
    if (cached?.index !== b) cached = { index: b, values: distribution.sample(block, angleRng.fork(b)) };
    return cached.values;
  };
  const checkRange = (start: number, count: number): void => {
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > size) {
      throw new Error(`${fn}: range [${start}, ${start + count}) must lie within the dataset's ${size} samples`);
    }
  };
  const angles = (start: number, count: number): Float64Array => {
    checkRange(start, count);
    const out = new Float64Array(count);
    for (let k = 0; k < count; k++) { const i = start + k; out[k] = blockAngles(Math.floor(i / block))[i % block]; }
    return out;
  };
  const batch = (start: number, count: number): Batch => {
    const a = angles(start, count);
    const ids = new Int32Array(count);
    for (let k = 0; k < count; k++) ids[k] = identities[(start + k) % identities.length];
    return renderBatch(source, a, ids, (k) => noiseRng.fork(start + k));
  };
  return {
    source, split, size, seed, identities, angles, batch,
    *batches(batchSize: number) {
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`${fn}: batchSize must be an integer >= 1, got ${batchSize}`);
      for (let start = 0; start < size; start += batchSize) yield batch(start, Math.min(batchSize, size - start));
    },
  };
}

/**
 * Render explicit (identity, angle) pairs: images[k] = identity ids[k] at angles[k]. Grating noise
 * for pair k comes from createRng(seed).fork("noise").fork(firstIndex + k), so it is fresh per
 * image and reproducible, and a long list rendered in pieces (firstIndex = piece start) gives the
 * same images as in one call.
 */
export function renderAngles(source: StimulusSource, angles: ArrayLike<number>, identities: ArrayLike<number>,
  options: { seed?: number; firstIndex?: number } = {}): Batch {
  checkPairs("renderAngles()", source, angles, identities);
  const noise = createRng(options.seed ?? 0).fork("noise"), first = options.firstIndex ?? 0;
  return renderBatch(source, Float64Array.from(angles), Int32Array.from(identities), (k) => noise.fork(first + k));
}

/**
 * Images and their θ-derivatives for explicit (identity, angle) pairs, as the Fisher estimators
 * need (x_j(θ) and dx_j/dθ; docs/estimators.md, `derivative`). The derivative is the central difference
 * (x(θ + step) − x(θ − step)) / (2·step), default step STIMULI_DEFAULTS.derivativeStep; for
 * gratings the same noise instance is used at θ − step, θ and θ + step, so dx/dθ is the
 * derivative at fixed noise; the noise of pair k is that of renderAngles with the same seed and
 * firstIndex.
 */
export function renderWithDerivative(source: StimulusSource, angles: ArrayLike<number>, identities: ArrayLike<number>,
  options: { step?: number; seed?: number; firstIndex?: number } = {}): Batch & { derivatives: Float32Array } {
  const fn = "renderWithDerivative()";
  const step = options.step ?? STIMULI_DEFAULTS.derivativeStep;
  checkDerivativeStep(fn, step);
  checkPairs(fn, source, angles, identities);
  const noise = createRng(options.seed ?? 0).fork("noise"), first = options.firstIndex ?? 0;
  const a = Float64Array.from(angles), ids = Int32Array.from(identities);
  const base = renderBatch(source, a, ids, (k) => noise.fork(first + k));
  const size = source.height * source.width;
  const plus = new Float32Array(size), minus = new Float32Array(size);
  const derivatives = new Float32Array(a.length * size); // [count, height·width]
  for (let k = 0; k < a.length; k++) {
    source.render(ids[k], a[k] + step, noise.fork(first + k), plus, 0);
    source.render(ids[k], a[k] - step, noise.fork(first + k), minus, 0);
    for (let p = 0; p < size; p++) derivatives[k * size + p] = (plus[p] - minus[p]) / (2 * step);
  }
  return { ...base, derivatives };
}

function renderBatch(source: StimulusSource, angles: Float64Array, ids: Int32Array, rngFor: (k: number) => Rng): Batch {
  const size = source.height * source.width;
  const images = new Float32Array(angles.length * size); // [count, height·width]
  for (let k = 0; k < angles.length; k++) source.render(ids[k], angles[k], rngFor(k), images, k * size);
  return { count: angles.length, height: source.height, width: source.width, images, angles, identities: ids };
}

function checkPairs(fn: string, source: StimulusSource, angles: ArrayLike<number>, identities: ArrayLike<number>): void {
  if (angles.length !== identities.length) {
    throw new Error(`${fn}: angles and identities must have the same length, got ${angles.length} and ${identities.length}; pair every angle with an identity`);
  }
  for (let k = 0; k < angles.length; k++) {
    if (!Number.isFinite(angles[k])) throw new Error(`${fn}: angles[${k}] must be a finite number (radians), got ${angles[k]}`);
    const id = identities[k];
    if (!Number.isInteger(id) || id < 0 || id >= source.identities) {
      throw new Error(`${fn}: identities[${k}] must be an integer in [0, ${source.identities}) for ${source.name}, got ${id}`);
    }
  }
}

function checkDomains(fn: string, source: StimulusSource, distribution: AngleDistribution): void {
  const d = distribution.domain;
  if (d.circular && Math.abs(domainLength(d) - domainLength(source.domain)) > 1e-12) {
    throw new Error(`${fn}: the distribution lives on the '${d.name}' domain but ${source.name} is ${source.domain.name === "gratings" ? "π" : "2π"}-periodic ('${source.domain.name}'); build the distribution on source.domain`);
  }
}
