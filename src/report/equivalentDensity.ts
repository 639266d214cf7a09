import { trapezoid } from "../fisher/index.js";

/**
 * The equivalent density p_I(θ) = √I(θ) / ∫√I dθ (SCIENCE.md): the stimulus density for which a
 * code with this I would be optimal under the infomax-style allocation √I ∝ p, so it can be drawn
 * on the same axes as the training density. Negative I (possible for bias-corrected estimates)
 * counts as 0. `period` makes the integral circular (see `trapezoid`); without it the density is
 * normalised over the span of `theta`. Returns all-NaN when √I integrates to 0.
 *
 * Unlike fisher's `equivalentDensity` (which throws on such input), this plotting variant never
 * throws on values: a replicate whose I is ≤ 0 or NaN everywhere becomes a gap in the figure
 * instead of failing the whole report.
 */
export function equivalentDensity(theta: ArrayLike<number>, fisher: ArrayLike<number>, period?: number): number[] {
  if (theta.length !== fisher.length) {
    throw new Error(`equivalentDensity(): theta and fisher must have equal lengths, got ${theta.length} and ${fisher.length}`);
  }
  const root = Array.from(fisher, (v) => (v > 0 ? Math.sqrt(v) : 0));
  const z = trapezoid(theta, root, period);
  return root.map((r) => (z > 0 ? r / z : NaN));
}
