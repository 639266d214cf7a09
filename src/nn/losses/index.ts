// Losses on 2-d angle encodings, each with an analytic gradient (docs/science.md).
export { type Loss, type GradArray, type RowLoss, rowLoss } from "./loss.js";
export { cosSimLoss } from "./cosSim.js";
export { angleDiffLoss } from "./angleDiff.js";
export { sqDiffLoss } from "./sqDiff.js";
export { sqrtDiffLoss, SQRT_DIFF_EPSILON } from "./sqrtDiff.js";
export { similarityLoss, SIMILARITY_EPSILON } from "./similarity.js";
export { linearDistanceLoss, DISTANCE_EPSILON } from "./linearDistance.js";
export { constraintLoss, withConstraint } from "./constraint.js";
export { G_FUNCTIONS, G_NAMES, type GName } from "./gFamily.js";
export { LOSSES, LOSS_NAMES, createLoss, isDistanceLoss, type LossName, type LossOptions } from "./registry.js";
