import { cholesky, choleskyInverse, choleskyLogDet, covariance, matrix, meanRows, selectRows, symmetricEigen, type Matrix } from "../math/index.js";
import { chi2Quantile } from "./special.js";
import { permutation, type Rng } from "../engine/index.js";
import { FISHER_DEFAULTS } from "./defaults.js";

/** Result of the Minimum Covariance Determinant fit, named as scikit-learn's MinCovDet attributes. */
export interface McdFit {
  /** raw MCD location and covariance (ML covariance of the best h-subset; `raw_location_`, `raw_covariance_`) */
  rawLocation: Float64Array;
  rawCovariance: Matrix;
  rawSupport: Uint8Array;
  /** reweighted location/covariance (`location_`, `covariance_`: ML covariance of the points with d² < χ²_p(0.975)) */
  location: Float64Array;
  covariance: Matrix;
  support: Uint8Array;
  /** squared Mahalanobis distances under the reweighted fit (`dist_`) */
  dist: Float64Array;
  /** h, the size of the raw support */
  supportSize: number;
}

export interface McdOptions {
  /** fraction of points in the raw support; default (n + p + 1)/2 points */
  supportFraction?: number;
  trials?: number;
  best?: number;
}

/**
 * FastMCD (Rousseeuw & Van Driessen 1999, Technometrics 41:212) following scikit-learn's
 * `MinCovDet` (sklearn/covariance/_robust_covariance.py): h = ⌈(n + p + 1)/2⌉; 30 random
 * h-subsets each improved by 2 C-steps; the 10 lowest-determinant candidates iterated to
 * convergence (≤ 30 C-steps); the best is the raw estimate. Consistency: distances are
 * rescaled by median(d²)/χ²_p(0.5); reweighting keeps points with d² < χ²_p(0.975) and returns
 * their mean and ML covariance. p = 1 uses the exact contiguous-window search as scikit-learn.
 * Deviation: for n > 500 scikit-learn first runs on subsets; here the n ≤ 500 procedure runs on
 * all points (slower, same target). The random starts use our seeded `Rng`, not numpy's, so
 * results equal scikit-learn's whenever the MCD solution is unique. The consistency and
 * small-sample corrections scikit-learn omits are in mcdCorrection.ts.
 */
export function mcd(x: Matrix, rng: Rng, options: McdOptions = {}): McdFit {
  const n = x.rows, p = x.cols;
  const h = options.supportFraction === undefined ? Math.ceil(0.5 * (n + p + 1)) : Math.floor(options.supportFraction * n);
  if (h <= p || h > n) throw new Error(`mcd(): support size ${h} must be in (p = ${p}, n = ${n}]; more trials are needed (n > 2p)`);
  let raw: Candidate;
  if (p === 1) raw = univariate(x, h);
  else {
    const trials = options.trials ?? FISHER_DEFAULTS.mcdTrials, best = options.best ?? FISHER_DEFAULTS.mcdBest;
    const starts: Candidate[] = [];
    for (let t = 0; t < trials; t++) {
      const perm = permutation(n, rng);
      starts.push(cStep(x, h, fitSupport(x, perm.subarray(0, h)), 2));
    }
    starts.sort((a, b) => a.logDet - b.logDet);
    const refined = starts.slice(0, best).map((c) => cStep(x, h, c, FISHER_DEFAULTS.mcdMaxIter, true));
    refined.sort((a, b) => a.logDet - b.logDet);
    raw = refined[0];
  }
  // consistency at the normal model: scale so the median distance is the χ²_p median
  const rawDist = mahalanobis(x, raw.location, precisionOf(raw.covariance));
  const correction = median(rawDist) / chi2Quantile(0.5, p);
  if (!(correction > 0)) throw new Error(`mcd(): the raw MCD covariance is degenerate (more than half the trials identical?); drop duplicate trials`);
  const cutoff = chi2Quantile(0.975, p);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (rawDist[i] / correction < cutoff) keep.push(i);
  const kept = selectRows(x, keep);
  const location = meanRows(kept);
  const cov = covariance(kept, 0, location);
  const support = new Uint8Array(n);
  for (const i of keep) support[i] = 1;
  const rawSupport = new Uint8Array(n);
  for (const i of raw.support) rawSupport[i] = 1;
  return {
    rawLocation: raw.location, rawCovariance: raw.covariance, rawSupport,
    location, covariance: cov, support, dist: mahalanobis(x, location, precisionOf(cov)), supportSize: h,
  };
}

