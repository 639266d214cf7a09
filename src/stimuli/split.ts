import { createRng, permutation } from "../engine/index.js";
import { STIMULI_DEFAULTS } from "./defaults.js";

export type SplitName = "train" | "val" | "test" | "all";
export const SPLIT_NAMES: readonly SplitName[] = ["train", "val", "test", "all"];

/** Sizes of the three parts for a bank of `count` identities: 300/50/50 for 400, proportional otherwise (val and test rounded, train the rest). */
export function splitSizes(count: number): { train: number; val: number; test: number } {
  const val = Math.round(count * STIMULI_DEFAULTS.splitFractions.val);
  const test = Math.round(count * STIMULI_DEFAULTS.splitFractions.test);
  return { train: count - val - test, val, test };
}

/**
 * The identities of one split, in split order. train/val/test: one permutation of 0..count−1 drawn
 * with `seed` (default STIMULI_DEFAULTS.splitSeed, fixed, so the split never changes between runs)
 * is cut into train, then val, then test. `all`: every identity in file order, no shuffling.
 * A single-identity source (gratings) has the same identity 0 in every split.
 */
export function splitIdentities(count: number, split: SplitName, seed: number = STIMULI_DEFAULTS.splitSeed): Int32Array {
  if (!Number.isInteger(count) || count < 1) throw new Error(`splitIdentities(): count must be an integer >= 1, got ${count}`);
  if (!SPLIT_NAMES.includes(split)) throw new Error(`splitIdentities(): split must be one of ${SPLIT_NAMES.join(", ")}, got ${JSON.stringify(split)}`);
  if (split === "all" || count === 1) return Int32Array.from({ length: count }, (_, i) => i);
  const { train, val, test } = splitSizes(count);
  const perm = splitPermutation(count, seed);
  const [start, size] = split === "train" ? [0, train] : split === "val" ? [train, val] : [train + val, test];
  if (size === 0) {
    throw new Error(`splitIdentities(): split '${split}' of a ${count}-identity bank is empty (${train}/${val}/${test}); use split 'all' or a bank of at least 4 identities`);
  }
  return perm.slice(start, start + size);
}

/**
 * The fixed permutation of 0..count−1 that every split is cut from: train first, then val, then
 * test (splitIdentities cuts it by fractions, runIdentities by a run's data.split counts).
 */
export function splitPermutation(count: number, seed: number = STIMULI_DEFAULTS.splitSeed): Int32Array {
  return permutation(count, createRng(seed).fork("split"));
}
