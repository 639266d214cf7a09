/**
 * ∫ f dθ by the trapezoid rule over sorted grid points `theta`. With `period` L the grid is
 * circular: the segment from the last point back to the first point + L is included, so a grid
 * that covers [a, a + L) and one that repeats the end point (a and a + L) integrate the same
 * (the repeated point adds a zero-length segment). Without `period` only the span is integrated.
 */
export function trapezoid(theta: ArrayLike<number>, f: ArrayLike<number>, period?: number): number {
  const n = theta.length;
  if (f.length !== n) throw new Error(`trapezoid(): theta and f must have equal lengths, got ${n} and ${f.length}`);
  let s = 0;
  for (let i = 0; i + 1 < n; i++) s += ((f[i] + f[i + 1]) / 2) * (theta[i + 1] - theta[i]);
  if (period !== undefined && n > 0) {
    const gap = theta[0] + period - theta[n - 1];
    if (gap < -1e-9 * period) throw new Error(`trapezoid(): grid spans ${theta[n - 1] - theta[0]}, more than the period ${period}`);
    s += ((f[n - 1] + f[0]) / 2) * Math.max(0, gap);
  }
  return s;
}