interface Candidate {
  location: Float64Array;
  covariance: Matrix;
  logDet: number;
  support: Int32Array;
}

function fitSupport(x: Matrix, support: ArrayLike<number>): Candidate {
  const sub = selectRows(x, support);
  const location = meanRows(sub);
  const cov = covariance(sub, 0, location);
  const l = cholesky(cov);
  return { location, covariance: cov, logDet: l ? choleskyLogDet(l) : -Infinity, support: Int32Array.from(support) };
}

/** scikit-learn `_c_step`: concentration steps from a candidate until the determinant stops decreasing. */
function cStep(x: Matrix, h: number, start: Candidate, iterations: number, fromEstimate = false): Candidate {
  let current = start;
  if (fromEstimate) current = fitSupport(x, closest(x, start, h));
  let previous: Candidate | null = null;
  let remaining = iterations;
  while (remaining > 0 && Number.isFinite(current.logDet) && (previous === null || current.logDet < previous.logDet)) {
    previous = current;
    current = fitSupport(x, closest(x, current, h));
    remaining--;
  }
  if (previous && current.logDet > previous.logDet && !nearlyEqual(current.logDet, previous.logDet) && remaining > 0) return previous;
  return current;
}

function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b); // numpy.allclose defaults
}

/** Indices of the h points closest to the candidate in Mahalanobis distance (stable order). */
function closest(x: Matrix, c: Candidate, h: number): Int32Array {
  const d = mahalanobis(x, c.location, precisionOf(c.covariance));
  const idx = Array.from({ length: x.rows }, (_, i) => i).sort((a, b) => d[a] - d[b] || a - b);
  return Int32Array.from(idx.slice(0, h)).sort();
}

/** Inverse of a covariance, or its pseudo-inverse when singular (scikit-learn uses `pinvh`). */
export function precisionOf(cov: Matrix): Matrix {
  const l = cholesky(cov);
  if (l) return choleskyInverse(l);
  const n = cov.rows;
  const { values, vectors } = symmetricEigen(cov);
  const cutoff = Math.max(...values.map(Math.abs)) * n * 2.220446049250313e-16;
  const out = matrix(n, n);
  for (let k = 0; k < n; k++) {
    if (Math.abs(values[k]) <= cutoff) continue;
    const inv = 1 / values[k];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out.data[i * n + j] += vectors.data[i * n + k] * inv * vectors.data[j * n + k];
  }
  return out;
}

/** Squared Mahalanobis distances (x_i − m)ᵀ P (x_i − m), [n]. */
export function mahalanobis(x: Matrix, m: Float64Array, precision: Matrix): Float64Array {
  const n = x.rows, p = x.cols;
  const out = new Float64Array(n);
  const c = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) c[j] = x.data[i * p + j] - m[j];
    let s = 0;
    for (let a = 0; a < p; a++) {
      let acc = 0;
      for (let b = 0; b < p; b++) acc += precision.data[a * p + b] * c[b];
      s += c[a] * acc;
    }
    out[i] = s;
  }
  return out;
}

function median(v: Float64Array): number {
  const s = Float64Array.from(v).sort();
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : 0.5 * (s[k - 1] + s[k]);
}

/** p = 1: the h consecutive sorted values with the smallest variance (scikit-learn's univariate branch). */
function univariate(x: Matrix, h: number): Candidate {
  const n = x.rows;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x.data[a] - x.data[b]);
  const v = order.map((i) => x.data[i]);
  let best = 0, bestVar = Infinity;
  for (let s = 0; s + h <= n; s++) {
    let m = 0;
    for (let k = s; k < s + h; k++) m += v[k];
    m /= h;
    let q = 0;
    for (let k = s; k < s + h; k++) q += (v[k] - m) ** 2;
    if (q < bestVar) { bestVar = q; best = s; }
  }
  return fitSupport(x, Int32Array.from(order.slice(best, best + h)).sort());
}
