/**
 * Planted-truth populations for the estimator tests: N units with cosine tuning
 * f_i(θ) = a + b_i cos(θ − φ_i) and a fixed correlated Gaussian noise covariance Σ, so that
 * I(θ) = f'(θ)ᵀ Σ⁻¹ f'(θ) in closed form (and the exact finite-δ target of the two-class estimators
 * is (Δf/δ)ᵀ Σ⁻¹ (Δf/δ)).
 */
import { cholesky, choleskyInverse, matmul, matrix, quadraticForm, type Matrix } from "../../src/math/linalg.js";
import type { Rng } from "../../src/engine/index.js";

export interface Population {
  units: number;
  mean(theta: number): Float64Array;
  derivative(theta: number): Float64Array;
  sigma: Matrix;
  chol: Matrix;
  /** closed-form I(θ) = f'ᵀ Σ⁻¹ f' */
  fisher(theta: number): number;
  /** exact target of a two-class estimator at θ ± δ/2 */
  fisherFinite(theta: number, delta: number): number;
  sample(theta: number, trials: number, rng: Rng): Matrix;
}

export function cosinePopulation(units = 10, options: { amplitude?: number; noise?: number; correlation?: number } = {}): Population {
  const amp = options.amplitude ?? 1, noise = options.noise ?? 1, corr = options.correlation ?? 0.3;
  const phi = Float64Array.from({ length: units }, (_, i) => (2 * Math.PI * i) / units);
  const gain = Float64Array.from({ length: units }, (_, i) => amp * (0.6 + 0.8 * ((i * 7) % units) / units));
  const sigma = matrix(units, units);
  for (let i = 0; i < units; i++) for (let j = 0; j < units; j++) {
    // limited-range correlations: similar preferred angles share more noise (information-limiting-like)
    const k = Math.exp((Math.cos(phi[i] - phi[j]) - 1) / 0.5);
    sigma.data[i * units + j] = noise * noise * ((i === j ? 1 - corr : 0) + corr * k);
  }
  const chol = cholesky(sigma)!;
  const mean = (t: number) => Float64Array.from(phi, (p, i) => 2 + gain[i] * Math.cos(t - p));
  const derivative = (t: number) => Float64Array.from(phi, (p, i) => -gain[i] * Math.sin(t - p));
  return {
    units, mean, derivative, sigma, chol,
    fisher: (t) => quadraticForm(chol, derivative(t)),
    fisherFinite: (t, d) => {
      const a = mean(t - d / 2), b = mean(t + d / 2);
      return quadraticForm(chol, b.map((x, i) => (x - a[i]) / d));
    },
    sample(t, trials, rng) {
      const m = mean(t);
      const out = matrix(trials, units);
      const z = new Float64Array(units);
      for (let r = 0; r < trials; r++) {
        for (let i = 0; i < units; i++) z[i] = rng.normal();
        for (let i = 0; i < units; i++) {
          let s = m[i];
          for (let k = 0; k <= i; k++) s += chol.data[i * units + k] * z[k];
          out.data[r * units + i] = s;
        }
      }
      return out;
    },
  };
}

/**
 * A population whose noise covariance depends on θ: r_j(θ) = f(θ) + S(θ) L z_j with
 * S = diag(1 + c cos(θ − φ_i)), so Σ = S Σ₀ S, Σ' = S'Σ₀S + SΣ₀S' and the full Gaussian FI is
 * f'ᵀΣ⁻¹f' + ½ tr(Σ⁻¹Σ'Σ⁻¹Σ') in closed form. z_j is one "identity", fixed across θ.
 */
export function modulatedPopulation(units = 6, options: { noise?: number; modulation?: number } = {}) {
  const base = cosinePopulation(units, { noise: options.noise ?? 0.3 });
  const c = options.modulation ?? 0.3;
  const phi = Float64Array.from({ length: units }, (_, i) => (2 * Math.PI * i) / units);
  const s = (t: number) => Float64Array.from(phi, (p) => 1 + c * Math.cos(t - p));
  const ds = (t: number) => Float64Array.from(phi, (p) => -c * Math.sin(t - p));
  const sigmaAt = (t: number, left: Float64Array, right: Float64Array) => {
    const m = matrix(units, units);
    for (let i = 0; i < units; i++) for (let j = 0; j < units; j++) m.data[i * units + j] = left[i] * base.sigma.data[i * units + j] * right[j];
    return m;
  };
  return {
    units,
    fisher(t: number): { meanTerm: number; covTerm: number } {
      const sig = sigmaAt(t, s(t), s(t));
      const l = cholesky(sig)!;
      const meanTerm = quadraticForm(l, base.derivative(t));
      const a = sigmaAt(t, ds(t), s(t)), b = sigmaAt(t, s(t), ds(t));
      const dsig = matrix(units, units, a.data.map((v, i) => v + b.data[i]));
      const inv = choleskyInverse(l);
      const prod = matmul(inv, dsig);
      let tr = 0;
      for (let i = 0; i < units; i++) for (let k = 0; k < units; k++) tr += prod.data[i * units + k] * prod.data[k * units + i];
      return { meanTerm, covTerm: 0.5 * tr };
    },
    /** responses and derivatives of M identities at θ, [M, N] each */
    identities(t: number, m: number, rng: Rng): { responses: Matrix; derivatives: Matrix } {
      const f = base.mean(t), df = base.derivative(t), st = s(t), dst = ds(t);
      const r = matrix(m, units), dr = matrix(m, units);
      for (let j = 0; j < m; j++) {
        const z = Float64Array.from({ length: units }, () => rng.normal());
        for (let i = 0; i < units; i++) {
          let lz = 0;
          for (let k = 0; k <= i; k++) lz += base.chol.data[i * units + k] * z[k];
          r.data[j * units + i] = f[i] + st[i] * lz;
          dr.data[j * units + i] = df[i] + dst[i] * lz;
        }
      }
      return { responses: r, derivatives: dr };
    },
  };
}
