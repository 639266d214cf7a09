/**
 * The delete-one jackknife standard error of a statistic from its values on the n leave-one-out
 * sets: √((n − 1)/n · Σ(θ₍ᵢ₎ − θ̄₍·₎)²) (Efron & Tibshirani 1993, eq. 11.5).
 */
export function jackknifeStderr(leaveOneOut: readonly number[]): number {
  const n = leaveOneOut.length;
  const mean = leaveOneOut.reduce((s, x) => s + x, 0) / n;
  return Math.sqrt(((n - 1) / n) * leaveOneOut.reduce((s, x) => s + (x - mean) ** 2, 0));
}
