import { circularMovingAverage } from "../../adapt/index.js";
import { roughness } from "../../math/index.js";

/**
 * Width (grid points, odd) of the moving average that defines the smooth trend of I(θ): 30° of a
 * 360° grid, i.e. a twelfth of the points — wide enough to leave the small-scale structure the
 * original work called roughness, narrow enough to keep the peaks a concentrated p produces.
 */
export function trendWidth(points: number): number {
  const w = Math.max(3, Math.round(points / 12));
  return w % 2 === 1 ? w : w + 1;
}

/** Roughness (mean |Δ log I| between neighbours) of I(θ) divided by its 30° moving average: the small-scale part only. */
export function smallScaleRoughness(fisher: readonly number[]): number {
  const trend = circularMovingAverage(fisher, trendWidth(fisher.length));
  return roughness(fisher.map((v, i) => v / trend[i]), true);
}

/**
 * The estimator's noise floor for that roughness: the same network measured on bootstrap resamples
 * of its identities; the mean over resamples of the roughness of I_boot(θ)/I(θ). A curve whose
 * roughness is only measurement noise has roughness near this floor; real structure lies above it.
 */
export function roughnessNoiseFloor(fisher: readonly number[], bootstraps: readonly (readonly number[])[]): number {
  if (bootstraps.length === 0) return NaN;
  return bootstraps.reduce((s, b) => s + roughness(b.map((v, i) => v / fisher[i]), true), 0) / bootstraps.length;
}
