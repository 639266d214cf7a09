import type { Config, FisherMeasurement } from "../config/index.js";
import { FISHER_DEFAULTS, NETWORK_METHODS, type FisherEstimate, type NetworkMethod } from "../fisher/index.js";
import { angleGridFromSpec } from "../math/index.js";
import { loadSource, resampleIdentities, runIdentities, type StimulusSource } from "../stimuli/index.js";
import { measureNetwork } from "./measureNetwork.js";
import type { ActivityModel } from "./recordActivity.js";

/** Default number of angles of a configured measurement: the original work's 200 over the domain (docs/science.md). */
export const DEFAULT_MEASUREMENT_ANGLES = 200;

/** A measurement as written in experiment files and adapt configs (`{ method, layer, angles, ... }`). */
export type ConfiguredMeasurement = FisherMeasurement & { delta?: number; samples?: number; seed?: number };

/** The layer index a measurement names ("output" or absent → the last layer). */
export function measurementLayer(m: { layer?: number | string }, depth: number): number {
  if (m.layer === undefined || m.layer === "output") return depth - 1;
  if (typeof m.layer === "string") throw new Error(`fisher measurement: layer ${JSON.stringify(m.layer)} is a backbone layer name, but this run has no backbone; use "output" or an integer in [0, ${depth - 1}]`);
  if (!Number.isInteger(m.layer) || m.layer < 0 || m.layer >= depth) {
    throw new Error(`fisher measurement: layer must be "output" or an integer in [0, ${depth - 1}], got ${JSON.stringify(m.layer)}`);
  }
  return m.layer;
}

/**
 * Measure a trained network the way its run's config describes its stimuli: the configured
 * image source, identities of the measurement's split (default test, the images the network never
 * trained on; `resample` draws a seeded bootstrap sample or subset of them), `angles` evenly spaced over the source's domain. `source` may be passed to reuse a
 * loaded bank.
 */
export function measureConfiguredNetwork(network: ActivityModel, config: Config, m: ConfiguredMeasurement,
  source: StimulusSource = loadSource(config.data.source)): FisherEstimate[] {
  if (!(NETWORK_METHODS as readonly string[]).includes(m.method)) {
    throw new Error(`fisher measurement: method must be one of ${NETWORK_METHODS.join(", ")} on a network, got ${JSON.stringify(m.method)}`);
  }
  const layer = network.resolveLayer ? network.resolveLayer(m.layer) : measurementLayer(m, network.layers.length);
  const split = runIdentities(source, config.data.split, m.split ?? "test");
  const identities = m.resample && source.identities > 1 ? resampleIdentities(split, m.resample) : split;
  const angles = angleGridFromSpec(m.angles ?? DEFAULT_MEASUREMENT_ANGLES, source.domain.low, source.domain.high, "fisher measurement: angles");
  return measureNetwork(network, source, {
    method: m.method as NetworkMethod, layer, angles, identities,
    delta: m.delta, samples: m.samples, seed: m.seed ?? config.seed ?? FISHER_DEFAULTS.seed,
  });
}
