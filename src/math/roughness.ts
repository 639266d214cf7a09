/**
 * Roughness of a positive curve on an evenly spaced grid: the mean absolute change of its log
 * between neighbouring grid points, mean |log v[k+1] − log v[k]| (on a circular grid the last
 * point's neighbour is the first). Scale-free (multiplying v by a constant leaves it unchanged)
 * and, for a smooth curve, proportional to the grid spacing (its total variation in log divided by
 * the number of steps), while independent noise keeps it near its own size at any spacing — which
 * is why measured roughness is only meaningful next to the estimator's noise floor. Non-positive
 * or non-finite values make it NaN.
 */
export function roughness(values: readonly number[], circular: boolean): number {
  const n = values.length;
  if (n < 2) throw new Error(`roughness(): needs at least 2 values, got ${n}`);
  const logs = values.map((v) => (v > 0 && Number.isFinite(v) ? Math.log(v) : NaN));
  const steps = circular ? n : n - 1;
  let sum = 0;
  for (let k = 0; k < steps; k++) sum += Math.abs(logs[(k + 1) % n] - logs[k]);
  return sum / steps;
}
