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
