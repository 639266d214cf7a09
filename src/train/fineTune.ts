import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { applyOverrides } from "../config/index.js";
import { decodeAdamState } from "../nn/index.js";
import { RUN_FILES } from "../rundir/index.js";
import { loadRun } from "./loadRun.js";
import { readBackboneTop } from "./backboneTop.js";
import { changedArchitectureKey } from "./network.js";
import { runTraining, type TrainOptions, type TrainResult } from "./runTraining.js";

export interface FineTuneOptions extends TrainOptions {
  /** start Adam fresh instead of from the parent's optimizer state (the original work compared both) */
  readonly resetOptimizer?: boolean;
}

/**
 * `--set`-style overrides ("data.distribution.kappa=4") or a partial config object whose
 * sections are merged into the parent's config.
 */
export type ConfigOverrides = readonly string[] | Record<string, unknown>;

/**
 * Fine-tune the finished run in `fromDir`: start from its best weights and, unless
 * `resetOptimizer`, from Adam's state at that epoch; train with the parent's config changed by
 * `overrides` (new distribution, loss, lr, freeze, …; the architecture must stay). The new run's
 * summary records its parent. Frozen layers (train.freeze) keep the parent's weights bit for bit.
 */
export async function fineTune(fromDir: string, overrides: ConfigOverrides, options: FineTuneOptions): Promise<TrainResult> {
  const fn = "fineTune()";
  const parent = loadRun(fromDir, { kernels: options.kernels });
  const parentWeights = parent.network.parameters().map((p) => ({ name: p.name, data: p.data.slice() }));
  const parentSpec = parent.network.spec;
  parent.network.dispose();
  const config = applyOverrides(parent.config, overrideStrings(overrides));
  const changed = changedArchitectureKey(parent.config, config);
  if (changed) {
    throw new Error(`${fn}: model.${changed} differs from the parent run's (${JSON.stringify(parent.config.model[changed])}); fine-tuning keeps the architecture — train a new network instead`);
  }
  const resetOptimizer = options.resetOptimizer ?? false;
  checkBackboneChange(fn, parent.config.model.backbone, config.model.backbone, resetOptimizer);
  const optimizerPath = join(fromDir, RUN_FILES.optimizer);
  if (!resetOptimizer && !existsSync(optimizerPath)) {
    throw new Error(`${fn}: ${fromDir} has no ${RUN_FILES.optimizer}; pass resetOptimizer (--reset-optimizer) to start Adam fresh`);
  }
  return runTraining(fn, config, {
    parent: resolve(fromDir),
    resetOptimizer,
    check(data) {
      // with a backbone the head reads the backbone's features, whose size the backbone fixes
      if (!config.model.backbone && data.pixels !== parentSpec.inputSize) {
        throw new Error(`${fn}: the data now gives ${data.pixels}-pixel images but the parent network reads ${parentSpec.inputSize}; keep data.source's image size`);
      }
    },
    initialise(network, adam, top) {
      network.parameters().forEach((p, i) => p.data.set(parentWeights[i].data));
      // trained blocks of the parent (blocks it kept frozen start from the pretrained weights)
      if (top) readBackboneTop(fromDir, top);
      if (!resetOptimizer) adam.importState(decodeAdamState(readFileSync(optimizerPath), optimizerPath));
    },
  }, options);
}

type BackboneSpec = ReturnType<typeof applyOverrides>["model"]["backbone"];

/**
 * A fine-tune may train more backbone blocks than its parent, not fewer (the parent's trained blocks
 * would then run frozen, but frozen features come from face-api's weights), and keeps the layer the
 * head reads; Adam's state of blocks the parent did not train does not exist.
 */
function checkBackboneChange(fn: string, parent: BackboneSpec, child: BackboneSpec, resetOptimizer: boolean): void {
  if (!parent || !child) return; // adding or removing a backbone changes the head's input: refused by the input-size check
  if (parent.layer !== child.layer) {
    throw new Error(`${fn}: model.backbone.layer is ${child.layer} but the parent run's head reads ${parent.layer}; fine-tuning keeps the layer — train a new head instead`);
  }
  if (child.trainable_blocks < parent.trainable_blocks) {
    throw new Error(`${fn}: model.backbone.trainable_blocks ${child.trainable_blocks} is below the parent's ${parent.trainable_blocks}; the parent's trained blocks cannot be frozen again — keep trainable_blocks ≥ ${parent.trainable_blocks}`);
  }
  if (child.trainable_blocks > parent.trainable_blocks && !resetOptimizer) {
    throw new Error(`${fn}: model.backbone.trainable_blocks ${child.trainable_blocks} trains blocks the parent (${parent.trainable_blocks}) kept frozen, which have no Adam state; pass resetOptimizer (--reset-optimizer) to start Adam fresh`);
  }
}

function overrideStrings(overrides: ConfigOverrides): string[] {
  if (Array.isArray(overrides)) return [...overrides];
  if (overrides === null || typeof overrides !== "object") {
    throw new Error(`fineTune(): overrides must be a list of "path=value" strings or a partial config object, got ${JSON.stringify(overrides)}`);
  }
  // one override per section: the value is JSON (valid YAML), merged key by key into the parent's
  return Object.entries(overrides).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
}
