import type { Kernels } from "../engine/index.js";
import type { Config } from "../config/index.js";
import { createMlp, type Mlp, type MlpSpec } from "../nn/index.js";
import { TRAIN_DEFAULTS } from "./defaults.js";
import { initRng } from "./epochRng.js";

/** The MLP architecture `config.model` describes, for images of `pixels` pixels. */
export function networkSpec(config: Config, pixels: number): MlpSpec {
  const m = config.model;
  return { inputSize: pixels, hidden: [...m.hidden], outputSize: TRAIN_DEFAULTS.outputSize, activation: m.activation, dropout: m.dropout, encoding: m.encoding };
}

/** A new network with PyTorch's default initialisation, seeded by config.seed. */
export function createNetwork(config: Config, pixels: number, kernels: Kernels): Mlp {
  return createMlp(networkSpec(config, pixels), { kernels, rng: initRng(config.seed) });
}

/** Freeze exactly the layers of `train.freeze` (0-based; the last is the output layer). */
export function applyFreeze(network: Mlp, freeze: readonly number[]): void {
  for (const i of freeze) {
    if (!Number.isInteger(i) || i < 0 || i >= network.depth) {
      throw new Error(`train(): train.freeze holds layer ${i} but the network has layers 0..${network.depth - 1} (${network.depth - 1} is the output layer); use indices in that range`);
    }
  }
  if (freeze.length === network.depth) {
    throw new Error(`train(): train.freeze freezes every layer (${freeze.join(", ")}); nothing would train — leave at least one layer out`);
  }
  network.unfreeze();
  network.freeze(freeze);
}

/**
 * The first architecture key of config.model that differs between `a` and `b`, or null: the keys
 * a fine-tune must keep (dropout may change: it has no weights).
 */
export function changedArchitectureKey(a: Config, b: Config): "hidden" | "activation" | "encoding" | null {
  for (const key of ["hidden", "activation", "encoding"] as const) {
    if (JSON.stringify(a.model[key]) !== JSON.stringify(b.model[key])) return key;
  }
  return null;
}
