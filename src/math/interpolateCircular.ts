/**
 * Linear interpolation of (theta, values) at `at`, treating θ as circular with `period`
 * (the last point connects to the first). `theta` must be sorted ascending. Used to put a
 * training density and a Fisher curve sampled on different grids onto one grid.
 */
export function interpolateCircular(theta: ArrayLike<number>, values: ArrayLike<number>, at: ArrayLike<number>, period: number): number[] {
  const n = theta.length;
  if (n === 0 || values.length !== n) throw new Error(`interpolateCircular(): need equal, non-empty theta and values, got ${n} and ${values.length}`);
  if (n === 1) return Array.from(at, () => values[0]);
  const t0 = theta[0];
  return Array.from(at, (x) => {
    // map x into [t0, t0 + L)
    let u = ((((x - t0) % period) + period) % period) + t0;
    let hi = 0;
    while (hi < n && theta[hi] <= u) hi++;
    if (hi === 0) return values[0];
    const lo = hi - 1;
    const xa = theta[lo], ya = values[lo];
    const [xb, yb] = hi < n ? [theta[hi], values[hi]] : [t0 + period, values[0]];
    if (xb - xa <= 0) return ya;
    if (u > xb) u = xb;
    return ya + ((u - xa) / (xb - xa)) * (yb - ya);
  });
}
