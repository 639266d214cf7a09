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
