import { permutationInterval, type PermutationInterval } from "../math/index.js";
import { correlationMatrix } from "../report/index.js";

/** Correlation of curves from the same group (e.g. fine-tunes of one pretrained network) vs from different groups. */
export interface WithinBetween {
  /** mean Pearson correlation over pairs of curves in the same group */
  within: number;
  /** mean over pairs in different groups */
  between: number;
  /** within − between, with the interval it falls in when the group labels are shuffled */
  difference: PermutationInterval;
  /** per group: its mean within-group correlation (NaN for a group of one) */
  withinByGroup: number[];
  /** the groups, in order of first appearance, as given */
  groups: number[];
  pairs: { within: number; between: number };
}

function contrast(corr: number[][], labels: readonly number[]): { within: number; between: number } {
  let w = 0, nw = 0, b = 0, nb = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const c = corr[i][j];
      if (!Number.isFinite(c)) continue;
      if (labels[i] === labels[j]) { w += c; nw++; } else { b += c; nb++; }
    }
  }
  return { within: nw ? w / nw : NaN, between: nb ? b / nb : NaN };
}

/**
 * Within- vs between-group correlation of curves on a common grid, and a permutation interval for
 * the difference: the group labels are shuffled (group sizes kept), so the interval shows how large
 * the difference gets when group membership carries nothing. `groups[i]` labels `curves[i]`.
 */
export function withinBetween(curves: readonly (readonly number[])[], groups: readonly number[],
  options: { seed: number; permutations?: number; level?: number }): WithinBetween {
  if (curves.length !== groups.length) throw new Error(`withinBetween(): ${curves.length} curves but ${groups.length} group labels`);
  const corr = correlationMatrix(curves.map((c) => [...c]));
  const observed = contrast(corr, groups);
  const difference = permutationInterval(groups, (labels) => {
    const c = contrast(corr, labels);
    return c.within - c.between;
  }, options);
  const ids = [...new Set(groups)];
  // members of g keep one label, everyone else a label of their own: the only within pairs are g's
  const withinByGroup = ids.map((g) => contrast(corr, groups.map((x, i) => (x === g ? 0 : -1 - i))).within);
  let nw = 0, nb = 0;
  for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) { if (groups[i] === groups[j]) nw++; else nb++; }
  return { ...observed, difference, withinByGroup, groups: ids, pairs: { within: nw, between: nb } };
}
