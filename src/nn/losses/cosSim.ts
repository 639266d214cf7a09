import { cosineWithGrad } from "./cosine.js";
import { rowLoss, type Loss } from "./loss.js";

/** cos_sim: mean(1 − cos(pred, target)). */
export function cosSimLoss(): Loss {
  return rowLoss("cos_sim", (p0, p1, t0, t1, g) => {
    const cos = cosineWithGrad(p0, p1, t0, t1, g);
    g[0] = -g[0]; g[1] = -g[1];
    return 1 - cos;
  });
}
