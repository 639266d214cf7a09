import { matrix, selectRows, type Matrix } from "../math/index.js";
import type { DerivativeData } from "./derivative.js";
import { toMatrix, type Activity } from "./activity.js";
import type { FisherEstimate } from "./estimate.js";
import type { TwoClassData } from "./twoClass.js";

/** Any two-class estimator (sampling, linearDecoder, robustDiscrimination, nonlinearDecoder). */
export interface TwoClassEstimator {
  method: string;
  estimate(data: TwoClassData): FisherEstimate;
}

/**
 * Split recorded responses (trials × units) by stimulus value and pair adjacent distinct values:
 * with two values one pair at their midpoint, with more one pair per neighbouring pair of values
 * (δ = their difference). This is how `fisherlab fisher --responses` feeds the two-class estimators.
 */
export function stimulusPairs(responses: Activity, stimuli: ArrayLike<number>): TwoClassData[] {
  const fn = "stimulusPairs()";
  const x = toMatrix(fn, "responses", responses);
  if (stimuli.length !== x.rows) throw new Error(`${fn}: stimuli has ${stimuli.length} values but responses has ${x.rows} trials; pass one stimulus value per trial`);
  for (let i = 0; i < stimuli.length; i++) if (!Number.isFinite(stimuli[i])) throw new Error(`${fn}: stimuli must be finite, got ${stimuli[i]} at trial ${i}`);
  const values = Array.from(new Set(Array.from(stimuli))).sort((a, b) => a - b);
  if (values.length < 2) throw new Error(`${fn}: needs at least two distinct stimulus values, got ${values.length} (${values[0]}); record responses at θ − δ/2 and θ + δ/2`);
  const byValue = new Map<number, number[]>(values.map((v) => [v, []]));
  for (let t = 0; t < x.rows; t++) byValue.get(stimuli[t])!.push(t);
  const classes = new Map<number, Matrix>();
  for (const [v, rows] of byValue) {
    const m = matrix(rows.length, x.cols);
    rows.forEach((t, r) => m.data.set(x.data.subarray(t * x.cols, (t + 1) * x.cols), r * x.cols));
    classes.set(v, m);
  }
  return values.slice(1).map((hi, k) => {
    const lo = values[k];
    return { theta: 0.5 * (lo + hi), delta: hi - lo, low: classes.get(lo)!, high: classes.get(hi)! };
  });
}

/** Run a two-class estimator on every adjacent stimulus pair. */
export function estimateFromResponses(estimator: TwoClassEstimator, responses: Activity, stimuli: ArrayLike<number>): FisherEstimate[] {
  return stimulusPairs(responses, stimuli).map((pair) => estimator.estimate(pair));
}

/**
 * Recorded responses and their θ-derivatives (same shape, trials × units) for `derivative()`: rows
 * with the same stimulus value form one estimate at that value (ascending); without stimuli all
 * rows are one estimate at θ = 0. This is how `fisherlab fisher --derivatives` feeds it.
 */
export function derivativeGroups(responses: Activity, derivatives: Activity, stimuli?: ArrayLike<number>): DerivativeData[] {
  const fn = "derivativeGroups()";
  const r = toMatrix(fn, "responses", responses), d = toMatrix(fn, "derivatives", derivatives);
  if (r.rows !== d.rows || r.cols !== d.cols) {
    throw new Error(`${fn}: responses and derivatives must have the same shape (trials × units), got ${r.rows}×${r.cols} and ${d.rows}×${d.cols}`);
  }
  if (stimuli === undefined) return [{ theta: 0, responses: r, derivatives: d }];
  if (stimuli.length !== r.rows) throw new Error(`${fn}: stimuli has ${stimuli.length} values but responses has ${r.rows} trials; pass one stimulus value per trial`);
  const rows = new Map<number, number[]>();
  for (let t = 0; t < stimuli.length; t++) {
    if (!Number.isFinite(stimuli[t])) throw new Error(`${fn}: stimuli must be finite, got ${stimuli[t]} at trial ${t}`);
    const list = rows.get(stimuli[t]);
    if (list) list.push(t); else rows.set(stimuli[t], [t]);
  }
  return [...rows.keys()].sort((a, b) => a - b).map((theta) => ({
    theta, responses: selectRows(r, rows.get(theta)!), derivatives: selectRows(d, rows.get(theta)!),
  }));
}
