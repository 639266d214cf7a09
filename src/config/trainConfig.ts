import { DISTRIBUTION_DEFAULTS } from "../stimuli/index.js";
import { DEFAULT_CONFIG } from "./defaults.js";
import { configSchema, type Config } from "./configSchema.js";
import { applyOverridesRaw, resolveWith, validateConfig, type ConfigKind, type ResolveInput } from "./configKind.js";

/** The training config family (`fisherlab train`, `finetune`, sweep stages). */
export const TRAIN_CONFIG: ConfigKind<Config> = {
  fn: "resolveConfig()",
  schema: configSchema,
  defaults: DEFAULT_CONFIG,
  kinded: { "data.distribution": DISTRIBUTION_DEFAULTS },
};

/** defaults ← file ← inline ← `--set` overrides, validated; every invalid field is reported at once (ConfigError). */
export function resolveConfig(input: ResolveInput = {}): Config {
  return resolveWith(TRAIN_CONFIG, input);
}

/** The resolved config of a YAML/JSON file (or the defaults without a path). */
export function loadConfig(path?: string): Config {
  return resolveWith(TRAIN_CONFIG, { path });
}

/**
 * `config` with `--set` style overrides applied ("train.lr=0.01", "model.hidden=[30,10]"),
 * values parsed as YAML; the result is validated again. Does not mutate `config`.
 */
export function applyOverrides(config: Config, overrides: readonly string[]): Config {
  return validateConfig(TRAIN_CONFIG, applyOverridesRaw(TRAIN_CONFIG as ConfigKind<unknown>, config, overrides), "config + --set");
}
