import { createRng } from "../engine/index.js";

/** How to resample a split's identities (a Fisher measurement's `resample:`). */
export interface IdentityResample {
  seed: number;
  /** identities drawn (default: as many as given) */
  count?: number;
  /** true (default): with replacement — a bootstrap sample; false: a subset without replacement */
  replace?: boolean;
}

/**
 * A seeded resample of identities: a bootstrap sample (with replacement) to measure the same
 * network on another draw of the nuisance variation — the estimator's noise floor over identities —
 * or a random subset (without replacement), e.g. as many train identities as the test split has.
 */
export function resampleIdentities(identities: ArrayLike<number>, how: IdentityResample): Int32Array {
  const fn = "resampleIdentities()";
  const n = identities.length;
  if (n === 0) throw new Error(`${fn}: there are no identities to resample; check data.split`);
  const count = how.count ?? n;
  const replace = how.replace ?? true;
  if (!Number.isInteger(how.seed) || how.seed < 0) throw new Error(`${fn}: seed must be an integer >= 0, got ${how.seed}`);
  if (!Number.isInteger(count) || count < 1) throw new Error(`${fn}: count must be an integer >= 1, got ${count}`);
  if (!replace && count > n) throw new Error(`${fn}: count ${count} exceeds the ${n} identities of the split; without replacement use count <= ${n}`);
  const rng = createRng(how.seed).fork("identities");
  const out = new Int32Array(count);
  if (replace) {
    for (let i = 0; i < count; i++) out[i] = identities[rng.int(n)];
    return out;
  }
  // partial Fisher–Yates: the first `count` of a random permutation, in draw order
  const pool = Int32Array.from(identities);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(n - i);
    const t = pool[i]; pool[i] = pool[j]; pool[j] = t;
    out[i] = pool[i];
  }
  return out;
}
