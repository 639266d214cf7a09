/**
 * Small dense float64 linear algebra for the estimators (N ≤ a few hundred units): matrices,
 * Cholesky, SPD solve/inverse/log-determinant, Jacobi eigendecomposition, covariances.
 * Kept in one file on purpose: these are a dozen tightly coupled helpers that only make sense
 * together, and splitting them would scatter the shared `Matrix` conventions.
 */

/** Row-major float64 matrix: element (i, j) at data[i * cols + j]. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number, data?: ArrayLike<number>): Matrix {
  const out = new Float64Array(rows * cols);
  if (data !== undefined) {
    if (data.length !== rows * cols) throw new Error(`matrix(): data has ${data.length} values but ${rows}×${cols} needs ${rows * cols}`);
    out.set(data);
  }
  return { rows, cols, data: out };
}

export function identity(n: number): Matrix {
  const m = matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** Rows `idx` of X, as a new matrix. */
export function selectRows(x: Matrix, idx: ArrayLike<number>): Matrix {
  const out = matrix(idx.length, x.cols);
  for (let k = 0; k < idx.length; k++) out.data.set(x.data.subarray(idx[k] * x.cols, (idx[k] + 1) * x.cols), k * x.cols);
  return out;
}

/** Column means of X [T, N] → [N]. */
export function meanRows(x: Matrix): Float64Array {
  const m = new Float64Array(x.cols);
  for (let t = 0; t < x.rows; t++) for (let j = 0; j < x.cols; j++) m[j] += x.data[t * x.cols + j];
  for (let j = 0; j < x.cols; j++) m[j] /= x.rows;
  return m;
}

/** Scatter Σ_t (x_t − mean)(x_t − mean)ᵀ, [N, N]. */
export function scatter(x: Matrix, mean: Float64Array = meanRows(x)): Matrix {
  const n = x.cols;
  const s = matrix(n, n);
  const c = new Float64Array(n);
  for (let t = 0; t < x.rows; t++) {
    for (let j = 0; j < n; j++) c[j] = x.data[t * n + j] - mean[j];
    for (let i = 0; i < n; i++) {
      const ci = c[i];
      if (ci === 0) continue;
      const row = i * n;
      for (let j = i; j < n; j++) s.data[row + j] += ci * c[j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) s.data[i * n + j] = s.data[j * n + i];
  return s;
}

/** Sample covariance with `ddof` (1 = unbiased, 0 = maximum likelihood as in scikit-learn). */
export function covariance(x: Matrix, ddof = 1, mean: Float64Array = meanRows(x)): Matrix {
  const s = scatter(x, mean);
  const d = x.rows - ddof;
  for (let i = 0; i < s.data.length; i++) s.data[i] /= d;
  return s;
}

/** Pooled covariance of several classes: Σ_k scatter_k / (Σ_k T_k − K), the unbiased estimate. */
export function pooledCovariance(classes: readonly Matrix[]): Matrix {
  const n = classes[0].cols;
  const s = matrix(n, n);
  let dof = 0;
  for (const x of classes) {
    const sk = scatter(x);
    for (let i = 0; i < s.data.length; i++) s.data[i] += sk.data[i];
    dof += x.rows - 1;
  }
  for (let i = 0; i < s.data.length; i++) s.data[i] /= dof;
  return s;
}

/** Lower Cholesky factor L (A = L Lᵀ) or null when A is not numerically positive definite. */
export function cholesky(a: Matrix): Matrix | null {
  const n = a.rows;
  const l = matrix(n, n);
  const L = l.data, A = a.data;
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let k = 0; k < j; k++) d -= L[j * n + k] * L[j * n + k];
    // relative threshold: a pivot this small means the matrix is singular to working precision
    if (!(d > 1e-12 * Math.abs(A[j * n + j])) || !(d > 0)) return null;
    const ljj = Math.sqrt(d);
    L[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = s / ljj;
    }
  }
  return l;
}

