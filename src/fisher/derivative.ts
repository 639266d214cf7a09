import { z } from "zod";
import { FISHER_DEFAULTS } from "./defaults.js";
import { checkOptions } from "../rules/index.js";
import { rules } from "./options.js";
import type { Regime } from "./regime.js";
import { cholesky, choleskySolve, covariance, forwardSolve, matrix, meanRows, quadraticForm, selectRows, symmetricEigen, type Matrix } from "../math/index.js";
import { derivativeStats, unbiasedTerms, type DerivativeStats, type DerivativeTerms } from "./derivativeTerms.js";
import { createRng, type Rng } from "../engine/rng.js"; // not engine/index.js, which loads Node modules: the playground runs this in a browser
import { ledoitWolf } from "./ledoitWolf.js";
import { lowRankPreferred, lowRankShrunkEstimate } from "./lowRankShrunk.js";
import { shrunkJackknifeEstimate } from "./shrunkJackknife.js";
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
  bootstrap: rules.intAtLeast(20).optional(),
  seed: rules.seed().optional(),
  covariance: z.enum(["auto", "sample", "ledoit-wolf"], { error: "must be 'auto', 'sample' or 'ledoit-wolf'" }).optional(),
}).strict();

export type DerivativeOptions = z.infer<typeof schema>;

/**
 * Full Gaussian Fisher information from per-identity derivatives (docs/estimators.md, `derivative`; Kanitscheider et al. 2015):
 * μ' = mean_j dr_j, Σ = sample covariance of r_j, Σ' = dΣ/dθ = C + Cᵀ with C the sample
 * cross-covariance of dr_j and r_j, and I = μ'ᵀΣ⁻¹μ' (meanTerm) + ½ tr(Σ⁻¹Σ'Σ⁻¹Σ') (covTerm)
 * (Gaussian FI, Kay 1993 eq. 3.31). Both terms are exactly unbiased for jointly Gaussian (r_j, dr_j)
 * (derivativeTerms.ts: the inverse-Wishart factor, the noise the responses and derivatives share,
 * and the noise of Σ̂'); `fisherUncorrected` is the plug-in sum. Standard error: a parametric
 * bootstrap from the fitted Gaussian model with the signal scaled to the corrected terms (seeded).
 * When M − 1 ≤ N + 3 the covariance is Ledoit–Wolf shrunk (Σ' shrunk by the same 1 − s; only the
 * mean-noise term is subtracted; jackknife stderr), with a warning: that regime is not unbiased.
 */
export function derivative(options: DerivativeOptions = {}) {
  const o = checkOptions("derivative()", schema, options ?? {});
  const resolved = {
    confidence: o.confidence ?? FISHER_DEFAULTS.confidence,
    bootstrap: o.bootstrap ?? FISHER_DEFAULTS.derivativeBootstrap,
    seed: o.seed ?? FISHER_DEFAULTS.seed,
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
      if (resolved.covariance === "sample" && !sampleCovarianceValid(units, m - 1, FISHER_DEFAULTS.shrinkageMargin)) {
        throw new Error(`${fn}: the unbiased terms need M − 1 > N + 3 (identities ${m}, units ${units}); measure more identities or use covariance: 'auto' or 'ledoit-wolf'`);
      }
      const warnings: string[] = [];
      if (shrink) {
        if (resolved.covariance === "auto") warnings.push(`derivative(): ${m} identities for ${units} units (M − 1 ≤ N + 3): using Ledoit–Wolf shrinkage, whose I can be biased (measured up to +145% on correlated noise; docs/estimators.md); measure on more identities (e.g. --split train, 300 identities) for an unbiased value`);
        // N ≫ M (backbone blocks): the same estimate in the span of the identities (lowRankShrunk.ts)
        return (lowRankPreferred(units, m) ? lowRankShrunkEstimate : shrunkEstimate)(fn, data.theta, r, dr, resolved.confidence, warnings);
      }
      const st = derivativeStats(r, dr);
      const t = unbiasedTerms(st);
      const regime = DERIVATIVE_REGIME;
      if (m < regime.minIdentities(units)) {
        warnings.push(`derivative(): ${m} identities for ${units} units is outside the calibrated regime (M ≥ ${regime.minIdentities(units)}): the estimate may be biased and its interval miscalibrated (${regime.outside}; docs/validation.md); measure more identities`);
      }
      const rng = createRng(resolved.seed).fork(`derivative:${data.theta}`);
      const stderr = bootstrapStderr(st, t, resolved.bootstrap, rng);
      const fisher = t.meanTerm + t.covTerm;
      return assertFinite(fn, { theta: data.theta, fisher, stderr, ...normalInterval(fisher, stderr, resolved.confidence),
        method: "derivative", nSamples: m, fisherUncorrected: t.meanPlug + t.covPlug, meanTerm: t.meanTerm, covTerm: t.covTerm,
        covariance: "sample", warnings });
    },
  };
}

