import { z } from "zod";
import { FISHER_DEFAULTS } from "./defaults.js";
import { parseOptions, rules } from "./options.js";
import { cholesky, choleskySolve, covariance, matrix, meanRows, quadraticForm, selectRows, type Matrix } from "../math/index.js";
import { ledoitWolf } from "./ledoitWolf.js";
import { sampleCovarianceValid } from "./linearFisher.js";
import { toMatrix, type Activity } from "./activity.js";
import { assertFinite, normalInterval, type FisherEstimate } from "./estimate.js";

/** Responses r_j(θ) of M identities and their θ-derivatives dr_j/dθ (e.g. network JVPs), both [M, N]. */
export interface DerivativeData {
  theta: number;
  responses: Activity;
  derivatives: Activity;
}

const schema = z.object({
  confidence: rules.fraction().optional(),
  jackknife: z.boolean({ error: "must be true or false" }).optional(),
  covariance: z.enum(["auto", "sample", "ledoit-wolf"], { error: "must be 'auto', 'sample' or 'ledoit-wolf'" }).optional(),
}).strict();

export type DerivativeOptions = z.infer<typeof schema>;

/**
 * Full Gaussian Fisher information from per-identity derivatives (docs/estimators.md, `derivative`; Kanitscheider et al. 2015):
 * μ' = mean_j dr_j, Σ = sample covariance of r_j, Σ' = dΣ/dθ of the sample covariance
 * = (1/(M−1)) Σ_j [(dr_j − μ')(r_j − μ)ᵀ + (r_j − μ)(dr_j − μ')ᵀ], and
 * I = μ'ᵀΣ⁻¹μ' (meanTerm) + ½ tr(Σ⁻¹Σ'Σ⁻¹Σ') (covTerm) (Gaussian FI, e.g. Kay 1993 eq. 3.31).
 * Bias: the mean term is corrected like Kanitscheider et al. 2015 (inverse-Wishart factor and the
 * noise of μ̂'): meanTerm = μ̂'ᵀΣ̂⁻¹μ̂'·(M − N − 2)/(M − 1) − tr(Σ̂⁻¹ Σ̂_dr)/M, Σ̂_dr the sample
 * covariance of dr_j (exact when μ̂' and Σ̂ are independent; measured −2…−7% at M = 15…100, N = 6);
 * the covariance term is jackknife bias-corrected, M·T − (M−1)·mean T₋ⱼ. `fisherUncorrected` is
 * the plug-in sum. Uncertainty: delete-one jackknife over identities (Efron & Stein 1981) of the
 * plug-in sum. When M − 1 ≤ N + 3 the covariance is Ledoit–Wolf shrunk (Σ' shrunk by the same
 * 1 − s; only the mean-noise term is subtracted), with a warning.
 */
