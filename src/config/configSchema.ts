import { z } from "zod";
import { LAYER_NAMES, trainableBlocksProblem } from "../backbone/index.js";
import { NETWORK_METHODS } from "../fisher/index.js";
import { angleGridProblem, ANGLE_GRID_GRAMMAR } from "../math/index.js";
import { ACTIVATION_NAMES, ENCODINGS, LOSS_NAMES, isDistanceLoss } from "../nn/index.js";
import { DISPERSION_STATISTICS } from "./choices.js";

/**
 * The training config as a schema (docs/config.md). Objects are strict (unknown keys are errors);
 * nothing here has defaults — defaults.ts is merged in first, so the schema checks the fully
 * resolved config.
 */
const finite = () => z.number().finite();
const positiveInt = () => z.number().int().min(1);
const nonNegativeInt = () => z.number().int().min(0);
const probability = () => z.number().min(0).max(1);

const numbersOrFile = z.union([z.array(finite()).min(2), z.string().min(1)]);

const tabulated = z.strictObject({
  kind: z.literal("tabulated"),
  /** grid angles (increasing), or a path to a .npy/.csv file holding them */
  grid: numbersOrFile,
  /** unnormalised density at the grid angles, or a path */
  density: numbersOrFile,
}).superRefine((d, ctx) => {
  if (Array.isArray(d.grid) && Array.isArray(d.density) && d.grid.length !== d.density.length) {
    ctx.addIssue({ code: "custom", path: ["density"], message: `must have as many values as grid (${d.grid.length})` });
  }
  const grid = d.grid;
  if (Array.isArray(grid) && grid.some((v, i) => i > 0 && !(v > grid[i - 1]))) {
    ctx.addIssue({ code: "custom", path: ["grid"], message: "must be strictly increasing" });
  }
  if (Array.isArray(d.density) && (d.density.some((v) => v < 0) || !d.density.some((v) => v > 0))) {
    ctx.addIssue({ code: "custom", path: ["density"], message: "must be >= 0 everywhere with at least one value > 0" });
  }
});

export const distributionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("vonmises"), loc: finite(), kappa: z.number().min(0) }),
  z.strictObject({ kind: z.literal("uniform"), low: finite(), high: finite() })
    .refine((d) => d.high > d.low, { path: ["high"], message: "must be > low" }),
  z.strictObject({ kind: z.literal("normal"), loc: finite(), scale: z.number().gt(0) }),
  tabulated,
]);
export type Distribution = z.infer<typeof distributionSchema>;

export const configSchema = z.strictObject({
  seed: nonNegativeInt(),
  data: z.strictObject({
    source: z.string().min(1),
    split: z.tuple([positiveInt(), positiveInt(), positiveInt()]),
    train_size: positiveInt(),
    val_size: positiveInt(),
    test_size: positiveInt(),
    distribution: distributionSchema,
    noise: z.strictObject({ shot: probability(), variance: z.number().min(0) }),
  }),
  model: z.strictObject({
    hidden: z.array(positiveInt()),
    activation: z.enum(ACTIVATION_NAMES),
    dropout: z.number().min(0).lt(1),
    encoding: z.enum(ENCODINGS),
    /** a pretrained network in front of the MLP head (docs/backbone.md); absent: the MLP reads the pixels */
    backbone: z.strictObject({
      name: z.literal("face-resnet"),
      /** the backbone layer the head reads */
      layer: z.enum(LAYER_NAMES),
      /** residual blocks trained with the head, the last ones up to `layer` (and the embedding's fc when layer is embedding); 0: frozen */
      trainable_blocks: nonNegativeInt(),
      /** the head reads the layer standardised per unit (statistics of the train split at uniform angles; docs/backbone.md); absent: false */
      standardize: z.boolean().optional(),
    }).superRefine((b, ctx) => {
      const problem = trainableBlocksProblem(b.layer, b.trainable_blocks);
      if (problem) ctx.addIssue({ code: "custom", path: ["trainable_blocks"], message: problem });
      if (b.standardize && b.trainable_blocks > 0) {
        ctx.addIssue({ code: "custom", path: ["standardize"], message: "applies to a frozen backbone only (trainable_blocks: 0); with trainable blocks the head reads their output, which changes as they train" });
      }
    }).describe("absent: the MLP reads the pixels; set: a pretrained network in front of the MLP head (docs/backbone.md)").optional(),
  }),
  loss: z.strictObject({
    name: z.enum(LOSS_NAMES),
    lagrange: z.number().min(0),
    center: finite(),
  }),
  train: z.strictObject({
    batch_size: positiveInt(),
    lr: z.number().gt(0),
    max_epochs: positiveInt(),
    patience: positiveInt(),
    /** gradient-norm clip; 0 turns clipping off */
    grad_clip: z.number().min(0),
    freeze: z.array(nonNegativeInt()).refine((a) => new Set(a).size === a.length, { message: "must not repeat a layer index" }),
  }),
}).superRefine((c, ctx) => {
  // rules across sections, checked here so that a sweep refuses a bad condition before any job runs
  const linear = c.model.encoding === "linear";
  if (linear !== isDistanceLoss(c.loss.name)) {
    ctx.addIssue({ code: "custom", path: ["loss", "name"], message: linear
      ? "compares angles of 2-d vectors but model.encoding is linear; use a dist_<g> loss (e.g. dist_linear) with the linear encoding"
      : `is for the linear encoding but model.encoding is ${c.model.encoding}; use cos_sim, angle_diff, sq_diff, sqrt_diff or sim_<g>` });
  }
  const depth = c.model.hidden.length + 1; // hidden layers + the output layer
  c.train.freeze.forEach((layer, k) => {
    if (layer >= depth) {
      ctx.addIssue({ code: "custom", path: ["train", "freeze", k], message: `must be a layer of the network, 0..${depth - 1} (${depth - 1} is the output layer, model.hidden ${JSON.stringify(c.model.hidden)})` });
    }
  });
  if (c.train.freeze.length >= depth && c.train.freeze.every((l) => l < depth)) {
    ctx.addIssue({ code: "custom", path: ["train", "freeze"], message: "freezes every layer; nothing would train — leave at least one layer out" });
  }
});
/** The fully resolved training config (every key present). */
export type Config = z.infer<typeof configSchema>;

