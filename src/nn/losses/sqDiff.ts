import { rowLoss, type Loss } from "./loss.js";
import { signedAngleWithGrad } from "./signedAngle.js";

/** sq_diff: mean Δ². */
export function sqDiffLoss(): Loss {
  return rowLoss("sq_diff", (p0, p1, t0, t1, g) => {
    const delta = signedAngleWithGrad(p0, p1, t0, t1, g);
    g[0] *= 2 * delta; g[1] *= 2 * delta;
    return delta * delta;
  });
}
