import { gFunction, type GName } from "./gFamily.js";
import { rowLoss, type Loss } from "./loss.js";

/**
 * ε of the linear-encoding distance family: d = |u| + ε ≥ ε keeps log d and the slopes of √d and
 * d^¼ finite when the prediction hits the target.
 */
export const DISTANCE_EPSILON = 1e-6;

/**
 * dist_<g>: mean g(d), d = |proj(pred) − proj(target)| + ε, for the linear encoding. proj(y) =
 * (y0 + y1)/2 is the decoded angle (the projection onto the diagonal, in θ units), so d is the
 * absolute angular error in radians. At u = 0 the subgradient 0 is used.
 */
export function linearDistanceLoss(gName: GName, epsilon = DISTANCE_EPSILON): Loss {
  const g = gFunction("linearDistanceLoss()", gName);
  if (!(epsilon > 0)) throw new Error(`linearDistanceLoss(): epsilon must be > 0, got ${epsilon}; the default is ${DISTANCE_EPSILON}`);
  return rowLoss(`dist_${gName}`, (p0, p1, t0, t1, grad) => {
    const u = (p0 + p1) / 2 - (t0 + t1) / 2;
    const d = Math.abs(u) + epsilon;
    const slope = g.df(d) * Math.sign(u) * 0.5; // ∂d/∂p0 = ∂d/∂p1 = sign(u)/2
    grad[0] = slope; grad[1] = slope;
    return g.f(d);
  });
}
