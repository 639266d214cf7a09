import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { runAdaptation, integrateCircular } from "../src/adapt/index.js";
import { resolveAdaptConfig } from "../src/config/index.js";
import { readCsv } from "../src/io/index.js";
import { train } from "../src/train/index.js";
import { loadReportData, renderReport } from "../src/report/index.js";
import { tempDir } from "./tempDir.js";

const root = tempDir("adapt-e2e");
const pretrained = join(root, "pretrained");
const GRID = 60, REPLICATES = 2, ITERATIONS = 2;
const overrides = [
  `adapt.grid=${GRID}`, `adapt.replicates=${REPLICATES}`, `adapt.max_iterations=${ITERATIONS}`,
  "adapt.smoothing.width=7", "adapt.fisher.angles=24", "adapt.damping=0.5",
  "finetune.max_epochs=1", "finetune.patience=1",
];
const config = resolveAdaptConfig({ overrides });

describe("runAdaptation() on textures, small sizes (end to end)", () => {
  beforeAll(async () => {
    const run = await train({
      seed: 3, data: { train_size: 256, val_size: 128, test_size: 128 }, model: { hidden: [16, 8] }, train: { max_epochs: 2, patience: 2 },
    }, { outDir: pretrained, quiet: true });
    run.network.dispose();
  });

  it("finishes and writes consistent files: every density integrates to 1, rows complete, one run per replicate", async () => {
    const out = join(root, "adapt");
    const summary = await runAdaptation(pretrained, config, { outDir: out, quiet: true });
    expect(summary.iterations_run).toBe(ITERATIONS);
    const rows = readCsv(join(out, "iterations.csv"));
    expect(rows.length).toBe(ITERATIONS * GRID);
    for (let k = 0; k < ITERATIONS; k++) {
      const it = rows.filter((r) => r.iteration === k);
      expect(it.length).toBe(GRID);
      // rectangle rule on the periodic grid; exact up to float64 rounding of the normalisation
      expect(integrateCircular(it.map((r) => Number(r.density)), 2 * Math.PI)).toBeCloseTo(1, 10);
      for (const r of it) {
        for (const c of ["theta", "density", "fisher", "fisher_smoothed", "fisher_replicate_sd"]) expect(Number.isFinite(Number(r[c])), c).toBe(true);
      }
      for (let rep = 0; rep < REPLICATES; rep++) {
        expect(existsSync(join(out, `iter_${k}`, `rep_${rep}`, "model.safetensors"))).toBe(true);
        expect(existsSync(join(out, `iter_${k}`, `rep_${rep}`, "fisher_derivative_output.csv"))).toBe(true);
      }
    }
    expect(readCsv(join(out, "replicates.csv")).length).toBe(ITERATIONS * REPLICATES * GRID);
    const saved = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(saved.density_change.length).toBe(ITERATIONS);
    expect(saved.density_change[0]).toBe(0);
    expect(readFileSync(join(out, "adapt.svg"), "utf8")).toContain("<svg");
  });

  it("resumes: a rerun after losing iteration 1 redoes only iteration 1 and reproduces it exactly", async () => {
    const out = join(root, "adapt");
    const before = readCsv(join(out, "iterations.csv"));
    const firstModel = join(out, "iter_0", "rep_0", "model.safetensors");
    const mtime = statSync(firstModel).mtimeMs;
    // simulate a crash during iteration 1: its runs and its record are gone
    rmSync(join(out, "iter_1"), { recursive: true });
    const state = JSON.parse(readFileSync(join(out, "iterations.json"), "utf8"));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(out, "iterations.json"), JSON.stringify(state.slice(0, 1)));
    await runAdaptation(pretrained, config, { outDir: out, quiet: true });
    expect(statSync(firstModel).mtimeMs).toBe(mtime); // iteration 0 was not redone
    const after = readCsv(join(out, "iterations.csv"));
    expect(after.length).toBe(before.length);
    after.forEach((r, i) => { expect(r.density).toBe(before[i].density); expect(r.fisher).toBe(before[i].fisher); });
  });

  it("refuses to continue in a directory that holds a run with a different config", async () => {
    const other = resolveAdaptConfig({ overrides: [`adapt.grid=${GRID + 1}`] });
    await expect(runAdaptation(pretrained, other, { outDir: join(root, "adapt"), quiet: true })).rejects.toThrow(/different config/);
  });

  it("adapt.seed replaces the pretrained run's seed as the base of the fine-tunes' seeds (independent loops from one network)", async () => {
    const seeded = resolveAdaptConfig({ overrides: [...overrides, "adapt.max_iterations=1", "adapt.seed=500000"] });
    const out = join(root, "adapt-seeded");
    await runAdaptation(pretrained, seeded, { outDir: out, quiet: true });
    const seedOf = (dir: string) => (YAML.parse(readFileSync(join(dir, "iter_0", "rep_1", "config.yaml"), "utf8")) as { seed: number }).seed;
    expect(seedOf(out)).toBe(500000 + 1000 + 1);
    expect(seedOf(join(root, "adapt"))).toBe(3 + 1000 + 1); // null: the pretrained run's seed 3
  });

  it("fisherlab report reads a lone adaptation directory and a lone training run (not only sweeps)", () => {
    const adaptData = loadReportData(join(root, "adapt"));
    expect(adaptData.adapt?.map((it) => it.iteration)).toEqual([0, 1]);
    expect(adaptData.adapt?.[0].theta.length).toBe(GRID);
    expect(renderReport(adaptData)).toContain('<section id="adapt">');
    const runData = loadReportData(pretrained);
    expect(runData.conditions.length).toBe(1);
    expect(runData.metrics.length).toBe(2); // 2 epochs
    expect(() => loadReportData(root)).toThrow(/neither a sweep/);
  });
});
