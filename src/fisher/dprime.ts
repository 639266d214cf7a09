/**
 * Sensitivity index of decision values of two classes: d′ = (m_high − m_low)/s_pooled, with
 * its approximate variance Var(d̂′) ≈ 1/n_low + 1/n_high + d′²/(2(n_low + n_high)) (Miller 1996,
 * "The sampling distribution of d′", Percept. Psychophys. 58:65, normal approximation).
 * Then I = (d′/δ)² and, for d̂′ ~ N(d′, s²), Var(d̂′²) = 4 d′² s² + 2 s⁴.
 */
export function dprimeOf(low: ArrayLike<number>, high: ArrayLike<number>): { dprime: number; variance: number } {
  const mean = (v: ArrayLike<number>) => { let s = 0; for (let i = 0; i < v.length; i++) s += v[i]; return s / v.length; };
  const ma = mean(low), mb = mean(high);
  let ss = 0;
  for (let i = 0; i < low.length; i++) ss += (low[i] - ma) ** 2;
  for (let i = 0; i < high.length; i++) ss += (high[i] - mb) ** 2;
  const sd = Math.sqrt(ss / (low.length + high.length - 2));
  if (!(sd > 0)) throw new Error(`dprimeOf(): decision values have zero spread; the classes are constant or perfectly separated by a degenerate decoder`);
  const dprime = (mb - ma) / sd;
  const variance = 1 / low.length + 1 / high.length + (dprime * dprime) / (2 * (low.length + high.length));
  return { dprime, variance };
}

/** I = (d′/δ)² and its standard error from Var(d̂′). */
export function fisherFromDprime(dprime: number, variance: number, delta: number): { fisher: number; stderr: number } {
  const d2 = delta * delta;
  return { fisher: (dprime * dprime) / d2, stderr: Math.sqrt(4 * dprime * dprime * variance + 2 * variance * variance) / d2 };
}

/** Fold index (0..k−1) for each of n trials, balanced, in a seeded random order. */
export function foldAssignment(n: number, k: number, order: ArrayLike<number>): Int32Array {
  const f = new Int32Array(n);
  for (let i = 0; i < n; i++) f[order[i]] = i % k;
  return f;
}

/**
 * Held-out decision values → I, corrected twice (docs/estimators.md, "linear-decoder"):
 * 1. the noise of d̂′² on the held-out values: the one-dimensional Kanitscheider et al. 2015
 *    correction (eq. 12 with N = 1): D_w² = d̂′²·(n − 4)/(n − 2) − (1/n_low + 1/n_high), unbiased for
 *    the information the fitted decoders capture;
 * 2. what a decoder fitted on n_tr training trials loses (Raudys & Pikelis 1980, IEEE PAMI 2:242,
 *    the expected Mahalanobis distance of the plug-in discriminant): D_w² ≈ D⁴/(D² + N v)·(ν − N)/ν,
 *    v = 1/n_low,tr + 1/n_high,tr, ν = n_tr − 2; solved for D². Only for the linear decoder
 *    (`units` > 0); the non-linear decoder passes units = 0 and gets step 1 only (a lower bound).
 * stderr: for the linear decoder Kanitscheider's eq. 13 in its general form with N units (the
 * decoder's I varies like the sampling estimate's; the one-dimensional variance misses the noise of
 * the fitted direction and under-covered, 0.88); for the non-linear decoder the one-dimensional one.
 */
export function decoderFisher(dprime: number, nLow: number, nHigh: number, delta: number, units: number, folds: number):
  { fisher: number; stderr: number; captured: number } {
  const n = nLow + nHigh, v = 1 / nLow + 1 / nHigh;
  const raw = dprime * dprime;
  const captured = (raw * (n - 4)) / (n - 2) - v;
  const c = Math.max(captured, 0);
  const var1 = (2 * c * c + 4 * v * c * (n - 3) + 2 * v * v * (n - 3)) / (n - 6);
  let d2 = captured, slope = 1;
  if (units > 0) {
    const train = (folds - 1) / folds;
    const vTr = v / train, nuTr = n * train - 2;
    const k = nuTr / Math.max(nuTr - units, 1);
    const a = c * k;
    const root = Math.sqrt(a * a + 4 * a * units * vTr);
    d2 = captured > 0 ? 0.5 * (a + root) : captured;
    slope = captured > 0 && root > 0 ? 0.5 * k * (1 + (a + 2 * units * vTr) / root) : k;
  }
  const d = delta * delta, nu = n - 2;
  let variance = slope * slope * var1;
  if (units > 0 && nu - units - 3 > 0) {
    const i = Math.max(d2, 0);
    variance = (2 * i * i + 4 * v * i * (nu - 1) + 2 * units * v * v * (nu - 1)) / (nu - units - 3);
  }
  return { fisher: d2 / d, stderr: Math.sqrt(variance) / d, captured: captured / d };
}
