/**
 * Gradient-norm clipping with torch.nn.utils.clip_grad_norm_ semantics (norm_type 2): the total
 * norm over all (non-frozen) gradients; every gradient is scaled by min(1, max_norm/(norm + 1e-6)).
 */
import type { Kernels } from "../engine/index.js";
import type { Parameter } from "./parameter.js";

/** PyTorch's constant in clip_coef = max_norm / (total_norm + 1e-6): avoids 0/0 for zero gradients. */
export const CLIP_EPS = 1e-6;

/** Clip in place; returns the total norm before clipping (as PyTorch does). */
export function clipGradNorm(params: readonly Parameter[], maxNorm: number, kernels: Kernels): number {
  if (!(maxNorm > 0) || !Number.isFinite(maxNorm)) throw new Error(`clipGradNorm(): maxNorm must be a finite number > 0, got ${maxNorm}; the original runs used 0.5`);
  // two passes over `params` rather than a filtered copy: this runs every batch and must not allocate
  let sum = 0;
  for (const p of params) if (!p.frozen) sum += kernels.sumSquares(p.grad.length, p.grad);
  const norm = Math.sqrt(sum);
  const coef = maxNorm / (norm + CLIP_EPS);
  if (coef < 1) for (const p of params) if (!p.frozen) kernels.scale(p.grad.length, p.grad, coef);
  return norm;
}
