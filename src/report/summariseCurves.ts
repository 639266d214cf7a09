import { interpolateCircular } from "./circular.js";
import type { FisherCurve } from "./reportData.js";

/** Replicate curves of one condition on one grid, with the two kinds of spread kept apart. */
export interface CurveSummary {
  /** The common grid (the first curve's θ), radians. */
  theta: number[];
  /** Each replicate's I(θ) on that grid. */
  curves: number[][];
  /** Replicate mean of I(θ). */
  mean: number[];
  /** Replicate standard deviation (network-to-network variation); NaN with one replicate. */
  sd: number[];
  /**
   * Standard error of the replicate mean due to the estimator alone (measurement noise):
   * √(Σ se_r²)/R, assuming independent measurements; NaN when stderr is missing.
   */
  measurementSe: number[];
}

/**
 * Put a condition's replicate curves on one grid (the first curve's; others are interpolated
 * circularly with `period` if their grid differs) and compute mean, replicate sd, and the
 * estimator's standard error of the mean.
 */
export function summariseCurves(curves: readonly FisherCurve[], period: number): CurveSummary {
  if (curves.length === 0) throw new Error("summariseCurves(): need at least one curve");
  const theta = curves[0].theta.slice();
  const same = (c: FisherCurve) => c.theta.length === theta.length && c.theta.every((t, i) => Math.abs(t - theta[i]) < 1e-9);
  const onGrid = (c: FisherCurve, v: number[]) => (same(c) ? v.slice() : interpolateCircular(c.theta, v, theta, period));
  const ys = curves.map((c) => onGrid(c, c.fisher));
  const ses = curves.map((c) => (c.stderr ? onGrid(c, c.stderr) : null));
  const R = ys.length;
  const mean = theta.map((_, i) => ys.reduce((a, y) => a + y[i], 0) / R);
  const sd = theta.map((_, i) => (R > 1 ? Math.sqrt(ys.reduce((a, y) => a + (y[i] - mean[i]) ** 2, 0) / (R - 1)) : NaN));
  const measurementSe = theta.map((_, i) =>
    ses.every((s) => s !== null) ? Math.sqrt(ses.reduce((a, s) => a + (s as number[])[i] ** 2, 0)) / R : NaN);
  return { theta, curves: ys, mean, sd, measurementSe };
}
