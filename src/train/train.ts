import { resolveConfig, type Config } from "../config/index.js";
import { runTraining, type TrainOptions, type TrainResult } from "./runTraining.js";

/**
 * Train a new network as `config` describes and write its run directory (docs/training.md): config.yaml,
 * metrics.csv, model.safetensors, optimizer.safetensors, summary.json, and a per-epoch
 * checkpoint that `resume` continues from. `config` may be partial: missing keys take the
 * defaults, and the result is validated (every invalid field is reported at once).
 */
export async function train(config: Config | Record<string, unknown>, options: TrainOptions): Promise<TrainResult> {
  const resolved = resolveConfig({ config });
  return runTraining("train()", resolved, {
    parent: null,
    resetOptimizer: null,
    initialise: () => {}, // keep createNetwork's seeded PyTorch-default initialisation and a fresh Adam
  }, options);
}
