import { rowLoss, type Loss } from "./loss.js";
import { signedAngleWithGrad } from "./signedAngle.js";

/** angle_diff: mean |Δ|. At Δ = 0 the subgradient 0 is used (as PyTorch's abs). */
export function angleDiffLoss(): Loss {
  return rowLoss("angle_diff", (p0, p1, t0, t1, g) => {
    const delta = signedAngleWithGrad(p0, p1, t0, t1, g);
    const sign = Math.sign(delta);
    g[0] *= sign; g[1] *= sign;
    return Math.abs(delta);
  });
}
