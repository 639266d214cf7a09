import type { Rng } from "../engine/index.js";
import type { Domain } from "./domain.js";

/** Plain-data descriptions of the angle distributions; they round-trip through JSON/YAML configs. */
export type DistributionSpec =
  | { kind: "vonmises"; loc: number; kappa: number }
  | { kind: "uniform"; low?: number; high?: number }
  | { kind: "normal"; loc: number; scale: number }
  | { kind: "tabulated"; grid: number[]; density: number[] };

export type DistributionKind = DistributionSpec["kind"];

/**
 * A probability distribution of angles on a domain. On a circular domain the density is wrapped
 * (it integrates to 1 over one period); on the linear domain it is truncated to [low, high].
 */
export interface AngleDistribution {
  /** the plain-data description this distribution was built from (with defaults filled in) */
  readonly spec: DistributionSpec;
  readonly domain: Domain;
  /** density at θ (θ is wrapped into the domain first when the domain is circular) */
  pdf(theta: number): number;
  /** P(low ≤ X ≤ θ) for θ in [low, high) */
  cdf(theta: number): number;
  /** n independent draws in [low, high) */
  sample(n: number, rng: Rng): Float64Array;
}
