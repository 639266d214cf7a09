/**
 * The q-quantile of ascending-sorted values by linear interpolation between order statistics
 * (Hyndman & Fan 1996, type 7: R's and NumPy's default). NaN for an empty array.
 */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new Error(`quantileSorted(): q must be in [0, 1], got ${q}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h), hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
