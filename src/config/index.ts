// The config: one zod schema per config family (training, adapt), their defaults, and the
// resolver (defaults ← file ← inline ← --set) that reports every invalid field at once. Name
// lists are imported from the layers that own them (nn, stimuli, fisher).
export { SMOOTHING_KINDS, DISPERSION_STATISTICS, type SmoothingKind, type DispersionStatistic } from "./choices.js";
export { DEFAULT_CONFIG, SMOOTHING_DEFAULTS, DEFAULT_ADAPT_CONFIG } from "./defaults.js";
export { configSchema, adaptConfigSchema, distributionSchema, fisherMeasurementSchema, smoothingSchema, MEASUREMENT_SPLITS,
  type Config, type AdaptConfig, type Distribution, type FisherMeasurement } from "./configSchema.js";
export { ConfigError, showValue, type ConfigIssue } from "./configError.js";
export { type ResolveInput, type ConfigKind, applyOverridesRaw, readConfigFile, setPaths, validateConfig, resolveWith } from "./configKind.js";
export { resolveConfig, loadConfig, applyOverrides, TRAIN_CONFIG } from "./trainConfig.js";
export { resolveAdaptConfig, ADAPT_CONFIG } from "./adaptConfig.js";
export { dumpConfig } from "./dumpConfig.js";
export { mergeConfig, isPlainObject, layerFromPath, cloneValue, type KindDefaults } from "./mergeConfig.js";
