import type { StimulusSource } from "./source.js";
import { splitPermutation } from "./split.js";

export type RunSplit = "train" | "val" | "test";

/**
 * The identities a run trains, validates or tests on (config `data.split` = [train, val, test]
 * counts): the first split[0] of the stimuli's fixed split permutation are train, the next split[1]
 * val, the next split[2] test — for the default 300/50/50 of 400 exactly the stimuli's
 * `splitIdentities`. A one-identity source (gratings) uses identity 0 everywhere: its nuisance
 * variation is the noise. The Fisher code uses this to measure on a run's own identities.
 */
export function runIdentities(source: StimulusSource, split: readonly number[], which: RunSplit): Int32Array {
  const fn = "runIdentities()";
  if (which !== "train" && which !== "val" && which !== "test") throw new Error(`${fn}: which must be train, val or test, got ${JSON.stringify(which)}`);
  if (source.identities === 1) return Int32Array.of(0);
  if (split.length !== 3 || !split.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new Error(`${fn}: data.split must be 3 integers >= 1 ([train, val, test] identities), got [${split.join(", ")}]`);
  }
  const [a, b, c] = split;
  if (a + b + c > source.identities) {
    throw new Error(`${fn}: data.split [${split.join(", ")}] needs ${a + b + c} identities but ${source.name} has ${source.identities}; make the split sum to at most ${source.identities}`);
  }
  const perm = splitPermutation(source.identities); // splitIdentities()' permutation, cut by counts instead of fractions
  return which === "train" ? perm.slice(0, a) : which === "val" ? perm.slice(a, a + b) : perm.slice(a + b, a + b + c);
}
