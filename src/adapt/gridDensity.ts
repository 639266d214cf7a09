import { angleGrid } from "../math/index.js";

/**
 * Densities on a uniform circular grid θ_i = start + i·(period/n), i < n. Integrals use the
 * rectangle rule, which on a periodic grid equals the trapezoid rule (and is spectrally accurate
 * for smooth periodic functions).
 */
export function circularGrid(n: number, domain: readonly [number, number]): number[] {
  if (!Number.isInteger(n) || n < 3) throw new Error(`circularGrid(): n must be an integer ≥ 3, got ${n}`);
  const [lo, hi] = domain;
  if (!(hi > lo)) throw new Error(`circularGrid(): domain must be [low, high] with high > low, got [${lo}, ${hi}]`);
  return angleGrid(lo, hi, n); // same points as a network measurement of n angles over the domain
}

/** ∫ f over the period from grid values. */
export function integrateCircular(values: readonly number[], period: number): number {
  let s = 0;
  for (const v of values) s += v;
  return (s * period) / values.length;
}

/** Scale non-negative values so that they integrate to 1 over the period. */
export function normaliseDensity(values: readonly number[], period: number): number[] {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || v < 0) throw new Error(`normaliseDensity(): value ${i} must be finite and ≥ 0, got ${v}`);
  }
  const total = integrateCircular(values, period);
  if (!(total > 0)) throw new Error("normaliseDensity(): values integrate to 0; a density needs positive mass");
  return values.map((v) => v / total);
}
