import { fourierHighPass } from "../math/index.js";

/**
 * Where the study's "small scale" begins: structure finer than 1/8 of the domain (45° on rotated
 * images), i.e. the Fourier harmonics above 8 of a curve over the circle. The original work's
 * adaptation loop smoothed I over ≈ 31 of 500 grid points (22°), so harmonics 9-16 are scales the
 * loop still acts on and the rest are below its smoothing.
 */
export const SMALL_SCALE_HARMONICS = 8;

/**
 * Bias-corrected Fisher estimates can be ≤ 0 where I is small; before taking logs they are floored
 * at this fraction of the curve's mean (the adaptation loop's floor, docs/adaptation.md).
 */
export const LOG_FLOOR_FRACTION = 1e-3;

/** ln of a positive curve, each value floored at LOG_FLOOR_FRACTION of the curve's mean. */
export function logCurve(values: readonly number[]): number[] {
  const finite = values.filter(Number.isFinite);
  const mean = finite.reduce((a, b) => a + b, 0) / Math.max(1, finite.length);
  const floor = Math.max(mean, Number.MIN_VALUE) * LOG_FLOOR_FRACTION;
  return values.map((v) => Math.log(Number.isFinite(v) && v > floor ? v : floor));
}

/**
 * The small-scale part of a curve on an evenly spaced circular grid: ln of the curve with its
 * smooth trend (harmonics ≤ SMALL_SCALE_HARMONICS) removed. Scale-free: multiplying the curve by a
 * constant leaves it unchanged.
 */
export function smallScale(values: readonly number[], harmonics = SMALL_SCALE_HARMONICS): number[] {
  return fourierHighPass(logCurve(values), harmonics);
}
