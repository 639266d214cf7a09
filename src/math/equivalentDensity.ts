import { trapezoid } from "./trapezoid.js";

/**
 * The equivalent density p_I(θ) = √I(θ) / ∫√I dθ: the stimulus density for which a code with
 * this I would be optimal under the infomax allocation √I ∝ p (Ganguli & Simoncelli 2014), so it
 * can be drawn on the same axes as the training density (docs/science.md). Negative or NaN I
 * (possible for bias-corrected estimates) counts as 0. `period` makes the integral circular (see
 * `trapezoid`); without it the density is normalised over the span of `theta`.
 *
 * When √I integrates to 0 the result is NaN everywhere rather than an error, so a replicate
 * whose I is ≤ 0 everywhere becomes a gap in a figure instead of failing a whole report; callers
 * that need a density check the result.
 */
export function equivalentDensity(theta: ArrayLike<number>, fisher: ArrayLike<number>, period?: number): number[] {
  const fn = "equivalentDensity()";
  if (theta.length !== fisher.length) {
    throw new Error(`${fn}: theta and fisher must have the same length, got ${theta.length} and ${fisher.length}`);
  }
  for (let i = 1; i < theta.length; i++) {
    if (!(theta[i] > theta[i - 1])) throw new Error(`${fn}: theta must be strictly increasing, index ${i} is ${theta[i]} after ${theta[i - 1]}; sort the curve first`);
  }
  const root = Array.from(fisher, (v) => (v > 0 ? Math.sqrt(v) : 0));
  const z = trapezoid(theta, root, period);
  return root.map((r) => (z > 0 ? r / z : NaN));
}
