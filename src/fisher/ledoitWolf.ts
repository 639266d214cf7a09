import { matrix, scatter, type Matrix } from "../math/index.js";

/**
 * Ledoit–Wolf shrinkage covariance (Ledoit & Wolf 2004, J. Multivar. Anal. 88:365, Lemma 3.2 and
 * Theorem 3.3, as in scikit-learn's `ledoit_wolf`): Σ̂ = (1 − s) S + s·(tr S / N)·I with the
 * shrinkage s = min(b̄² / d², 1) estimated from the data. `centered` holds already-centred
 * rows (each class minus its own mean, so pooled classes work), [n, N]. S is the ML scatter / n.
 */
export function ledoitWolf(centered: Matrix): { covariance: Matrix; shrinkage: number; target: number } {
  const n = centered.rows, p = centered.cols;
  const zero = new Float64Array(p);
  const s = scatter(centered, zero);
  for (let i = 0; i < s.data.length; i++) s.data[i] /= n;
  let mu = 0;
  for (let i = 0; i < p; i++) mu += s.data[i * p + i];
  mu /= p;
  // d² = ‖S − μI‖²_F / p
  let d2 = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    const v = s.data[i * p + j] - (i === j ? mu : 0);
    d2 += v * v;
  }
  d2 /= p;
  // b̄² = (1/n²) Σ_k ‖x_k x_kᵀ − S‖²_F / p = (1/n²) Σ_k (|x_k|⁴ − 2 x_kᵀ S x_k + ‖S‖²_F) / p
  let sF = 0;
  for (let i = 0; i < s.data.length; i++) sF += s.data[i] * s.data[i];
  let b2 = 0;
  const sx = new Float64Array(p);
  for (let k = 0; k < n; k++) {
    const x = centered.data.subarray(k * p, (k + 1) * p);
    let xx = 0;
    for (let i = 0; i < p; i++) xx += x[i] * x[i];
    let xsx = 0;
    for (let i = 0; i < p; i++) {
      let acc = 0;
      for (let j = 0; j < p; j++) acc += s.data[i * p + j] * x[j];
      sx[i] = acc;
      xsx += x[i] * acc;
    }
    b2 += xx * xx - 2 * xsx + sF;
  }
  b2 /= n * n * p;
  const shrinkage = d2 > 0 ? Math.min(b2 / d2, 1) : 1;
  const out = matrix(p, p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    out.data[i * p + j] = (1 - shrinkage) * s.data[i * p + j] + (i === j ? shrinkage * mu : 0);
  }
  return { covariance: out, shrinkage, target: mu };
}
