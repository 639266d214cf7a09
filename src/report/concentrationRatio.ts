import { circularDifference, trapezoid } from "../math/index.js";

/** How much more Fisher information sits near the training mode than far from it. */
export interface ConcentrationRatio {
  /** mean I near / mean I far; null when either region is empty or the far mean is ≤ 0. */
  ratio: number | null;
  /** θ of the training density's maximum (the first, if several). */
  mode: number;
  /** Circular standard deviation of the training density, in the units of θ (∞ for a uniform density). */
  sigma: number;
  nearMean: number;
  farMean: number;
  nearCount: number;
  farCount: number;
}

/**
 * Concentration ratio, defined precisely:
 *  - mode m = the grid θ where the training density p is largest;
 *  - σ = circular standard deviation of p (Mardia & Jupp 2000, §2.3.2): with k = 2π/L (L = period),
 *    R = |∫ p(θ) e^{ikθ} dθ| / ∫ p dθ and σ = √(−2 ln R) / k;
 *  - near = grid points with circular distance |θ − m| ≤ σ; far = grid points with |θ − m| ≥ 2σ
 *    (the band between σ and 2σ is left out so the two regions are clearly separated);
 *  - ratio = mean I over near / mean I over far (plain means over grid points).
 * A ratio > 1 means I(θ) concentrates where training samples were dense. For a uniform density
 * σ is infinite, "far" is empty and the ratio is null: there is no mode to concentrate around.
 */
export function concentrationRatio(theta: ArrayLike<number>, fisher: ArrayLike<number>, density: ArrayLike<number>, period: number): ConcentrationRatio {
  const n = theta.length;
  if (fisher.length !== n || density.length !== n) {
    throw new Error(`concentrationRatio(): theta, fisher and density must have equal lengths, got ${n}, ${fisher.length}, ${density.length}`);
  }
  if (!(period > 0)) throw new Error(`concentrationRatio(): period must be > 0, got ${period}`);
  let modeIndex = 0;
  for (let i = 1; i < n; i++) if (density[i] > density[modeIndex]) modeIndex = i;
  const mode = theta[modeIndex];
  const k = (2 * Math.PI) / period;
  const z = trapezoid(theta, density, period);
  const c = trapezoid(theta, Array.from(theta, (t, i) => density[i] * Math.cos(k * t)), period);
  const s = trapezoid(theta, Array.from(theta, (t, i) => density[i] * Math.sin(k * t)), period);
  const R = z > 0 ? Math.hypot(c, s) / z : 0;
  const sigma = R > 1e-12 ? Math.sqrt(Math.max(0, -2 * Math.log(Math.min(1, R)))) / k : Infinity;
  let nearSum = 0, nearCount = 0, farSum = 0, farCount = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(fisher[i])) continue;
    const d = Math.abs(circularDifference(theta[i], mode, period));
    if (d <= sigma) { nearSum += fisher[i]; nearCount++; }
    else if (d >= 2 * sigma) { farSum += fisher[i]; farCount++; }
  }
  const nearMean = nearCount ? nearSum / nearCount : NaN;
  const farMean = farCount ? farSum / farCount : NaN;
  const ratio = nearCount && farCount && farMean > 0 ? nearMean / farMean : null;
  return { ratio, mode, sigma, nearMean, farMean, nearCount, farCount };
}
