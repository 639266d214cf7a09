import { rowLoss, type Loss } from "./loss.js";
import { signedAngleWithGrad } from "./signedAngle.js";

/**
 * ε of sqrt_diff, in radians. |Δ|^½ has an infinite slope at Δ = 0 (NaN/∞ gradients when a
 * prediction hits its target), so the loss is smoothed to (Δ² + ε²)^¼ − ε^½: zero at Δ = 0,
 * never more than ε^½ = 0.01 from |Δ|^½, and its slope is bounded (≈ 0.4·ε^-½ = 40 at |Δ| ≈ 0.8ε).
 * 1e-4 rad ≈ 0.006°, far below any angular resolution the experiments resolve.
 */
export const SQRT_DIFF_EPSILON = 1e-4;

/** sqrt_diff: mean |Δ|^½, smoothed as (Δ² + ε²)^¼ − ε^½ with ε = SQRT_DIFF_EPSILON. */
export function sqrtDiffLoss(epsilon = SQRT_DIFF_EPSILON): Loss {
  if (!(epsilon > 0)) throw new Error(`sqrtDiffLoss(): epsilon must be > 0, got ${epsilon}; the default is ${SQRT_DIFF_EPSILON}`);
  const e2 = epsilon * epsilon, offset = Math.sqrt(epsilon);
  return rowLoss("sqrt_diff", (p0, p1, t0, t1, g) => {
    const delta = signedAngleWithGrad(p0, p1, t0, t1, g);
    const q = delta * delta + e2;
    const slope = delta / (2 * Math.pow(q, 0.75)); // d/dΔ (Δ²+ε²)^¼
    g[0] *= slope; g[1] *= slope;
    return Math.pow(q, 0.25) - offset;
  });
}
