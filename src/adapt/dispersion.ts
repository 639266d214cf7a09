import type { DispersionStatistic } from "../config/index.js";

export type { DispersionStatistic };

/**
 * Convergence statistics of a smoothed I(θ) curve. The convergence criterion is var/mean (docs/adaptation.md) (the
 * index of dispersion), which is what the original work used; it carries the units of I, so the
 * scale-free squared coefficient of variation var/mean² is offered too.
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
  return statistic === "cv2" ? variance / (mean * mean) : variance / mean;
}
