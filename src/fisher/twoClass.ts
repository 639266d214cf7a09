import { toMatrix, checkPair, type Activity } from "./activity.js";
import type { Matrix } from "../math/index.js";

/** Activity at θ − δ/2 (`low`) and θ + δ/2 (`high`): the input of every discrimination estimator. */
export interface TwoClassData {
  theta: number;
  delta: number;
  low: Activity;
  high: Activity;
}

/** Validated two-class data in float64. */
export interface TwoClassMatrices {
  theta: number;
  delta: number;
  low: Matrix;
  high: Matrix;
}

export function validateTwoClass(fn: string, data: TwoClassData, minTrials = 2): TwoClassMatrices {
  if (!Number.isFinite(data.theta)) throw new Error(`${fn}: theta must be a finite number, got ${data.theta}`);
  if (!(Number.isFinite(data.delta) && data.delta > 0)) throw new Error(`${fn}: delta must be > 0, got ${data.delta}; pass the stimulus difference between high and low`);
  const low = toMatrix(fn, "low", data.low), high = toMatrix(fn, "high", data.high);
  checkPair(fn, low, high, minTrials);
  return { theta: data.theta, delta: data.delta, low, high };
}

/**
 * True when every unit takes one value across all trials of both classes: the two classes are
 * then the same point, indistinguishable, and I = 0 exactly. A trained decoder would still read
 * differences between its folds as signal (it reported I ≈ 18 ± 51 on constant input).
 */
export function constantAcrossClasses(low: Matrix, high: Matrix): boolean {
  const n = low.cols;
  for (let j = 0; j < n; j++) {
    const v = low.data[j];
    for (let t = 0; t < low.rows; t++) if (low.data[t * n + j] !== v) return false;
    for (let t = 0; t < high.rows; t++) if (high.data[t * n + j] !== v) return false;
  }
  return true;
}
