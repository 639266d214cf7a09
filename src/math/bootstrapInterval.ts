import { createRng } from "../engine/rng.js"; // not engine/index.js (Node modules): math/index.js is loaded in the browser playground
import { quantileSorted } from "./quantile.js";

/** A statistic of independent units with its percentile bootstrap interval. */
export interface BootstrapInterval {
  /** the statistic on all units */
  value: number;
  lo: number;
  hi: number;
  /** resamples with a finite statistic */
  resamples: number;
}

/**
 * Percentile bootstrap interval (Efron & Tibshirani 1993, ch. 13) of a statistic of `units`
 * independent units: `statistic` receives the indices of a resample, drawn with replacement (seeded),
 * and may repeat units. Resample the units that are independent — e.g. pretrained networks, with
 * every fine-tune of a network kept together (a cluster bootstrap) — never their correlated parts.
 * Resamples whose statistic is not finite are dropped.
 */
export function bootstrapInterval(units: number, statistic: (indices: readonly number[]) => number,
  options: { seed: number; resamples?: number; level?: number }): BootstrapInterval {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`bootstrapInterval(): level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(units) || units < 1) throw new Error(`bootstrapInterval(): units must be an integer ≥ 1, got ${units}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw new Error(`bootstrapInterval(): resamples must be an integer ≥ 1, got ${resamples}`);
  const value = statistic(Array.from({ length: units }, (_, i) => i));
  const rng = createRng(options.seed).fork("bootstrapInterval");
  const values: number[] = [];
  const idx = new Array<number>(units);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < units; i++) idx[i] = rng.int(units);
    const v = statistic(idx);
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  return { value, lo: quantileSorted(values, (1 - level) / 2), hi: quantileSorted(values, (1 + level) / 2), resamples: values.length };
}
