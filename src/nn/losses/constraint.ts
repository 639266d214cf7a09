import type { GradArray, Loss } from "./loss.js";
import { rowLoss } from "./loss.js";

const NORM_FLOOR = 1e-8; // |pred| below this is treated as this: finite gradient at the zero vector

/**
 * The constraint term λ·mean(1 − ⟨c, pred/|pred|⟩), c = (cos center, sin center): pulls outputs
 * toward one angle (SCIENCE.md). The target is ignored.
 */
export function constraintLoss(lambda: number, center: number): Loss {
  if (!Number.isFinite(lambda) || lambda < 0) throw new Error(`constraintLoss(): lambda must be a finite number ≥ 0, got ${lambda}`);
  if (!Number.isFinite(center)) throw new Error(`constraintLoss(): center must be a finite angle in radians, got ${center}`);
  const c0 = Math.cos(center), c1 = Math.sin(center);
  return rowLoss(`constraint(lambda=${lambda},center=${center})`, (p0, p1, _t0, _t1, g) => {
    const r = Math.max(Math.hypot(p0, p1), NORM_FLOOR);
    const dot = (c0 * p0 + c1 * p1) / r;
    // ∂/∂p ⟨c, p/|p|⟩ = c/|p| − ⟨c,p⟩·p/|p|³
    const clamped = r === NORM_FLOOR;
    g[0] = -lambda * (c0 / r - (clamped ? 0 : (dot * p0) / (r * r)));
    g[1] = -lambda * (c1 / r - (clamped ? 0 : (dot * p1) / (r * r)));
    return lambda * (1 - dot);
  });
}

/** base + constraint: values add, gradients add. */
export function withConstraint(base: Loss, lambda: number, center: number): Loss {
  const extra = constraintLoss(lambda, center);
  return {
    name: `${base.name}+${extra.name}`,
    evaluate(pred: ArrayLike<number>, target: ArrayLike<number>, batch: number, grad?: GradArray, accumulate = false): number {
      return base.evaluate(pred, target, batch, grad, accumulate) + extra.evaluate(pred, target, batch, grad, grad !== undefined);
    },
  };
}
