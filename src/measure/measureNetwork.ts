import { derivative, FISHER_DEFAULTS, interval, NETWORK_METHODS, refine, twoClassEstimator, type FisherEstimate, type NetworkMethod, type SamplingOptions } from "../fisher/index.js";
import type { StimulusSource } from "../stimuli/index.js";
import { derivativePasses, recordDerivative, recordPair, type ActivityModel } from "./recordActivity.js";

export interface NetworkMeasurement {
  method: NetworkMethod;
  /** 0-based layer; the last is the output */
  layer: number;
  /** angles (radians) at which I is estimated; for `interval`, the interval edges */
  angles: readonly number[];
  /** identities shown (a split of the bank, in split order) */
  identities: ArrayLike<number>;
  /** two-class methods: separation of the classes (radians) */
  delta?: number;
  /** two-class methods: images per class (default: half the identities, ≤ 1000) */
  samples?: number;
  seed?: number;
  confidence?: number;
  /** linear-decoder: relative ridge for singular covariances (more units than trials) */
  ridge?: number;
  /** sampling: covariance estimate (default auto: Ledoit–Wolf when trials are too few) */
  covariance?: SamplingOptions["covariance"];
}

/**
 * Fisher information of a network's layer about the rotation angle: renders the identities at
 * each angle, records the layer's activity (and, for derivative-based methods, its JVP along
 * dx/dθ), and applies the estimator. One function for `fisherlab fisher --run`, sweeps and the
 * adaptation loop, so they cannot measure differently.
 */
export function measureNetwork(model: ActivityModel, source: StimulusSource, m: NetworkMeasurement): FisherEstimate[] {
  if (!(NETWORK_METHODS as readonly string[]).includes(m.method)) {
    throw new Error(`measureNetwork(): method must be one of ${NETWORK_METHODS.join(", ")}, got ${JSON.stringify(m.method)}`);
  }
  const seed = m.seed ?? FISHER_DEFAULTS.seed;
  const confidence = m.confidence ?? FISHER_DEFAULTS.confidence;
  const record = { layer: m.layer, identities: m.identities, seed };
  const est = derivative({ confidence });
  const measure = (theta: number) => est.estimate(recordDerivative(model, source, theta, record));
  const domain = source.domain;
  // the whole grid: several angles per rendering call and JVP pass, estimated pass by pass so that
  // only one pass of responses is held (derivativePasses)
  if (m.method === "derivative") {
    const out: FisherEstimate[] = [];
    for (const pass of derivativePasses(model, source, m.angles, record)) for (const d of pass) out.push(est.estimate(d));
    return out;
  }
  if (m.method === "refine") return refine({ confidence }).estimate(measure, [...m.angles]);
  if (m.method === "interval") {
    // the angles are interval edges (closing the circle); each interval is averaged to the target error
    const edges = [...m.angles, domain.circular ? m.angles[0] + (domain.high - domain.low) : domain.high];
    const iv = interval({ confidence, seed });
    const out: FisherEstimate[] = [];
    for (let i = 0; i + 1 < edges.length; i++) out.push(...iv.estimate(measure, edges[i], edges[i + 1]));
    return out;
  }
  const perClass = source.identities === 1 ? 1000 : Math.min(1000, Math.floor(m.identities.length / 2));
  const samples = m.samples ?? perClass;
  const delta = m.delta ?? FISHER_DEFAULTS.delta;
  const estimator = twoClassEstimator(m.method, confidence, seed, m.ridge, m.covariance);
  return m.angles.map((theta) => estimator.estimate(recordPair(model, source, theta, delta, samples, record)));
}
