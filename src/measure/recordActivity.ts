import { matrix, type Matrix } from "../math/index.js";
import type { DerivativeData, TwoClassData } from "../fisher/index.js";
import type { Kernels } from "../engine/index.js";
import { STIMULI_DEFAULTS, checkDerivativeStep, renderAngles, renderWithDerivative, type StimulusSource } from "../stimuli/index.js";

/** What the recorders need from a network (src/nn's `Mlp` has it): layer activity and forward-mode JVPs. */
export interface ActivityModel {
  readonly layers: readonly { readonly outSize: number }[];
  activity(x: Float32Array, batch: number, layer: number): Float32Array;
  jvp(x: Float32Array, v: Float32Array, batch: number, layer?: number): { y: Float32Array; dy: Float32Array };
  /** Optional: the model's kernels and [batch, inputs] buffers in their memory, which it reads without a copy. */
  readonly kernels?: Kernels;
  inputBuffer?(batch: number, which: "x" | "v"): Float32Array;
  /** Networks whose layers have names (a pretrained backbone before a head): name or head index → layer index. */
  resolveLayer?(layer: string | number | undefined): number;
  /** Optional: images per JVP pass of recordDerivatives (default 1024; a backbone batches internally and wants fewer). */
  readonly derivativeBatch?: number;
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
// images per JVP pass of recordDerivatives: whole angles of M identities up to this many (1024 ×
// 4096 floats = 16 MB for the images and as much for their derivatives); larger products run
// closer to the GEMM's peak than 50-image ones
const DERIVATIVE_BATCH = 1024;

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
  return recordDerivatives(model, source, [theta], o, "recordDerivative()")[0];
}

/**
 * recordDerivative() at every angle of `thetas`, batched: the (angle, identity) pairs of several
 * angles are rendered with their derivatives in one kernel call straight into the model's input
 * buffers and go through one JVP pass. The numbers are those of recordDerivative() angle by angle
 * (each angle shows the identities with the same noise indices 0..M−1), up to the float32
 * rounding of a batch's GEMM, which may differ with its size.
 */
export function recordDerivatives(model: ActivityModel, source: StimulusSource, thetas: readonly number[], o: RecordOptions & { step?: number },
  fn = "recordDerivatives()"): (DerivativeData & { responses: Matrix; derivatives: Matrix })[] {
  return [...derivativePasses(model, source, thetas, o, fn)].flat();
}

/**
 * recordDerivatives() one JVP pass at a time: each yielded array holds the angles of one pass, so a
 * caller that estimates and drops them keeps one pass in memory (at a backbone block, 200 angles ×
 * 50 identities × 8 192 units of responses and derivatives would be 1.3 GB).
 */
export function* derivativePasses(model: ActivityModel, source: StimulusSource, thetas: readonly number[], o: RecordOptions & { step?: number },
  fn = "recordDerivatives()"): Generator<(DerivativeData & { responses: Matrix; derivatives: Matrix })[]> {
  const width = checkLayer(fn, model, o.layer);
  const m = o.identities.length;
  if (m < 3) throw new Error(`${fn}: needs ≥ 3 identities, got ${m}`);
  thetas.forEach((t, i) => { if (!Number.isFinite(t)) throw new Error(`${fn}: angles[${i}] must be a finite number (radians), got ${t}`); });
  checkIdentities(fn, source, o.identities);
  const ids = Int32Array.from(o.identities);
  const step = o.step ?? STIMULI_DEFAULTS.derivativeStep;
  checkDerivativeStep(fn, step);
  const pixels = source.height * source.width;
  const perPass = Math.max(1, Math.floor((o.batch ?? model.derivativeBatch ?? DERIVATIVE_BATCH) / m)); // angles per JVP pass
  for (let a0 = 0; a0 < thetas.length; a0 += perPass) {
    const na = Math.min(perPass, thetas.length - a0), b = na * m;
    const x = model.inputBuffer ? model.inputBuffer(b, "x") : new Float32Array(b * pixels);
    const v = model.inputBuffer ? model.inputBuffer(b, "v") : new Float32Array(b * pixels);
    if (source.renderDerivativeBatch) {
      // banks: every pair of the pass in one rotation-kernel call, into the model's buffers
      const pairAngles = new Float64Array(b), pairIds = new Int32Array(b);
      for (let q = 0; q < b; q++) { pairAngles[q] = thetas[a0 + Math.floor(q / m)]; pairIds[q] = ids[q % m]; }
      source.renderDerivativeBatch(pairIds, pairAngles, step, x, v, model.kernels);
    } else {
      for (let a = 0; a < na; a++) {
        // gratings: angle by angle, each showing the identities with noise indices 0..M−1
        const imgs = renderWithDerivative(source, new Float64Array(m).fill(thetas[a0 + a]), ids, { seed: o.seed ?? 0, step });
        x.set(imgs.images, a * m * pixels); v.set(imgs.derivatives, a * m * pixels);
      }
    }
    const { y, dy } = model.jvp(x, v, b, o.layer); // views [b, width]
    const out: (DerivativeData & { responses: Matrix; derivatives: Matrix })[] = [];
    for (let a = 0; a < na; a++) {
      const responses = matrix(m, width), derivatives = matrix(m, width);
      for (let i = 0; i < m * width; i++) { responses.data[i] = y[a * m * width + i]; derivatives.data[i] = dy[a * m * width + i]; }
      out.push({ theta: thetas[a0 + a], responses, derivatives });
    }
    yield out;
  }
}

function checkIdentities(fn: string, source: StimulusSource, ids: ArrayLike<number>): void {
  for (let k = 0; k < ids.length; k++) {
    if (!Number.isInteger(ids[k]) || ids[k] < 0 || ids[k] >= source.identities) {
      throw new Error(`${fn}: identities[${k}] must be an integer in [0, ${source.identities}) for ${source.name}, got ${ids[k]}`);
    }
  }
}