/** The identity splits a measurement can show. */
export const MEASUREMENT_SPLITS = ["train", "val", "test"] as const;

/** A Fisher measurement of an experiment or the adapt loop; estimator-specific extra keys pass through to src/fisher. */
export const fisherMeasurementSchema = z.looseObject({
  method: z.enum(NETWORK_METHODS),
  /** "output", a 0-based hidden layer index, or (runs with a backbone) a backbone layer name */
  layer: z.union([z.literal("output"), nonNegativeInt(), z.enum(LAYER_NAMES)]).optional(),
  /** the one grammar of angle grids: a count over the domain, or "start:stop:count" */
  angles: z.union([positiveInt(), z.string().refine((s) => angleGridProblem(s) === null, { message: `must be ${ANGLE_GRID_GRAMMAR}` })]).optional(),
  /** stage names to measure after (default: every stage) */
  stages: z.array(z.string().min(1)).optional(),
  /** the identities shown: the run's train, val or test split (default test: images the network never trained on) */
  split: z.enum(MEASUREMENT_SPLITS).optional(),
  /** measure on a seeded resample of the split's identities (default: all of them, in split order) */
  resample: z.strictObject({
    seed: nonNegativeInt(),
    /** identities drawn (default: as many as the split has) */
    count: positiveInt().optional(),
    /** true (default): with replacement, a bootstrap sample; false: a random subset without replacement */
    replace: z.boolean().optional(),
  }).optional(),
  /** a name that keeps two measurements of the same method and layer apart: fisher_<method>-<label>_<layer>.csv */
  label: z.string().regex(/^[A-Za-z0-9]+$/, "must be letters and digits (it becomes part of a file name)").optional(),
}).superRefine((m, ctx) => {
  if (m.resample?.replace === false && m.resample.count === undefined) {
    ctx.addIssue({ code: "custom", path: ["resample", "count"], message: "is needed when replace is false (without replacement, drawing every identity only reorders them); give the subset size" });
  }
});
export type FisherMeasurement = z.infer<typeof fisherMeasurementSchema>;

export const smoothingSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("moving_average"), width: z.number().int().min(1).refine((w) => w % 2 === 1, { message: "must be odd (a centred window)" }) }),
  z.strictObject({ kind: z.literal("fourier"), harmonics: nonNegativeInt() }),
]);

export const adaptConfigSchema = z.strictObject({
  adapt: z.strictObject({
    grid: z.number().int().min(3),
    domain: z.tuple([finite(), finite()]).refine(([a, b]) => b > a, { message: "must be [low, high] with high > low" }),
    initial: z.union([z.literal("uniform"), distributionSchema]),
    replicates: positiveInt(),
    max_iterations: positiveInt(),
    criterion: z.number().gt(0),
    statistic: z.enum(DISPERSION_STATISTICS),
    exponent: z.number().gt(0),
    damping: z.number().gt(0).max(1),
    smoothing: smoothingSchema,
    fisher: fisherMeasurementSchema,
    /** base seed of the loop's fine-tunes; null: the pretrained run's seed */
    seed: z.number().int().min(0).nullable(),
  }),
  finetune: z.strictObject({
    lr: z.number().gt(0),
    max_epochs: positiveInt(),
    patience: positiveInt(),
    reset_optimizer: z.boolean(),
  }),
});
/** The fully resolved `fisherlab adapt` config. */
export type AdaptConfig = z.infer<typeof adaptConfigSchema>;

