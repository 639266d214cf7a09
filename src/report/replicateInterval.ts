import { studentTQuantile } from "../math/index.js";

/**
 * Fewest independent replicates for which the report gives an interval. With R = 2 the t
 * quantile has one degree of freedom (t₀.₉₇₅,₁ = 12.7), so the interval's width is set by the
 * noise of a single sd estimate; from R = 3 (t₂ = 4.3) it starts to mean something.
 */
export const MIN_REPLICATES_FOR_INTERVAL = 3;

/** The text shown in place of an interval with fewer than MIN_REPLICATES_FOR_INTERVAL replicates. */
export const TOO_FEW_REPLICATES = "too few replicates";

/** Mean, sd and t interval of values that are independent replicates (one per network). */
export interface ReplicateSummary {
  /** Mean of the finite values (NaN with none). */
  mean: number;
  /** Sample sd (n − 1); NaN with fewer than 2 values. */
  sd: number;
  /** mean ± t(R−1)·sd/√R; null with fewer than MIN_REPLICATES_FOR_INTERVAL values. */
  ci: [number, number] | null;
  /** Number of finite values used. */
  replicates: number;
}

/** Summarise per-replicate values (non-finite ones are dropped) with a t interval when R ≥ 3. */
export function replicateInterval(values: readonly number[], level = 0.95): ReplicateSummary {
  if (!(level > 0 && level < 1)) throw new Error(`replicateInterval(): level must be in (0, 1), got ${level}`);
  const xs = values.filter((v) => Number.isFinite(v));
  const R = xs.length;
  const mean = R ? xs.reduce((a, b) => a + b, 0) / R : NaN;
  const sd = R > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1)) : NaN;
  let ci: [number, number] | null = null;
  if (R >= MIN_REPLICATES_FOR_INTERVAL) {
    const h = studentTQuantile(1 - (1 - level) / 2, R - 1) * (sd / Math.sqrt(R));
    ci = [mean - h, mean + h];
  }
  return { mean, sd, ci, replicates: R };
}
