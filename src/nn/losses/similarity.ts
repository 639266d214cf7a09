import { cosineWithGrad } from "./cosine.js";
import { gFunction, type GName } from "./gFamily.js";
import { rowLoss, type Loss } from "./loss.js";

/**
 * ε of the similarity family: s = relu(cos + 1 + ε/2) + ε/2 stays ≥ ε/2 > 0, so log, √ and x^¼
 * (whose slopes diverge at 0) stay finite when the prediction points away from the target.
 */
export const SIMILARITY_EPSILON = 1e-6;

/** sim_<g>: g(2) − mean g(s), s = relu(cos_sim + 1 + ε/2) + ε/2 (docs/science.md). */
export function similarityLoss(gName: GName, epsilon = SIMILARITY_EPSILON): Loss {
  const g = gFunction("similarityLoss()", gName);
  if (!(epsilon > 0)) throw new Error(`similarityLoss(): epsilon must be > 0, got ${epsilon}; the default is ${SIMILARITY_EPSILON}`);
  const g2 = g.f(2);
  return rowLoss(`sim_${gName}`, (p0, p1, t0, t1, grad) => {
    const cos = cosineWithGrad(p0, p1, t0, t1, grad);
    const inner = cos + 1 + epsilon / 2;
    const s = Math.max(inner, 0) + epsilon / 2;
    const slope = inner > 0 ? -g.df(s) : 0; // d/dcos [g(2) − g(s)]
    grad[0] *= slope; grad[1] *= slope;
    return g2 - g.f(s);
  });
}
