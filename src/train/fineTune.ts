import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { applyOverrides } from "../config/index.js";
import { decodeAdamState } from "../nn/index.js";
import { RUN_FILES } from "../rundir/index.js";
import { loadRun } from "./loadRun.js";
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
    initialise(network, adam) {
      network.parameters().forEach((p, i) => p.data.set(parentWeights[i].data));
      if (!resetOptimizer) adam.importState(decodeAdamState(readFileSync(optimizerPath), optimizerPath));
    },
  }, options);
}

function overrideStrings(overrides: ConfigOverrides): string[] {
  if (Array.isArray(overrides)) return [...overrides];
  if (overrides === null || typeof overrides !== "object") {
    throw new Error(`fineTune(): overrides must be a list of "path=value" strings or a partial config object, got ${JSON.stringify(overrides)}`);
  }
  // one override per section: the value is JSON (valid YAML), merged key by key into the parent's
  return Object.entries(overrides).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
}
