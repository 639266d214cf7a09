import { meanRows, type Matrix } from "../math/index.js";
import { gramOfRows, shrinkageFromGram, woodburyForms } from "./spanShrinkage.js";
import type { FisherEstimate } from "./estimate.js";
import { shrunkJackknifeEstimate, type ShrunkTerms } from "./shrunkJackknife.js";

/**
 * The Ledoit–Wolf regime of `derivative()` when the units far outnumber the identities (N ≫ M: a
 * backbone block has thousands of units, a measurement tens of identities), computed in the span
 * of the identities instead of with N×N matrices (docs/estimators.md, "More units than trials").
 *
 * With E, F the centred responses and derivatives [M, N], S = EᵀE/M has rank < M, so the shrunk
 * covariance Σ̂ = (1 − s)S + s·ν·I = a·EᵀE + c·I (a = (1 − s)/M, c = s·ν) inverts by Woodbury:
 *   Σ̂⁻¹ = c⁻¹·(I − a·Eᵀ(c·I_M + a·EEᵀ)⁻¹E),
 * and every quantity the estimator needs is a quadratic form in vectors of span{E, F, μ'}:
 *   μ'ᵀΣ̂⁻¹μ',   ½tr(Σ̂⁻¹Σ̂'Σ̂⁻¹Σ̂') with Σ̂' = a(FᵀE + EᵀF) = a·UᵀJU (U = [E; F], J swaps the halves),
 *   so ½tr((aPJ)²) = a²(tr(P_EF²) + tr(P_EE·P_FF)) for P = UΣ̂⁻¹Uᵀ,   and tr(Σ̂⁻¹FᵀF).
 * The shrinkage s (Ledoit & Wolf 2004, Lemma 3.2) needs only tr S, ‖S‖²_F and x_kᵀSx_k, all
 * functions of the Gram matrix EEᵀ. So one Gram matrix of the 2M + 1 rows [E₀; F₀; μ̄'] (centred
 * once on all identities) serves the full estimate and every delete-one jackknife refit (a subset's
 * rows are linear combinations of these): O(N·M²) time and O(N·M) memory, against O(M·N³) and
 * O(N²) for the dense form. The numbers are the dense form's up to rounding (tested to 1e-9).
 */

/** Use the span form when the N×N matrices are larger than the span of the 2M + 1 rows. */
export function lowRankPreferred(units: number, identities: number): boolean {
  return units > 2 * identities + 1;
}


/**
 * The Ledoit–Wolf derivative estimate from responses and derivatives [M, N] in the span of the
 * identities: the same result as the dense path (shrunk terms, mean noise subtracted, delete-one
 * jackknife stderr).
 */
export function lowRankShrunkEstimate(fn: string, theta: number, r: Matrix, dr: Matrix, confidence: number, warnings: string[]): FisherEstimate {
  const m = r.rows;
  const span = identitySpan(r, dr);
  return shrunkJackknifeEstimate(fn, theta, m, (keep) => spanTerms(fn, span, keep), confidence, warnings);
}

/** The Gram matrix of the rows [E₀ (M); F₀ (M); μ̄' (1)], K = 2M + 1, and the sizes. */
interface IdentitySpan { m: number; n: number; k: number; gram: Float64Array }

function identitySpan(r: Matrix, dr: Matrix): IdentitySpan {
  const m = r.rows, n = r.cols, k = 2 * m + 1;
  const mu = meanRows(r), dmu = meanRows(dr);
  const z = new Float64Array(k * n); // [K, N]
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) {
    z[j * n + i] = r.data[j * n + i] - mu[i];
    z[(m + j) * n + i] = dr.data[j * n + i] - dmu[i];
  }
  z.set(dmu, 2 * m * n);
  const gram = gramOfRows(z, k, n);
  return { m: r.rows, n, k, gram };
}

/**
 * Shrunk terms of the identities `keep`: their rows [E; F; μ'] (2m + 1 of them, m = |keep|) as
 * coefficients over the span's rows, their Gram matrix, then the Woodbury forms above.
 */
function spanTerms(fn: string, span: IdentitySpan, keep: readonly number[]): ShrunkTerms {
  const { m: mAll, n, k, gram: q } = span;
  const m = keep.length, rows = 2 * m + 1;
  // coefficients [rows, K]: e_j = E₀_j − mean_keep E₀, f_j likewise, μ' = μ̄' + mean_keep F₀
  const coef = new Float64Array(rows * k);
  for (let a = 0; a < m; a++) {
    for (const j of keep) { coef[a * k + j] = -1 / m; coef[(m + a) * k + mAll + j] = -1 / m; }
    coef[a * k + keep[a]] += 1; coef[(m + a) * k + mAll + keep[a]] += 1;
  }
  coef[2 * m * k + 2 * mAll] = 1;
  for (const j of keep) coef[2 * m * k + mAll + j] = 1 / m;
  const g = congruence(coef, rows, q, k); // [rows, rows], Gram of [E; F; μ']
  // Ledoit–Wolf on S = EᵀE/m from the Gram block G = EEᵀ; P = [E; F; μ'] Σ̂⁻¹ [E; F; μ']ᵀ
  const { a, c } = shrinkageFromGram(g, rows, m, n);
  const p = woodburyForms(fn, g, rows, m, a, c, "the shrunk response covariance is singular (the responses do not vary across identities); measure a layer whose units vary or more distinct identities");
  let trEF2 = 0, trEEFF = 0, trFF = 0;
  for (let i = 0; i < m; i++) {
    trFF += p[(m + i) * rows + m + i];
    for (let j = 0; j < m; j++) {
      trEF2 += p[i * rows + m + j] * p[j * rows + m + i];
      trEEFF += p[i * rows + j] * p[(m + j) * rows + m + i];
    }
  }
  const mu = 2 * m;
  return { meanTerm: p[mu * rows + mu], covTerm: a * a * (trEF2 + trEEFF), meanNoise: trFF / ((m - 1) * m) };
}

/** B·Q·Bᵀ for B [rows, k] and symmetric Q [k, k]. */
function congruence(b: Float64Array, rows: number, q: Float64Array, k: number): Float64Array {
  const bq = new Float64Array(rows * k);
  for (let i = 0; i < rows; i++) for (let t = 0; t < k; t++) {
    const bit = b[i * k + t];
    if (bit === 0) continue;
    for (let j = 0; j < k; j++) bq[i * k + j] += bit * q[t * k + j];
  }
  const out = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) for (let j = i; j < rows; j++) {
    let s = 0;
    for (let t = 0; t < k; t++) s += bq[i * k + t] * b[j * k + t];
    out[i * rows + j] = s; out[j * rows + i] = s;
  }
  return out;
}
