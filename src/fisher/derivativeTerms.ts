import { cholesky, choleskyInverse, matrix, meanRows, type Matrix } from "../math/index.js";

/**
 * Sufficient statistics of per-identity responses r_j and derivatives d_j = dr_j/dθ, [M, N] each:
 * the mean derivative m̄, S = Cov(r), C = Cov(d, r) (C[i][k] = Σ_j (d_ji − m̄_i)(r_jk − r̄_k)/ν) and
 * D = Cov(d), all with ν = M − 1 degrees of freedom. Σ̂' = C + Cᵀ is the derivative of S.
 */
export interface DerivativeStats {
  m: number;
  n: number;
  nu: number;
  dmu: Float64Array;
  s: Matrix;
  c: Matrix;
  d: Matrix;
}

export function derivativeStats(r: Matrix, dr: Matrix): DerivativeStats {
  const m = r.rows, n = r.cols, nu = m - 1;
  const mu = meanRows(r), dmu = meanRows(dr);
  const e = new Float64Array(m * n), f = new Float64Array(m * n); // centred r and d, [M, N]
  for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) {
    e[j * n + i] = r.data[j * n + i] - mu[i];
    f[j * n + i] = dr.data[j * n + i] - dmu[i];
  }
  const s = matrix(n, n), c = matrix(n, n), d = matrix(n, n);
  for (let j = 0; j < m; j++) {
    const ej = e.subarray(j * n, (j + 1) * n), fj = f.subarray(j * n, (j + 1) * n);
    for (let i = 0; i < n; i++) {
      const ei = ej[i], fi = fj[i], row = i * n;
      for (let k = 0; k < n; k++) {
        s.data[row + k] += ei * ej[k];
        c.data[row + k] += fi * ej[k];
        d.data[row + k] += fi * fj[k];
      }
    }
  }
  for (let i = 0; i < n * n; i++) { s.data[i] /= nu; c.data[i] /= nu; d.data[i] /= nu; }
  return { m, n, nu, dmu, s, c, d };
}

/** Plug-in and unbiased terms of the Gaussian Fisher information from `DerivativeStats`. */
export interface DerivativeTerms {
  /** plug-in μ̂'ᵀ S⁻¹ μ̂' */
  meanPlug: number;
  /** plug-in ½ tr(S⁻¹Σ̂'S⁻¹Σ̂') */
  covPlug: number;
  /** unbiased μ'ᵀΣ⁻¹μ' */
  meanTerm: number;
  /** unbiased ½ tr(Σ⁻¹Σ'Σ⁻¹Σ') */
  covTerm: number;
  /** β̂ = C S⁻¹, the regression of the derivative noise on the response noise, [N, N] */
  beta: Matrix;
  /** residual covariance of d given r, unbiased (dof ν − N), [N, N] */
  residual: Matrix;
}

/**
 * Exactly unbiased mean and covariance terms under joint Gaussian (r_j, d_j) (derived for fisherlab;
 * docs/estimators.md, "derivative"). Write d − μ' = β(r − μ) + u with u ⊥ r, Cov(u) = Σ_u, so
 * Σ' = βΣ + Σβᵀ and ½tr(Σ⁻¹Σ'Σ⁻¹Σ') = tr(β²) + g with g = tr(Σ⁻¹βΣβᵀ); let h = tr(Σ⁻¹Σ_u).
 * With β̂ = β + X, X | S matrix-normal (Σ_u, S⁻¹/ν), the inverse-Wishart mean E[S⁻¹] = νΣ⁻¹/(ν−N−1)
 * and E[tr(W⁻¹GWGᵀ)] = [ν tr(GGᵀ) − tr(G²) − (tr G)²]/(ν−N−1) for W ~ Wishart(ν, I):
 *   E[tr β̂²] = tr β² + h/(ν−N−1),   E[(tr β̂)²] = (tr β)² + h/(ν−N−1),
 *   E[ĝ] = [ν g − tr β² − (tr β)² + N h]/(ν−N−1),   ĥ = (ν−N−1)/(ν−N)·tr(S⁻¹Ŝ_u) is unbiased,
 *   E[μ̂'ᵀS⁻¹μ̂'] = ν/(ν−N−1)·(μ'ᵀΣ⁻¹μ' + (g + h)/M)  (μ̂' is independent of S).
 * Solving these linear relations gives unbiased covTerm and meanTerm. Needs ν > N + 1.
 */
export function unbiasedTerms(st: DerivativeStats, inverse?: Matrix): DerivativeTerms;
export function unbiasedTerms(st: DerivativeStats, inverse: Matrix | undefined, termsOnly: true): Pick<DerivativeTerms, "meanPlug" | "covPlug" | "meanTerm" | "covTerm">;
export function unbiasedTerms(st: DerivativeStats, inverse?: Matrix, termsOnly = false): Pick<DerivativeTerms, "meanPlug" | "covPlug" | "meanTerm" | "covTerm"> | DerivativeTerms {
  const { n, nu, m } = st;
  const sInv = inverse ?? choleskyInverseOrThrow(st.s);
  const q = mul(sInv, st.c, false); // S⁻¹C
  const p = mul(sInv, st.c, true); // S⁻¹Cᵀ = β̂ᵀ
  let t2 = 0, tr = 0, g = 0, trSD = 0, plug = 0;
  for (let i = 0; i < n; i++) {
    tr += p.data[i * n + i];
    let si = 0;
    for (let k = 0; k < n; k++) {
      t2 += p.data[i * n + k] * p.data[k * n + i];
      g += q.data[i * n + k] * p.data[k * n + i];
      trSD += sInv.data[i * n + k] * st.d.data[k * n + i];
      si += sInv.data[i * n + k] * st.dmu[k];
    }
    plug += st.dmu[i] * si;
  }
  const a = nu - n - 1;
  // Ŝ_u = D − C S⁻¹ Cᵀ (ML-like, dof ν − N); tr(S⁻¹Ŝ_u) = tr(S⁻¹D) − ĝ
  const h = (a / (nu - n)) * (trSD - g);
  const b2 = t2 - h / a, tt = tr * tr - h / a;
  const gHat = (a * g + b2 + tt - n * h) / nu;
  const covTerm = b2 + gHat;
  const meanTerm = (a / nu) * plug - (gHat + h) / m;
  if (termsOnly) return { meanPlug: plug, covPlug: t2 + g, meanTerm, covTerm };
  const beta = matrix(n, n), residual = matrix(n, n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) beta.data[i * n + k] = p.data[k * n + i];
  const cp = mul(st.c, p, false); // C S⁻¹ Cᵀ
  for (let i = 0; i < n * n; i++) residual.data[i] = ((st.d.data[i] - cp.data[i]) * nu) / (nu - n);
  return { meanPlug: plug, covPlug: t2 + g, meanTerm, covTerm, beta, residual };
}

function choleskyInverseOrThrow(s: Matrix): Matrix {
  const l = cholesky(s);
  if (!l) throw new Error("derivative(): the response covariance is singular (constant or dependent units across identities); drop those units or pass covariance: 'ledoit-wolf'");
  return choleskyInverse(l);
}

/** A·B (or A·Bᵀ) for square N×N matrices. */
function mul(a: Matrix, b: Matrix, transposeB: boolean): Matrix {
  const n = a.rows, out = matrix(n, n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const aik = a.data[i * n + k];
    if (aik === 0) continue;
    for (let j = 0; j < n; j++) out.data[i * n + j] += aik * (transposeB ? b.data[j * n + k] : b.data[k * n + j]);
  }
  return out;
}
