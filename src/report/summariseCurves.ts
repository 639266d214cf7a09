import { replicateMeanSd } from "../math/index.js";
import { onGrid } from "./onGrid.js";
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
  const ys = curves.map((c) => onGrid(c.theta, c.fisher, theta, period));
  const ses = curves.map((c) => (c.stderr ? onGrid(c.theta, c.stderr, theta, period) : null));
  const R = ys.length;
  const { mean, sd } = replicateMeanSd(ys);
  const measurementSe = theta.map((_, i) =>
    ses.every((s) => s !== null) ? Math.sqrt(ses.reduce((a, s) => a + (s as number[])[i] ** 2, 0)) / R : NaN);
  return { theta, curves: ys, mean, sd, measurementSe };
}