export function derivative(options: DerivativeOptions = {}) {
  const o = parseOptions("derivative()", schema, options);
  const resolved = {
    confidence: o.confidence ?? FISHER_DEFAULTS.confidence,
    jackknife: o.jackknife ?? FISHER_DEFAULTS.jackknife,
    covariance: o.covariance ?? "auto",
  };
  return {
    method: "derivative" as const,
    options: resolved,
    estimate(data: DerivativeData): FisherEstimate {
      const fn = "derivative()";
      if (!Number.isFinite(data.theta)) throw new Error(`${fn}: theta must be a finite number, got ${data.theta}`);
      const r = toMatrix(fn, "responses", data.responses), dr = toMatrix(fn, "derivatives", data.derivatives);
      if (r.rows !== dr.rows || r.cols !== dr.cols) {
        throw new Error(`${fn}: responses and derivatives must have the same shape, got ${r.rows}×${r.cols} and ${dr.rows}×${dr.cols}`);
      }
      const m = r.rows, units = r.cols;
      if (m < 3) throw new Error(`${fn}: needs at least 3 identities, got ${m}`);
      const shrink = resolved.covariance === "ledoit-wolf" ||
        (resolved.covariance === "auto" && !sampleCovarianceValid(units, m - 1, FISHER_DEFAULTS.shrinkageMargin));
      const warnings: string[] = [];
      if (shrink && resolved.covariance === "auto") warnings.push(`derivative(): ${m} identities for ${units} units (M − 1 ≤ N + 3): using Ledoit–Wolf shrinkage, whose I can be biased (measured up to +145% on correlated noise; README, "More units than trials"); measure on more identities (e.g. --split train, 300 identities) for an unbiased value`);
      const full = derivativeTerms(fn, r, dr, shrink);
      let covTerm = full.covTerm, stderr = 0;
      const meanTerm = (shrink ? full.meanTerm : (full.meanTerm * (m - units - 2)) / (m - 1)) - full.meanNoise;
      if (resolved.jackknife) {
        const loo = Array.from({ length: m }, (_, j) => {
          const keep = Array.from({ length: m - 1 }, (_, i) => (i < j ? i : i + 1));
          return derivativeTerms(fn, selectRows(r, keep), selectRows(dr, keep), shrink);
        });
        const mean = (f: (t: { meanTerm: number; covTerm: number }) => number) => loo.reduce((s, t) => s + f(t), 0) / m;
        const mCov = mean((t) => t.covTerm), mSum = mean((t) => t.meanTerm + t.covTerm);
        covTerm = m * full.covTerm - (m - 1) * mCov;
        stderr = Math.sqrt(((m - 1) / m) * loo.reduce((s, t) => s + (t.meanTerm + t.covTerm - mSum) ** 2, 0));
      }
      const fisher = meanTerm + covTerm;
      return assertFinite(fn, { theta: data.theta, fisher, stderr, ...normalInterval(fisher, stderr, resolved.confidence),
        method: "derivative", nSamples: m, fisherUncorrected: full.meanTerm + full.covTerm, meanTerm, covTerm,
        covariance: shrink ? "ledoit-wolf" : "sample", warnings });
    },
  };
}

/** Plug-in mean and covariance terms for one set of identities. */
export function derivativeTerms(fn: string, r: Matrix, dr: Matrix, shrink: boolean): { meanTerm: number; covTerm: number; meanNoise: number } {
  const m = r.rows, n = r.cols;
  const mu = meanRows(r), dmu = meanRows(dr);
  // Σ' of the unbiased sample covariance, [N, N]
  const dSigma = matrix(n, n);
  const a = new Float64Array(n), b = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < n; i++) { a[i] = dr.data[j * n + i] - dmu[i]; b[i] = r.data[j * n + i] - mu[i]; }
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) dSigma.data[i * n + k] += a[i] * b[k] + b[i] * a[k];
  }
  let sigma: Matrix;
  if (shrink) {
    const centered = matrix(m, n);
    for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) centered.data[j * n + i] = r.data[j * n + i] - mu[i];
    const lw = ledoitWolf(centered);
    sigma = lw.covariance;
    // LW uses the ML scatter / M; its derivative is (1 − s)·Σ'_ML (shrinkage s held fixed)
    for (let i = 0; i < n * n; i++) dSigma.data[i] *= (1 - lw.shrinkage) / m;
  } else {
    sigma = covariance(r, 1, mu);
    for (let i = 0; i < n * n; i++) dSigma.data[i] /= m - 1;
  }
  const l = cholesky(sigma);
  if (!l) throw new Error(`${fn}: the response covariance is singular (constant or dependent units across identities); drop those units or pass covariance: 'ledoit-wolf'`);
  const meanTerm = quadraticForm(l, dmu);
  // A = Σ⁻¹Σ' column by column; covTerm = ½ tr(A A) = ½ Σ_ik A_ik A_ki
  const aMat = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) col[i] = dSigma.data[i * n + k];
    const x = choleskySolve(l, col);
    for (let i = 0; i < n; i++) aMat[i * n + k] = x[i];
  }
  let tr = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) tr += aMat[i * n + k] * aMat[k * n + i];
  // tr(Σ⁻¹ Σ_dr)/M: the expected excess of μ̂'ᵀΣ⁻¹μ̂' from the noise of the mean derivative
  const sdr = covariance(dr, 1, dmu);
  let noise = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) col[i] = sdr.data[i * n + k];
    noise += choleskySolve(l, col)[k];
  }
  return { meanTerm, covTerm: 0.5 * tr, meanNoise: noise / m };
}
