import { jackknifeStderr } from "../math/index.js";
import { assertFinite, normalInterval, type FisherEstimate } from "./estimate.js";

/** The derivative estimator's terms with the Ledoit–Wolf covariance on a set of identities. */
export interface ShrunkTerms {
  /** μ̂'ᵀΣ̂⁻¹μ̂' */
  meanTerm: number;
  /** ½tr(Σ̂⁻¹Σ̂'Σ̂⁻¹Σ̂') */
  covTerm: number;
  /** tr(Σ̂⁻¹Σ̂_dr)/M, the expected excess of meanTerm from the noise of μ̂' */
  meanNoise: number;
}

/**
 * The Ledoit–Wolf-regime derivative estimate from its terms on all M identities (mean noise
 * subtracted) with the delete-one jackknife stderr over identities. `terms(keep)` computes the terms
 * on the identities `keep` — densely (derivative.ts) or in the span of the identities (lowRankShrunk.ts).
 */
export function shrunkJackknifeEstimate(fn: string, theta: number, m: number, terms: (keep: number[]) => ShrunkTerms,
  confidence: number, warnings: string[]): FisherEstimate {
  const all = Array.from({ length: m }, (_, i) => i);
  const full = terms(all);
  const loo = all.map((j) => {
    const t = terms(all.filter((i) => i !== j));
    return t.meanTerm - t.meanNoise + t.covTerm;
  });
  const stderr = jackknifeStderr(loo);
  const meanTerm = full.meanTerm - full.meanNoise, covTerm = full.covTerm;
  const fisher = meanTerm + covTerm;
  return assertFinite(fn, { theta, fisher, stderr, ...normalInterval(fisher, stderr, confidence),
    method: "derivative", nSamples: m, fisherUncorrected: full.meanTerm + full.covTerm, meanTerm, covTerm,
    covariance: "ledoit-wolf", warnings });
}
