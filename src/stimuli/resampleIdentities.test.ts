import { describe, expect, it } from "vitest";
import { resampleIdentities } from "./resampleIdentities.js";

describe("resampleIdentities()", () => {
  const ids = Int32Array.from([10, 11, 12, 13, 14, 15, 16, 17]);

  it("draws a bootstrap sample of the same size from the given identities, reproducibly per seed", () => {
    const a = resampleIdentities(ids, { seed: 3 });
    expect(a.length).toBe(ids.length);
    expect([...a].every((v) => ids.includes(v))).toBe(true);
    expect([...resampleIdentities(ids, { seed: 3 })]).toEqual([...a]);
    // 8 draws with replacement from 8: the chance that seeds 0..9 all give a permutation (no repeat) is (8!/8⁸)¹⁰ ≈ 1e-24
    const repeats = Array.from({ length: 10 }, (_, s) => new Set(resampleIdentities(ids, { seed: s })).size < ids.length);
    expect(repeats.some(Boolean)).toBe(true);
  });

  it("without replacement gives `count` distinct identities of the split", () => {
    const sub = resampleIdentities(ids, { seed: 1, count: 5, replace: false });
    expect(sub.length).toBe(5);
    expect(new Set(sub).size).toBe(5);
    expect([...sub].every((v) => ids.includes(v))).toBe(true);
    expect([...resampleIdentities(ids, { seed: 1, count: 8, replace: false })].sort()).toEqual([...ids]);
  });

  it("does not mutate its input", () => {
    const copy = Int32Array.from(ids);
    resampleIdentities(ids, { seed: 2, count: 4, replace: false });
    expect([...ids]).toEqual([...copy]);
  });

  it("refuses a subset larger than the split, an empty split and a bad seed, naming the field", () => {
    expect(() => resampleIdentities(ids, { seed: 0, count: 9, replace: false })).toThrow(/count 9 exceeds the 8 identities/);
    expect(() => resampleIdentities([], { seed: 0 })).toThrow(/no identities/);
    expect(() => resampleIdentities(ids, { seed: -1 })).toThrow(/seed must be an integer >= 0/);
  });
});
