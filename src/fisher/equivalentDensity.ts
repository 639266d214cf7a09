import { trapezoid } from "./trapezoid.js";

/**
 * Equivalent density p_I(θ) ∝ √I(θ), normalised to integrate to 1 over the grid (trapezoid rule,
 * closing the circle when `period` is given) — the stimulus density for which this I would be
 * optimal under infomax (Ganguli & Simoncelli 2014). Negative I (a bias-corrected estimate below
 * zero) counts as 0.
 */
export function equivalentDensity(thetas: readonly number[], fisher: readonly number[], period?: number): number[] {
  const fn = "equivalentDensity()";
  if (thetas.length !== fisher.length) throw new Error(`${fn}: thetas and fisher must have the same length, got ${thetas.length} and ${fisher.length}`);
  if (thetas.length < 2) throw new Error(`${fn}: needs ≥ 2 angles, got ${thetas.length}`);
  for (let i = 1; i < thetas.length; i++) if (!(thetas[i] > thetas[i - 1])) throw new Error(`${fn}: thetas must be strictly increasing (index ${i})`);
  if (fisher.some((v) => !Number.isFinite(v))) throw new Error(`${fn}: fisher values must be finite`);
  const root = fisher.map((v) => Math.sqrt(Math.max(v, 0)));
  const area = trapezoid(thetas, root, period);
  if (!(area > 0)) throw new Error(`${fn}: fisher is ≤ 0 everywhere, so √I has no mass to normalise; pass a curve with some positive I`);
  return root.map((r) => r / area);
}

/** Sensitivity index between θ and θ + dθ from I(θ): d′ = √I · |dθ| (to first order). */
export function dprimeBetween(fisher: number, dtheta: number): number {
  if (!Number.isFinite(fisher) || !Number.isFinite(dtheta)) throw new Error(`dprimeBetween(): arguments must be finite, got ${fisher}, ${dtheta}`);
  return Math.sqrt(Math.max(fisher, 0)) * Math.abs(dtheta);
}