/** Solve L y = b (forward substitution). */
export function forwardSolve(l: Matrix, b: ArrayLike<number>): Float64Array {
  const n = l.rows;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l.data[i * n + k] * y[k];
    y[i] = s / l.data[i * n + i];
  }
  return y;
}

/** Solve Lᵀ x = y (back substitution). */
export function backSolve(l: Matrix, y: ArrayLike<number>): Float64Array {
  const n = l.rows;
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l.data[k * n + i] * x[k];
    x[i] = s / l.data[i * n + i];
  }
  return x;
}

/** Solve A x = b for symmetric positive definite A given its Cholesky factor. */
export function choleskySolve(l: Matrix, b: ArrayLike<number>): Float64Array {
  return backSolve(l, forwardSolve(l, b));
}

/** bᵀ A⁻¹ b from the Cholesky factor of A: |L⁻¹ b|². */
export function quadraticForm(l: Matrix, b: ArrayLike<number>): number {
  const y = forwardSolve(l, b);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i] * y[i];
  return s;
}

/** A⁻¹ for SPD A from its Cholesky factor. */
export function choleskyInverse(l: Matrix): Matrix {
  const n = l.rows;
  const inv = matrix(n, n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0); e[j] = 1;
    const col = choleskySolve(l, e);
    for (let i = 0; i < n; i++) inv.data[i * n + j] = col[i];
  }
  // symmetrise against round-off
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) {
    const v = 0.5 * (inv.data[i * n + j] + inv.data[j * n + i]);
    inv.data[i * n + j] = v; inv.data[j * n + i] = v;
  }
  return inv;
}

/** log det A from its Cholesky factor: 2 Σ log L_ii. */
export function choleskyLogDet(l: Matrix): number {
  let s = 0;
  for (let i = 0; i < l.rows; i++) s += Math.log(l.data[i * l.rows + i]);
  return 2 * s;
}

/** C = A B. */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`matmul(): inner sizes differ, ${a.rows}×${a.cols} times ${b.rows}×${b.cols}`);
  const c = matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) for (let k = 0; k < a.cols; k++) {
    const aik = a.data[i * a.cols + k];
    if (aik === 0) continue;
    const crow = i * b.cols, brow = k * b.cols;
    for (let j = 0; j < b.cols; j++) c.data[crow + j] += aik * b.data[brow + j];
  }
  return c;
}

/**
 * Eigendecomposition of a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan §8.5).
 * Eigenvalues ascending; eigenvector k is column k of `vectors`. Fine for N ≤ ~100.
 */
export function symmetricEigen(a: Matrix, maxSweeps = 100): { values: Float64Array; vectors: Matrix } {
  const n = a.rows;
  const A = Float64Array.from(a.data);
  const V = identity(n).data;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0, total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const v = A[i * n + j] * A[i * n + j];
      total += v;
      if (i !== j) off += v;
    }
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) {
      const apq = A[p * n + q];
      if (apq === 0) continue;
      const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1), s = t * c;
      for (let k = 0; k < n; k++) { // A ← A J (columns p, q)
        const akp = A[k * n + p], akq = A[k * n + q];
        A[k * n + p] = c * akp - s * akq;
        A[k * n + q] = s * akp + c * akq;
      }
      for (let k = 0; k < n; k++) { // A ← Jᵀ A (rows p, q)
        const apk = A[p * n + k], aqk = A[q * n + k];
        A[p * n + k] = c * apk - s * aqk;
        A[q * n + k] = s * apk + c * aqk;
      }
      for (let k = 0; k < n; k++) { // V ← V J
        const vkp = V[k * n + p], vkq = V[k * n + q];
        V[k * n + p] = c * vkp - s * vkq;
        V[k * n + q] = s * vkp + c * vkq;
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[i * n + i] - A[j * n + j]);
  const values = Float64Array.from(order, (i) => A[i * n + i]);
  const vectors = matrix(n, n);
  order.forEach((src, dst) => { for (let k = 0; k < n; k++) vectors.data[k * n + dst] = V[k * n + src]; });
  return { values, vectors };
}
