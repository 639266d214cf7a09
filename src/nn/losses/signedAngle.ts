/**
 * Δ = signed angle from prediction p to target t, atan2(p × t, p · t) ∈ (−π, π], and dΔ/dp.
 * With c = p0·t1 − p1·t0 and d = p·t (c² + d² = |p|²|t|²):
 *   dΔ/dp = (d·∂c/∂p − c·∂d/∂p)/(c² + d²) = (d·(t1, −t0) − c·(t0, t1)) / (|p|²|t|²).
 */
const TINY = 1e-30; // guards the zero vector: gradient 0 instead of NaN

export function signedAngleWithGrad(p0: number, p1: number, t0: number, t1: number, g: Float64Array): number {
  const c = p0 * t1 - p1 * t0;
  const d = p0 * t0 + p1 * t1;
  const r2 = Math.max(c * c + d * d, TINY);
  g[0] = (d * t1 - c * t0) / r2;
  g[1] = (-d * t0 - c * t1) / r2;
  return Math.atan2(c, d);
}
