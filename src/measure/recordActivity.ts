import { matrix, type Matrix } from "../math/index.js";
import type { DerivativeData, TwoClassData } from "../fisher/index.js";
import { renderAngles, renderWithDerivative, type StimulusSource } from "../stimuli/index.js";

/** What the recorders need from a network (src/nn's `Mlp` has it): layer activity and forward-mode JVPs. */
export interface ActivityModel {
  readonly layers: readonly { readonly outSize: number }[];
  activity(x: Float32Array, batch: number, layer: number): Float32Array;
  jvp(x: Float32Array, v: Float32Array, batch: number, layer?: number): { y: Float32Array; dy: Float32Array };
}

export interface RecordOptions {
  /** 0-based layer (the last is the output), as `fisherlab predict --layer` */
  layer: number;
  /** identities to show, cycled in order (e.g. the test split) */
  identities: ArrayLike<number>;
  /** seed of the rendering noise (gratings' shot noise) */
  seed?: number;
  /** images per forward call */
  batch?: number;
}

const BATCH = 256; // images per forward call: 256 × 4096 floats = 4 MB of staging

function checkLayer(fn: string, model: ActivityModel, layer: number): number {
  const last = model.layers.length - 1;
  if (!Number.isInteger(layer) || layer < 0 || layer > last) throw new Error(`${fn}: layer must be an integer in [0, ${last}] (${last} is the output), got ${layer}`);
  return model.layers[layer].outSize;
}

/**
 * Activity of `layer` for `samples` images at θ − δ/2 and `samples` at θ + δ/2: the input of the
 * two-class estimators (sampling, decoders, robust). The estimators assume independent classes,
 * so the two classes use disjoint identities (alternate entries of `identities`) and disjoint
 * rendering-noise indices; showing the same identities at both angles would make Δμ a paired
 * difference and the sampling bias correction would over-subtract. A class with more samples
 * than identities repeats identities, which for a noiseless bank duplicates images: refused.
 */
export function recordPair(model: ActivityModel, source: StimulusSource, theta: number, delta: number, samples: number, o: RecordOptions): TwoClassData & { low: Matrix; high: Matrix } {
  const fn = "recordPair()";
  const width = checkLayer(fn, model, o.layer);
  if (!(delta > 0)) throw new Error(`${fn}: delta must be > 0, got ${delta}`);
  if (!(Number.isInteger(samples) && samples >= 2)) throw new Error(`${fn}: samples must be an integer ≥ 2, got ${samples}`);
  if (o.identities.length === 0) throw new Error(`${fn}: identities must not be empty`);
  const many = o.identities.length > 1;
  const pool = (parity: number) => many ? Array.from(o.identities).filter((_, i) => i % 2 === parity) : Array.from(o.identities);
  const pools = [pool(0), pool(1)];
  if (many && samples > pools[1].length) {
    throw new Error(`${fn}: ${samples} samples per class but only ${pools[1].length} identities per class (${o.identities.length} split in halves); use samples ≤ ${pools[1].length}, a larger split, or the derivative method`);
  }
  const record = (angle: number, first: number, ids0: number[]): Matrix => {
    const out = matrix(samples, width);
    const step = o.batch ?? BATCH;
    for (let start = 0; start < samples; start += step) {
      const b = Math.min(step, samples - start);
      const ids = Int32Array.from({ length: b }, (_, k) => ids0[(start + k) % ids0.length]);
      const imgs = renderAngles(source, new Float64Array(b).fill(angle), ids, { seed: o.seed ?? 0, firstIndex: first + start });
      const act = model.activity(imgs.images, b, o.layer); // [b, width], a view: copy now
      for (let i = 0; i < b * width; i++) out.data[start * width + i] = act[i];
    }
    return out;
  };
  return { theta, delta, low: record(theta - delta / 2, 0, pools[0]), high: record(theta + delta / 2, samples, pools[1]) };
}

/**
 * Per-identity activity r_j(θ) and its θ-derivative dr_j/dθ = J_r(x_j)·dx_j/dθ, a JVP of the
 * network at `layer` along the rotation derivative of the image (central difference from
 * src/stimuli `renderWithDerivative`): the input of `derivative()` (docs/estimators.md, `derivative`; Kanitscheider et al. 2015).
 */
export function recordDerivative(model: ActivityModel, source: StimulusSource, theta: number, o: RecordOptions & { step?: number }): DerivativeData & { responses: Matrix; derivatives: Matrix } {
  const fn = "recordDerivative()";
  const width = checkLayer(fn, model, o.layer);
  const m = o.identities.length;
  if (m < 3) throw new Error(`${fn}: needs ≥ 3 identities, got ${m}`);
  const responses = matrix(m, width), derivatives = matrix(m, width);
  // rendered in one call: renderWithDerivative forks grating noise by position in the call, so
  // rendering in pieces would repeat noise instances
  const imgs = renderWithDerivative(source, new Float64Array(m).fill(theta), Int32Array.from(o.identities), { seed: o.seed ?? 0, step: o.step });
  const pixels = source.height * source.width;
  const step = o.batch ?? BATCH;
  for (let start = 0; start < m; start += step) {
    const b = Math.min(step, m - start);
    const { y, dy } = model.jvp(imgs.images.subarray(start * pixels, (start + b) * pixels),
      imgs.derivatives.subarray(start * pixels, (start + b) * pixels), b, o.layer); // views [b, width]
    for (let i = 0; i < b * width; i++) { responses.data[start * width + i] = y[i]; derivatives.data[start * width + i] = dy[i]; }
  }
  return { theta, responses, derivatives };
}

