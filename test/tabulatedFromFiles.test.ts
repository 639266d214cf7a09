import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeNpy } from "../src/io/index.js";
import { train } from "../src/train/index.js";
import { tempDir } from "./tempDir.js";

const dir = tempDir("tabulated");
const TINY = { data: { train_size: 128, val_size: 64, test_size: 64 }, model: { hidden: [8] }, train: { max_epochs: 1, patience: 1 } };

describe("train() with a tabulated distribution read from files", () => {
  const n = 50;
  const grid = Float64Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);
  writeFileSync(join(dir, "grid.npy"), encodeNpy([n], grid));
  writeFileSync(join(dir, "density.csv"), "density\n" + Array.from(grid, (t) => Math.exp(4 * Math.cos(t - Math.PI))).join("\n") + "\n");

  it("reads grid (.npy) and density (CSV) paths and trains on them; the config keeps the paths", async () => {
    const run = await train({ ...TINY, data: { ...TINY.data, distribution: { kind: "tabulated", grid: join(dir, "grid.npy"), density: join(dir, "density.csv") } } },
      { outDir: join(dir, "run"), quiet: true });
    run.network.dispose();
    expect(run.config.data.distribution).toMatchObject({ kind: "tabulated", grid: join(dir, "grid.npy") });
    expect(run.metrics.length).toBe(1);
  });

  it("a grid and a density of different lengths is an error naming both", async () => {
    writeFileSync(join(dir, "short.csv"), "1\n2\n3\n");
    await expect(train({ ...TINY, data: { ...TINY.data, distribution: { kind: "tabulated", grid: join(dir, "grid.npy"), density: join(dir, "short.csv") } } },
      { outDir: join(dir, "bad"), quiet: true })).rejects.toThrow(/grid has 50 values but density has 3/);
  });
});