/**
 * Where `derivative()` is calibrated (|bias| ≤ 10%, 95% coverage in [0.90, 0.98]), as measured by
 * `fisherlab validate` (docs/validation.md); outside it the command warns.
 */
export const DERIVATIVE_REGIME: Regime & { minIdentities(units: number): number; outside: string } = {
  description: "M ≥ 2N + 10 and M ≥ 50 identities, jointly Gaussian responses and derivatives, no outliers (inside it the bias is within −6% to +9% and stderr/sd 0.7–1.3; below M = 50 the bias reaches −20% ± 4% at N = 5, M = 25)",
  minIdentities: (units) => Math.max(2 * units + 10, 50),
  outside: "measured −20% ± 4% at N = 5, M = 25, and stderr/sd up to 1.3–2 at N = 20, M = 30–50",
  contains: (c) => c.samples >= Math.max(2 * c.units + 10, 50) && !c.outliers,
};

/**
 * Parametric bootstrap of the unbiased estimate: B datasets of M identities from the fitted joint
 * Gaussian (Σ = S, β = s_c·β̂, Σ_u = Ŝ_u, μ' = s_m·μ̂'), with s_m, s_c scaling the plug-in signal
 * down to the corrected terms (the plug-in overstates both, which would inflate the variance).
 */
function bootstrapStderr(st: DerivativeStats, t: DerivativeTerms, replicates: number, rng: Rng): number {
  const { n, m } = st;
  const l = cholesky(st.s)!;
  const sm = t.meanPlug > 0 ? Math.sqrt(Math.max(t.meanTerm, 0) / t.meanPlug) : 0;
  const sc = t.covPlug > 0 ? Math.sqrt(Math.max(t.covTerm, 0) / t.covPlug) : 0;
  const u = residualFactor(l, t.residual, st.nu - n);
  const r = matrix(m, n), d = matrix(m, n);
  const z = new Float64Array(n), e = new Float64Array(n), w = new Float64Array(n);
  const values: number[] = [];
  for (let b = 0; b < replicates; b++) {
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < n; i++) { z[i] = rng.normal(); w[i] = rng.normal(); }
      for (let i = 0; i < n; i++) { let s = 0; for (let k = 0; k <= i; k++) s += l.data[i * n + k] * z[k]; e[i] = s; r.data[j * n + i] = s; }
      for (let i = 0; i < n; i++) {
        let s = sm * st.dmu[i];
        for (let k = 0; k < n; k++) s += sc * t.beta.data[i * n + k] * e[k] + u.data[i * n + k] * w[k];
        d.data[j * n + i] = s;
      }
    }
    const tb = unbiasedTerms(derivativeStats(r, d), undefined, true);
    values.push(tb.meanTerm + tb.covTerm);
  }
  const mean = values.reduce((s, x) => s + x, 0) / values.length;
  return Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (values.length - 1));
}

