import type { Config } from "../config/index.js";
import { createLoss, isDistanceLoss, type Loss } from "../nn/index.js";

/**
 * The training objective of `config.loss`: the named loss plus λ·constraint toward `center` when
 * lagrange > 0. The distance family (dist_<g>) reads the linear encoding's projection, the others
 * read angles of 2-d vectors, so each needs its own encoding.
 */
export function lossFromConfig(config: Config): Loss {
  const { name, lagrange, center } = config.loss;
  const linear = config.model.encoding === "linear";
  if (linear !== isDistanceLoss(name)) {
    throw new Error(linear
      ? `train(): loss.name ${name} compares angles of 2-d vectors but model.encoding is linear; use a dist_<g> loss (e.g. dist_linear) with the linear encoding`
      : `train(): loss.name ${name} is for the linear encoding but model.encoding is ${config.model.encoding}; use cos_sim, angle_diff, sq_diff, sqrt_diff or sim_<g>`);
  }
  return createLoss(name, { constraint: { lambda: lagrange, center } });
}
