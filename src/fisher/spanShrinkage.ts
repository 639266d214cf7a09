import { cholesky, matrix, type Matrix } from "../math/index.js";

/**
 * Ledoit–Wolf shrinkage in the span of the samples, for N units ≫ n samples (docs/estimators.md,
 * "More units than trials"). With E the n centred sample rows [n, N], S = EᵀE/n has rank < n, and
 * the shrunk covariance Σ̂ = (1 − s)S + s·ν·I = a·EᵀE + c·I (a = (1 − s)/n, c = s·ν) inverts by
 * Woodbury: Σ̂⁻¹ = c⁻¹·(I − a·Eᵀ(c·I_n + a·EEᵀ)⁻¹E). The shrinkage s itself (Ledoit & Wolf 2004,
 * Lemma 3.2) needs only tr S, ‖S‖²_F and x_kᵀSx_k, all functions of the Gram matrix EEᵀ. So
 * every quadratic form uᵀΣ̂⁻¹v with u, v in the span of some rows Z ⊇ E follows from the Gram
 * matrix ZZᵀ: O(N·k²) time and O(N·k) memory for k rows, against O(N³) and O(N²) for ledoitWolf()
 * followed by a Cholesky factorisation. The numbers are the dense form's up to rounding.
 */

/** ZZᵀ for the k rows of z [k, n] (row-major), k × k. */
export function gramOfRows(z: Float64Array, k: number, n: number): Float64Array {
  const gram = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    const za = z.subarray(a * n, (a + 1) * n);
    for (let b = a; b < k; b++) {
      const zb = z.subarray(b * n, (b + 1) * n);
      let s = 0;
      for (let i = 0; i < n; i++) s += za[i] * zb[i];
      gram[a * k + b] = s; gram[b * k + a] = s;
    }
  }
  return gram;
}

/**
 * The Ledoit–Wolf covariance of the m centred samples whose Gram matrix is the leading m × m block
 * of g [rows, rows], for N units, as Σ̂ = a·EᵀE + c·I (what ledoitWolf() computes densely).
 */
export function shrinkageFromGram(g: Float64Array, rows: number, m: number, units: number): { a: number; c: number; shrinkage: number } {
  let trG = 0, g2 = 0;
  for (let i = 0; i < m; i++) { trG += g[i * rows + i]; for (let j = 0; j < m; j++) g2 += g[i * rows + j] ** 2; }
  const trS = trG / m, nu = trS / units, sF = g2 / (m * m);
  const d2 = (sF - 2 * nu * trS + nu * nu * units) / units;
  let b2 = 0;
  for (let i = 0; i < m; i++) {
    let xsx = 0;
    for (let j = 0; j < m; j++) xsx += g[i * rows + j] ** 2;
    b2 += g[i * rows + i] ** 2 - (2 * xsx) / m + sF;
  }
  b2 /= m * m * units;
  const shrinkage = d2 > 0 ? Math.min(b2 / d2, 1) : 1;
  return { a: (1 - shrinkage) / m, c: shrinkage * nu, shrinkage };
}

/**
 * P = Z Σ̂⁻¹ Zᵀ [rows, rows] for the rows Z whose Gram matrix is g, the first m of them being the
 * samples E of Σ̂ = a·EᵀE + c·I: P = (G − a·G[:, E]·H⁻¹·G[E, :]) / c with H = c·I + a·G[E, E].
 * `singular` is the error (after "fn: ") when Σ̂ is singular (the samples do not vary).
 */
export function woodburyForms(fn: string, g: Float64Array, rows: number, m: number, a: number, c: number, singular: string): Float64Array {
  const h = matrix(m, m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) h.data[i * m + j] = a * g[i * rows + j] + (i === j ? c : 0);
  const l = c > 0 ? cholesky(h) : null;
  if (!l) throw new Error(`${fn}: ${singular}`);
  const x = solveColumns(l, g, rows, m); // H⁻¹·G[E, :], [m, rows]
  const p = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) for (let j = 0; j < rows; j++) {
    let s = 0;
    for (let t = 0; t < m; t++) s += g[i * rows + t] * x[t * rows + j];
    p[i * rows + j] = (g[i * rows + j] - a * s) / c;
  }
  return p;
}

/**
 * V Σ̂⁻¹ Vᵀ [q, q] for the Ledoit–Wolf covariance of the centred samples `centered` [n, N] and the
 * q vectors `v` [q, N]: the span form of ledoitWolf() + a Cholesky solve.
 */
export function shrunkQuadraticForms(fn: string, centered: Matrix, v: Matrix, singular: string): Float64Array {
  const n = centered.rows, units = centered.cols, q = v.rows, rows = n + q;
  const z = new Float64Array(rows * units);
  z.set(centered.data, 0);
  z.set(v.data, n * units);
  const g = gramOfRows(z, rows, units);
  const { a, c } = shrinkageFromGram(g, rows, n, units);
  const p = woodburyForms(fn, g, rows, n, a, c, singular);
  const out = new Float64Array(q * q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) out[i * q + j] = p[(n + i) * rows + n + j];
  return out;
}

/** X = H⁻¹·Y[0..m, :] for the Cholesky factor L of H [m, m] and Y [≥ m, cols] (row-major). */
function solveColumns(l: Matrix, y: Float64Array, cols: number, m: number): Float64Array {
  const x = new Float64Array(m * cols);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < m; i++) { // L z = y
      let s = y[i * cols + j];
      for (let t = 0; t < i; t++) s -= l.data[i * m + t] * x[t * cols + j];
      x[i * cols + j] = s / l.data[i * m + i];
    }
    for (let i = m - 1; i >= 0; i--) { // Lᵀ x = z
      let s = x[i * cols + j];
      for (let t = i + 1; t < m; t++) s -= l.data[t * m + i] * x[t * cols + j];
      x[i * cols + j] = s / l.data[i * m + i];
    }
  }
  return x;
}
