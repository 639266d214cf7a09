import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandSweep, loadExperiment, MAIN_EXPERIMENT, parseExperiment } from "../src/experiments/index.js";

const dir = join(import.meta.dirname, "..", "examples");

describe("examples/", () => {
  it("every example experiment parses and expands into the job count its header states", () => {
    const counts: Record<string, number> = { "main.yaml": 16, "loss_kappa.yaml": 30, "frozen_base.yaml": 15, "constraint.yaml": 12, "adapt.yaml": 2, "backbone.yaml": 4, "backbone_losses.yaml": 16 };
    const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
    expect(files.sort()).toEqual(Object.keys(counts).sort());
    for (const f of files) expect(expandSweep(loadExperiment(join(dir, f))).length, f).toBe(counts[f]);
  });

  it("examples/main.yaml is the built-in experiment of `fisherlab run`", () => {
    const fromFile = expandSweep(loadExperiment(join(dir, "main.yaml")));
    const builtIn = expandSweep(parseExperiment(structuredClone(MAIN_EXPERIMENT)));
    expect(fromFile).toEqual(builtIn);
  });
});
