import { normaliseDensity } from "./gridDensity.js";

export interface DensityUpdate {
  /** p_new ∝ p / I^exponent; 0.5 equalises √I, the original rule (docs/adaptation.md) */
  exponent: number;
  /** p ← (1 − damping)·p + damping·p_new; 1 is the original (undamped) rule */
  damping: number;
}

/**
 * One step of the adaptation loop's density update (docs/adaptation.md):
 * p_new ∝ p / I^exponent, then p ← (1 − damping)·p + damping·p_new, renormalised.
 * At a fixed point I is constant, so p_new ∝ p. `fisher` must be positive on the grid.
 */
export function updateDensity(density: readonly number[], fisher: readonly number[], period: number, rule: DensityUpdate): number[] {
  if (density.length !== fisher.length) {
    throw new Error(`updateDensity(): density has ${density.length} grid points but fisher has ${fisher.length}`);
  }
  if (!(rule.damping > 0 && rule.damping <= 1)) throw new Error(`updateDensity(): damping must be in (0, 1], got ${rule.damping}`);
  if (!(rule.exponent > 0)) throw new Error(`updateDensity(): exponent must be > 0, got ${rule.exponent}`);
  const proposal = density.map((p, i) => {
    const f = fisher[i];
    if (!(f > 0) || !Number.isFinite(f)) {
      throw new Error(`updateDensity(): Fisher information must be finite and > 0 at every grid point; got ${f} at point ${i} (smooth it or raise the sample count)`);
    }
    return p / Math.pow(f, rule.exponent);
  });
  const pNew = normaliseDensity(proposal, period);
  const p = normaliseDensity(density, period);
  return normaliseDensity(p.map((v, i) => (1 - rule.damping) * v + rule.damping * pNew[i]), period);
}
