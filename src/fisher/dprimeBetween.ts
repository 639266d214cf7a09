/** Sensitivity index between θ and θ + dθ from I(θ): d′ = √I · |dθ| (to first order). */
export function dprimeBetween(fisher: number, dtheta: number): number {
  if (!Number.isFinite(fisher) || !Number.isFinite(dtheta)) throw new Error(`dprimeBetween(): arguments must be finite, got ${fisher}, ${dtheta}`);
  return Math.sqrt(Math.max(fisher, 0)) * Math.abs(dtheta);
}
