import { DISTRIBUTION_DEFAULTS } from "../stimuli/index.js";
import { DEFAULT_ADAPT_CONFIG, SMOOTHING_DEFAULTS } from "./defaults.js";
import { adaptConfigSchema, type AdaptConfig } from "./configSchema.js";
import { resolveWith, type ConfigKind, type ResolveInput } from "./configKind.js";

/** The `fisherlab adapt` config family: `adapt:` and `finetune:` sections. */
export const ADAPT_CONFIG: ConfigKind<AdaptConfig> = {
  fn: "resolveAdaptConfig()",
  schema: adaptConfigSchema,
  defaults: DEFAULT_ADAPT_CONFIG,
  kinded: { "adapt.smoothing": SMOOTHING_DEFAULTS, "adapt.initial": DISTRIBUTION_DEFAULTS },
};

/** defaults ← file ← inline ← `--set` overrides for the adapt loop, validated. */
export function resolveAdaptConfig(input: ResolveInput = {}): AdaptConfig {
  return resolveWith(ADAPT_CONFIG, input);
}
