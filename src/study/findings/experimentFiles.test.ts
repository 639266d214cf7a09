import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandSweep, loadExperiment, type AdaptJob, type StageJob } from "../../experiments/index.js";
import { studyExperimentsDir } from "../experimentsDir.js";
import { quickSpec } from "../quickSpec.js";
import { diffusionFinding } from "./diffusion.js";
import { lossExponentFinding } from "./lossExponent.js";
import { optimizerStateFinding } from "./optimizerState.js";
import { residueFinding } from "./residue.js";

const load = (stem: string) => loadExperiment(join(studyExperimentsDir(), `${stem}.yaml`));

describe("the experiments of findings 2, 3, 8 and 9", () => {
  it("are the files the findings name, and expand into the job counts their headers state", () => {
    expect([diffusionFinding, residueFinding, lossExponentFinding, optimizerStateFinding].flatMap((f) => f.experiments))
      .toEqual(["diffusion", "residue", "loss_exponent", "optimizer_shift"]);
    expect(expandSweep(load("residue")).length).toBe(20);
    expect(expandSweep(load("optimizer_shift")).length).toBe(35);
    expect(expandSweep(load("loss_exponent")).length).toBe(35);
    expect(expandSweep(load("diffusion")).length).toBe(9);
  });

  it("share what the analyses compare: one pretraining per replicate, distinct fine-tune seeds, loops from one network", () => {
    for (const stem of ["residue", "optimizer_shift"]) {
      const jobs = expandSweep(load(stem)) as StageJob[];
      const fts = jobs.filter((j) => j.kind === "finetune");
      expect(new Set(fts.map((j) => j.parent)).size, stem).toBe(jobs.filter((j) => j.kind === "train").length);
      const seeds = fts.filter((j) => !j.reset_optimizer).map((j) => j.seed);
      expect(new Set(seeds).size, stem).toBe(seeds.length);
    }
    const shift = expandSweep(load("optimizer_shift")) as StageJob[];
    expect(shift.filter((j) => j.kind === "finetune" && j.reset_optimizer).length).toBe(15);
    const adapt = expandSweep(load("diffusion")).filter((j): j is AdaptJob => j.kind === "adapt");
    expect(new Set(adapt.map((j) => j.parent)).size).toBe(1);
    expect(adapt.map((j) => [j.config.adapt.damping, j.config.adapt.seed])).toEqual([
      [1, 100000], [1, 200000], [1, 300000], [1, 400000], [0.5, 100000], [0.5, 200000], [0.5, 300000], [0.5, 400000],
    ]);
  });

  it("stay analysable at quick sizes: ≥ 2 loops per damping with ≥ 2 iterations, ≥ 2 fine-tunes per pretraining, ≥ 3 replicates", () => {
    const adapt = expandSweep(quickSpec(load("diffusion"))).filter((j): j is AdaptJob => j.kind === "adapt");
    expect(adapt.filter((j) => j.config.adapt.damping === 1).length).toBeGreaterThanOrEqual(2);
    for (const j of adapt) expect(j.config.adapt.max_iterations).toBeGreaterThanOrEqual(2);
    for (const stem of ["residue", "optimizer_shift", "loss_exponent"]) {
      const q = quickSpec(load(stem));
      expect(q.replicates, stem).toBe(3);
      expect(q.sweep["finetune.seed"]?.length ?? 2, stem).toBeGreaterThanOrEqual(2);
    }
  });
});
