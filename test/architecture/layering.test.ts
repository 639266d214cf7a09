import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { layeringViolations, readSources, type SourceFile } from "./layering.js";

const SRC = fileURLToPath(new URL("../../src", import.meta.url));

describe("layering (docs/architecture.md)", () => {
  it("src/ imports point one way, through index.ts files, with no cycle", () => {
    const files = readSources(SRC);
    expect(files.length).toBeGreaterThan(100); // the walk found the tree
    expect(layeringViolations(files)).toEqual([]);
  });

  // The checker on planted trees: each rule must actually fire.
  const tree = (...files: [string, ...string[]][]): SourceFile[] => files.map(([path, ...imports]) => ({ path, imports }));

  it("layeringViolations() accepts a lower layer imported through its index", () => {
    expect(layeringViolations(tree(["fisher/a.ts", "../math/index.js"], ["math/index.ts"]))).toEqual([]);
  });

  it("layeringViolations() rejects an upward import, even of a type", () => {
    const v = layeringViolations(tree(["fisher/measureRun.ts", "../experiments/index.js"], ["experiments/index.ts"]));
    expect(v).toHaveLength(1);
    expect(v[0]).toMatch(/src\/fisher is below src\/experiments/);
  });

  it("layeringViolations() rejects reaching past another folder's index.ts", () => {
    expect(layeringViolations(tree(["train/a.ts", "../nn/mlp.js"], ["nn/mlp.ts"]))[0]).toMatch(/only through its index\.ts/);
  });

  it("layeringViolations() rejects sibling layers importing each other and the report importing fisher", () => {
    expect(layeringViolations(tree(["stimuli/a.ts", "../backbone/index.js"], ["backbone/index.ts"]))[0]).toMatch(/sibling layers/);
    expect(layeringViolations(tree(["report/a.ts", "../fisher/index.js"], ["fisher/index.ts"]))[0]).toMatch(/must never import src\/fisher/);
  });

  it("layeringViolations() rejects a file cycle inside one folder and an unknown folder", () => {
    const cycle = layeringViolations(tree(["train/a.ts", "./b.js"], ["train/b.ts", "./a.js"]));
    expect(cycle).toEqual(["import cycle among 2 files: train/a.ts, train/b.ts"]);
    expect(layeringViolations(tree(["widgets/a.ts"]))[0]).toMatch(/not in the layer list/);
  });
});
