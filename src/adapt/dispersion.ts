import type { DispersionStatistic } from "../config/index.js";

export type { DispersionStatistic };

/**
 * Flatness of a smoothed I(θ) curve over the grid, the adaptation loop's stop statistic
 * (docs/adaptation.md):
 *
 * - `cv` (default): the coefficient of variation sd/mean. Scale-free: multiplying I by any
 *   constant leaves it unchanged, so one criterion (e.g. 0.1: I within ~10% of its mean) means the
 *   same for a network with I ≈ 10 and one with I ≈ 10⁵.
 * - `cv2`: its square var/mean², also scale-free (0.01 ≈ cv 0.1).
 * - `var_over_mean`: the index of dispersion the original angleFinetuning work used. It carries
 *   the units of I, so a large-I network hardly ever stops and a small-I one stops at once; kept
 *   only to reproduce that work.
 * The variance is the population variance over the grid points (n denominator).
 */
export function dispersion(values: readonly number[], statistic: DispersionStatistic): number {
  const n = values.length;
  if (n === 0) throw new Error("dispersion(): needs at least one value");
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  variance /= n;
  if (!(mean > 0)) throw new Error(`dispersion(): mean must be > 0, got ${mean}`);
  switch (statistic) {
    case "cv": return Math.sqrt(variance) / mean;
    case "cv2": return variance / (mean * mean);
    case "var_over_mean": return variance / mean;
  }
}