/**
 * U with U Uᵀ = L A Lᵀ, the bootstrap's residual derivative covariance. A = L⁻¹Ŝ_uL⁻ᵀ (whitened) is
 * shrunk toward (tr A/N)·I so that tr A² matches its unbiased estimate (for A ~ Wishart(d)/d,
 * E tr Â² = tr A² + (tr A² + (tr A)²)/d, with 1/d = 1/(ν − N) + 1/ν for the noise of L): an
 * over-dispersed A would inflate the bootstrap variance (measured 1.5× at N = 20, M = 50).
 */
function residualFactor(l: Matrix, residual: Matrix, dof: number): Matrix {
  const n = l.rows;
  const half = matrix(n, n), a = matrix(n, n);
  const col = new Float64Array(n);
  for (let k = 0; k < n; k++) { // L⁻¹ Ŝ_u, then L⁻¹ (L⁻¹ Ŝ_u)ᵀ
    for (let i = 0; i < n; i++) col[i] = residual.data[i * n + k];
    const y = forwardSolve(l, col);
    for (let i = 0; i < n; i++) half.data[i * n + k] = y[i];
  }
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) col[i] = half.data[k * n + i];
    const y = forwardSolve(l, col);
    for (let i = 0; i < n; i++) a.data[i * n + k] = y[i];
  }
  let tr = 0, tr2 = 0;
  for (let i = 0; i < n; i++) { tr += a.data[i * n + i]; for (let k = 0; k < n; k++) tr2 += a.data[i * n + k] * a.data[k * n + i]; }
  // whitening by S inflates the trace: E tr(S⁻¹Σ_u) = ν/(ν−N−1)·tr(Σ⁻¹Σ_u), ν = dof + N
  const nu = dof + n, shrinkTrace = (nu - n - 1) / nu;
  const inv = 1 / dof + 1 / nu;
  const target = (tr2 - tr * tr * inv) / (1 + inv), floor = (tr * tr) / n;
  const lambda = tr2 - floor > 0 ? Math.sqrt(Math.min(1, Math.max(0, (target - floor) / (tr2 - floor)))) : 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    a.data[i * n + k] = shrinkTrace * (lambda * a.data[i * n + k] + (i === k ? ((1 - lambda) * tr) / n : 0));
  }
  const { values, vectors } = symmetricEigen(a);
  const root = matrix(n, n); // V √Λ (U = L V √Λ; the rotation Vᵀ is irrelevant for sampling)
  for (let k = 0; k < n; k++) {
    const s = Math.sqrt(Math.max(values[k], 0));
    for (let i = 0; i < n; i++) root.data[i * n + k] = vectors.data[i * n + k] * s;
  }
  const out = matrix(n, n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    let s = 0;
    for (let q = 0; q <= i; q++) s += l.data[i * n + q] * root.data[q * n + k];
    out.data[i * n + k] = s;
  }
  return out;
}

/** Ledoit–Wolf regime (M − 1 ≤ N + 3): shrunk plug-in terms, mean noise subtracted, jackknife stderr. */
export function shrunkEstimate(fn: string, theta: number, r: Matrix, dr: Matrix, confidence: number, warnings: string[]): FisherEstimate {
  return shrunkJackknifeEstimate(fn, theta, r.rows, (keep) => shrunkTerms(fn, selectRows(r, keep), selectRows(dr, keep)), confidence, warnings);
}

/** Plug-in terms with the Ledoit–Wolf covariance, and the mean-noise term tr(Σ̂⁻¹Σ̂_dr)/M. */
function shrunkTerms(fn: string, r: Matrix, dr: Matrix): { meanTerm: number; covTerm: number; meanNoise: number } {
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
  {
    const centered = matrix(m, n);
    for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) centered.data[j * n + i] = r.data[j * n + i] - mu[i];
    const lw = ledoitWolf(centered);
    sigma = lw.covariance;
    // LW uses the ML scatter / M; its derivative is (1 − s)·Σ'_ML (shrinkage s held fixed)
    for (let i = 0; i < n * n; i++) dSigma.data[i] *= (1 - lw.shrinkage) / m;
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
