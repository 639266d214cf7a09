/**
 * Every loss by name. Names: cos_sim, angle_diff, sq_diff, sqrt_diff (circular / half-angle
 * encodings); sim_<g> (similarity family) and dist_<g> (linear encoding) for g in
 * linear, sqrt, log, square, quart, root4. The constraint term is an option, not a name.
 */
import { angleDiffLoss } from "./angleDiff.js";
import { withConstraint } from "./constraint.js";
import { cosSimLoss } from "./cosSim.js";
import { G_NAMES } from "./gFamily.js";
import { linearDistanceLoss } from "./linearDistance.js";
import type { Loss } from "./loss.js";
import { similarityLoss } from "./similarity.js";
import { sqDiffLoss } from "./sqDiff.js";
import { sqrtDiffLoss } from "./sqrtDiff.js";

/** Every loss name, in the order of `LOSSES`: the one list, imported by the config schema. */
export const LOSS_NAMES = [
  "cos_sim", "angle_diff", "sq_diff", "sqrt_diff",
  "sim_linear", "sim_sqrt", "sim_log", "sim_square", "sim_quart", "sim_root4",
  "dist_linear", "dist_sqrt", "dist_log", "dist_square", "dist_quart", "dist_root4",
] as const;
export type LossName = (typeof LOSS_NAMES)[number];

export const LOSSES: Readonly<Record<LossName, () => Loss>> = {
  cos_sim: cosSimLoss,
  angle_diff: angleDiffLoss,
  sq_diff: sqDiffLoss,
  sqrt_diff: () => sqrtDiffLoss(),
  ...Object.fromEntries(G_NAMES.map((g) => [`sim_${g}`, () => similarityLoss(g)])),
  ...Object.fromEntries(G_NAMES.map((g) => [`dist_${g}`, () => linearDistanceLoss(g)])),
} as Record<LossName, () => Loss>;

export interface LossOptions {
  /** Adds λ·mean(1 − ⟨c, pred/|pred|⟩) with c = (cos center, sin center) when lambda > 0. */
  readonly constraint?: { readonly lambda: number; readonly center: number };
}

/** The loss called `name`, optionally with the constraint term. */
export function createLoss(name: string, options: LossOptions = {}): Loss {
  const make = Object.hasOwn(LOSSES, name) ? LOSSES[name as LossName] : undefined;
  if (!make) throw new Error(`createLoss(): name must be one of ${LOSS_NAMES.join(", ")}, got ${JSON.stringify(name)}`);
  const loss = make();
  const c = options.constraint;
  return c && c.lambda > 0 ? withConstraint(loss, c.lambda, c.center) : loss;
}

/** The distance family (dist_<g>) reads the linear encoding's projection; the others read angles of 2-d vectors. */
export const isDistanceLoss = (name: string): boolean => name.startsWith("dist_");
