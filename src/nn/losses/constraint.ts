import { cosineWithGrad } from "./cosine.js";
import { rowLoss, type GradArray, type Loss } from "./loss.js";

/**
 * The constraint term λ·mean(1 − ⟨c, pred/|pred|⟩), c = (cos center, sin center): pulls outputs
 * toward one angle (docs/science.md). The target is ignored. Since |c| = 1 this is λ·(1 − cos(pred, c)),
 * so it shares cos_sim's cosine and gradient (|pred| clamped at 1e-8: finite at the zero vector).
 */
export function constraintLoss(lambda: number, center: number): Loss {
  if (!Number.isFinite(lambda) || lambda < 0) throw new Error(`constraintLoss(): lambda must be a finite number ≥ 0, got ${lambda}`);
  if (!Number.isFinite(center)) throw new Error(`constraintLoss(): center must be a finite angle in radians, got ${center}`);
  const c0 = Math.cos(center), c1 = Math.sin(center);
  return rowLoss(`constraint(lambda=${lambda},center=${center})`, (p0, p1, _t0, _t1, g) => {
    const cos = cosineWithGrad(p0, p1, c0, c1, g);
    g[0] *= -lambda; g[1] *= -lambda;
    return lambda * (1 - cos);
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
