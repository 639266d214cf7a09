import { studentTQuantile } from "./studentT.js";

/**
 * Difference of two group means, mean(a) − mean(b), with Welch's t interval (unequal variances,
 * Welch–Satterthwaite degrees of freedom). Non-finite values are dropped; each group needs at
 * least 2 values. When both groups have zero spread the interval is the point itself.
 */
export function welchInterval(a: readonly number[], b: readonly number[], level = 0.95): { diff: number; lo: number; hi: number; df: number } {
  if (!(level > 0 && level < 1)) throw new Error(`welchInterval(): level must be in (0, 1), got ${level}`);
  const xa = a.filter(Number.isFinite), xb = b.filter(Number.isFinite);
  if (xa.length < 2 || xb.length < 2) throw new Error(`welchInterval(): each group needs at least 2 finite values, got ${xa.length} and ${xb.length}`);
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const variance = (x: number[], m: number) => x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
  const ma = mean(xa), mb = mean(xb);
  const va = variance(xa, ma) / xa.length, vb = variance(xb, mb) / xb.length;
  const diff = ma - mb;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { diff, lo: diff, hi: diff, df: Infinity };
  const df = (va + vb) ** 2 / (va ** 2 / (xa.length - 1) + vb ** 2 / (xb.length - 1));
  const h = studentTQuantile(1 - (1 - level) / 2, df) * se;
  return { diff, lo: diff - h, hi: diff + h, df };
}
