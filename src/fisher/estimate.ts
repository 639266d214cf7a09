import { normalQuantile } from "./special.js";

import type { FisherMethod } from "./methods.js";

export type { FisherMethod };

/**
 * One Fisher information estimate at one angle. Every estimator returns this shape; the
 * optional fields are filled by the estimators that compute them.
 */
export interface FisherEstimate {
  theta: number;
  /** I(θ) itself (never √I), bias-corrected where the method has a correction */
  fisher: number;
  /** standard error of `fisher` (method-specific, see the README section on the estimators) */
  stderr: number;
  ciLow: number;
  ciHigh: number;
  method: FisherMethod;
  /** trials (or identities) the estimate used */
  nSamples: number;
  /** plug-in value before bias correction (sampling, robust, smooth, derivative) */
  fisherUncorrected?: number;
  /** μ'ᵀ Σ⁻¹ μ' (derivative) */
  meanTerm?: number;
  /** ½ tr(Σ⁻¹ Σ' Σ⁻¹ Σ') (derivative) */
  covTerm?: number;
  /** sensitivity index between the two classes (decoders) */
  dprime?: number;
  /** covariance estimator used: the sample covariance, or Ledoit–Wolf when trials < units + 3 */
  covariance?: "sample" | "ledoit-wolf";
  /** things the caller should know (regime switches, regularisation) */
  warnings: string[];
}

/** Normal-approximation interval fisher ± z·stderr at the given two-sided confidence. */
export function normalInterval(fisher: number, stderr: number, confidence: number): { ciLow: number; ciHigh: number } {
  const z = normalQuantile(0.5 + confidence / 2);
  return { ciLow: fisher - z * stderr, ciHigh: fisher + z * stderr };
}

/** Throw rather than let a NaN or infinity reach a result (the CSV must never carry a silent NaN). */
export function assertFinite(fn: string, est: FisherEstimate): FisherEstimate {
  for (const key of ["theta", "fisher", "stderr", "ciLow", "ciHigh", "fisherUncorrected", "meanTerm", "covTerm", "dprime"] as const) {
    const v = est[key];
    if (v !== undefined && !Number.isFinite(v)) {
      throw new Error(`${fn}: result field ${key} is ${v} at θ = ${est.theta}; the activity is probably degenerate (constant units or identical classes) — drop constant units or add trials`);
    }
  }
  return est;
}
