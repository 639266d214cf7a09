import { createRng } from "../engine/rng.js"; // not engine/index.js (Node modules): math/index.js is loaded in the browser playground
import { quantileSorted } from "./quantile.js";

/** A statistic of labelled units next to its distribution when the labels carry no information. */
export interface PermutationInterval {
  /** the statistic with the true labels */
  observed: number;
  /** the (1 − level)/2 and (1 + level)/2 quantiles of the statistic over label permutations: where it falls by chance */
  lo: number;
  hi: number;
  /** one-sided p-value for "observed is larger than chance": (1 + #{permuted ≥ observed}) / (1 + permutations) */
  pGreater: number;
  /** permutations with a finite statistic */
  permutations: number;
}

/**
 * Permutation test of a statistic of labelled units (e.g. networks labelled by the pretrained
 * network they were fine-tuned from): shuffle the labels, seeded, `permutations` times, keeping the
 * group sizes, and recompute the statistic. An observed value above `hi` is larger than the
 * labels' chance level at the given level (Good 2005, "Permutation, Parametric and Bootstrap Tests
 * of Hypotheses", ch. 3). Permutations whose statistic is not finite are dropped.
 */
export function permutationInterval(labels: readonly number[], statistic: (labels: readonly number[]) => number,
  options: { seed: number; permutations?: number; level?: number }): PermutationInterval {
  const permutations = options.permutations ?? 2000;
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`permutationInterval(): level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(permutations) || permutations < 1) throw new Error(`permutationInterval(): permutations must be an integer ≥ 1, got ${permutations}`);
  const observed = statistic(labels);
  const rng = createRng(options.seed).fork("permutationInterval");
  const shuffled = [...labels];
  const nulls: number[] = [];
  for (let p = 0; p < permutations; p++) {
    for (let i = shuffled.length - 1; i > 0; i--) { // Fisher–Yates
      const j = rng.int(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const v = statistic(shuffled);
    if (Number.isFinite(v)) nulls.push(v);
  }
  nulls.sort((a, b) => a - b);
  const atLeast = nulls.filter((v) => v >= observed).length;
  return {
    observed, lo: quantileSorted(nulls, (1 - level) / 2), hi: quantileSorted(nulls, (1 + level) / 2),
    pGreater: (1 + atLeast) / (1 + nulls.length), permutations: nulls.length,
  };
}
