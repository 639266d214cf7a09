import { describe, expect, it } from "vitest";
import { loadSource, splitIdentities } from "./index.js";
import { runIdentities } from "./runIdentities.js";

describe("runIdentities()", () => {
  const textures = loadSource("textures:40");

  it("with counts proportional to 300/50/50 gives exactly the stimuli's splitIdentities()", () => {
    for (const which of ["train", "val", "test"] as const) {
      expect(runIdentities(textures, [30, 5, 5], which)).toEqual(splitIdentities(40, which));
    }
  });

  it("cuts disjoint train / val / test parts of the requested sizes", () => {
    const parts = (["train", "val", "test"] as const).map((w) => Array.from(runIdentities(textures, [20, 6, 4], w)));
    expect(parts.map((p) => p.length)).toEqual([20, 6, 4]);
    expect(new Set(parts.flat()).size).toBe(30);
  });

  it("is an error naming data.split when the split needs more identities than the source has", () => {
    expect(() => runIdentities(textures, [30, 10, 5], "val")).toThrow(/data\.split \[30, 10, 5\] needs 45 identities but textures:40:0 has 40/);
  });

  it("gives identity 0 for every part of a one-identity source (gratings)", () => {
    expect(Array.from(runIdentities(loadSource("gratings"), [300, 50, 50], "test"))).toEqual([0]);
  });
});
