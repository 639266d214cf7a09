import { cholesky, choleskyInverse, matrix, type Matrix } from "../math/index.js";
import type { Rng } from "../engine/index.js";

/** What a planted population is asked to carry. */
export interface PopulationSpec {
  /** units N */
  units: number;
  /** the linear Fisher information μ'ᵀΣ⁻¹μ' (the mean term) */
  meanTerm: number;
  /** ½ tr(Σ⁻¹Σ'Σ⁻¹Σ'), 0 for a θ-independent covariance */
  covTerm: number;
  /** derivative noise not explained by the response noise, tr(Σ⁻¹Σ_u) = derivativeNoise · meanTerm */
  derivativeNoise: number;
}

/**
 * A planted Gaussian population with closed-form Fisher information. Identity j (or trial j) has
 * noise e_j = L z_j (Σ = L Lᵀ: limited-range correlations between units with preferred angles φ_i),
 * responses r_j(θ) = f(θ) + (I + (θ − θ₀)β) e_j, so Σ(θ₀) = Σ, Σ' = βΣ + Σβᵀ, and derivatives
 * dr_j/dθ = μ' + β e_j + u_j with u_j ~ N(0, Σ_u) (the part of the derivative noise that the
 * responses do not share). f is linear in θ, so the two-class target Δμᵀ Σ̄⁻¹ Δμ / δ² is exact.
 * μ' and β are scaled to the requested terms; Σ_u = c Σ with tr(Σ⁻¹Σ_u) = derivativeNoise·meanTerm.
 */
export interface Population {
  spec: PopulationSpec;
  /** I = meanTerm + covTerm at θ₀ */
  fisher: number;
  /** target of a two-class (linear) estimator at θ₀ ± δ/2: Δμᵀ Σ̄⁻¹ Δμ / δ², Σ̄ the mean class covariance */
  twoClassTarget(delta: number): number;
  /** `trials` responses at θ₀ + offset, [trials, N]; `outliers` of them grossly contaminated */
  responses(offset: number, trials: number, rng: Rng, outliers?: number): Matrix;
  /** responses and derivatives of M identities at θ₀, [M, N] each */
  identities(m: number, rng: Rng, outliers?: number): { responses: Matrix; derivatives: Matrix };
}

export function plantedPopulation(spec: PopulationSpec): Population {
  const n = spec.units;
  const phi = Float64Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);
  const sigma = matrix(n, n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    sigma.data[i * n + k] = (i === k ? 0.7 : 0) + 0.3 * Math.exp((Math.cos(phi[i] - phi[k]) - 1) / 0.5);
  }
  const l = cholesky(sigma)!;
  const inv = choleskyInverse(l);
  // μ' ∝ cosine-tuning slopes at θ₀ = 0.7, scaled to the mean term
  const slope = Float64Array.from(phi, (p, i) => -(0.6 + (0.8 * ((i * 7) % n)) / n) * Math.sin(0.7 - p));
  const a0 = quad(inv, slope);
  const dmu = slope.map((v) => v * Math.sqrt(spec.meanTerm / a0));
  // β = diag(b_i) (gain modulation, as the tuning of the noise amplitude), scaled to the cov term
  const b0 = Float64Array.from(phi, (p) => Math.cos(0.7 - p) + 0.25);
  const beta = matrix(n, n);
  for (let i = 0; i < n; i++) beta.data[i * n + i] = b0[i];
  const j0 = covTermOf(beta, sigma, inv);
  const scale = spec.covTerm > 0 ? Math.sqrt(spec.covTerm / j0) : 0;
  for (let i = 0; i < n; i++) beta.data[i * n + i] *= scale;
  const uScale = Math.sqrt((spec.derivativeNoise * spec.meanTerm) / n); // tr(Σ⁻¹ c Σ) = c N
  const noise = (rng: Rng, z: Float64Array, e: Float64Array) => {
    for (let i = 0; i < n; i++) z[i] = rng.normal();
    for (let i = 0; i < n; i++) { let s = 0; for (let k = 0; k <= i; k++) s += l.data[i * n + k] * z[k]; e[i] = s; }
  };
  const contaminate = (row: Float64Array, rng: Rng, z: Float64Array, e: Float64Array) => {
    noise(rng, z, e);
    for (let i = 0; i < n; i++) row[i] += 10 * e[i]; // gross outlier: 10 noise sd in a random direction
  };
  return {
    spec,
    fisher: spec.meanTerm + spec.covTerm,
    twoClassTarget(delta) {
      // class covariances (I ± βδ/2) Σ (I ± βδ/2)ᵀ; their mean is Σ + (δ²/4) βΣβᵀ
      const bar = matrix(n, n);
      for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
        bar.data[i * n + k] = sigma.data[i * n + k] * (1 + (delta * delta / 4) * beta.data[i * n + i] * beta.data[k * n + k]);
      }
      return quad(choleskyInverse(cholesky(bar)!), dmu);
    },
    responses(offset, trials, rng, outliers = 0) {
      const out = matrix(trials, n);
      const z = new Float64Array(n), e = new Float64Array(n);
      for (let t = 0; t < trials; t++) {
        noise(rng, z, e);
        const row = out.data.subarray(t * n, (t + 1) * n);
        for (let i = 0; i < n; i++) row[i] = 2 + dmu[i] * offset + (1 + offset * beta.data[i * n + i]) * e[i];
        if (t < outliers) contaminate(row, rng, z, e);
      }
      return out;
    },
    identities(m, rng, outliers = 0) {
      const r = matrix(m, n), d = matrix(m, n);
      const z = new Float64Array(n), e = new Float64Array(n), w = new Float64Array(n);
      for (let j = 0; j < m; j++) {
        noise(rng, z, e);
        noise(rng, z, w);
        const rr = r.data.subarray(j * n, (j + 1) * n), dd = d.data.subarray(j * n, (j + 1) * n);
        for (let i = 0; i < n; i++) {
          rr[i] = 2 + e[i];
          dd[i] = dmu[i] + beta.data[i * n + i] * e[i] + uScale * w[i];
        }
        if (j < outliers) { contaminate(rr, rng, z, e); contaminate(dd, rng, z, e); }
      }
      return { responses: r, derivatives: d };
    },
  };
}

function quad(inv: Matrix, v: Float64Array): number {
  const n = v.length;
  let s = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) s += v[i] * inv.data[i * n + k] * v[k];
  return s;
}

/** ½ tr(Σ⁻¹Σ'Σ⁻¹Σ') with Σ' = βΣ + Σβᵀ. */
function covTermOf(beta: Matrix, sigma: Matrix, inv: Matrix): number {
  const n = sigma.rows;
  const dS = matrix(n, n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    let s = 0;
    for (let q = 0; q < n; q++) s += beta.data[i * n + q] * sigma.data[q * n + k] + sigma.data[i * n + q] * beta.data[k * n + q];
    dS.data[i * n + k] = s;
  }
  const a = matrix(n, n); // Σ⁻¹Σ'
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    let s = 0;
    for (let q = 0; q < n; q++) s += inv.data[i * n + q] * dS.data[q * n + k];
    a.data[i * n + k] = s;
  }
  let tr = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) tr += a.data[i * n + k] * a.data[k * n + i];
  return 0.5 * tr;
}
