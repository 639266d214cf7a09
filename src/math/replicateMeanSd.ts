/**
 * Pointwise mean and sample standard deviation (n − 1 denominator) of R replicate curves sampled
 * on one grid; sd is NaN with a single curve (no spread can be estimated). The plain counterpart of
 * `replicateBands` for curves without per-point standard errors.
 */
export function replicateMeanSd(curves: readonly ArrayLike<number>[]): { mean: number[]; sd: number[] } {
  const r = curves.length;
  if (r === 0) throw new Error("replicateMeanSd(): needs at least one curve, got 0");
  const n = curves[0].length;
  curves.forEach((c, k) => {
    if (c.length !== n) throw new Error(`replicateMeanSd(): curve ${k} has ${c.length} points but curve 0 has ${n}; put every curve on one grid first`);
  });
  const mean = Array.from({ length: n }, (_, i) => curves.reduce((s, c) => s + c[i], 0) / r);
  const sd = mean.map((m, i) => (r > 1 ? Math.sqrt(curves.reduce((s, c) => s + (c[i] - m) ** 2, 0) / (r - 1)) : NaN));
  return { mean, sd };
}
