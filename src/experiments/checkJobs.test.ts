import { describe, expect, it } from "vitest";
import { checkJobs } from "./checkJobs.js";
import { expandSweep } from "./expandSweep.js";
import { parseExperiment } from "./experimentSpec.js";

describe("checkJobs()", () => {
  const experiment = (model: Record<string, unknown>, layer: string | number) => expandSweep(parseExperiment({
    name: "layers", config: { model }, replicates: 1,
    finetune: [{ name: "ft", set: { "train.max_epochs": 1 } }],
    fisher: [{ method: "derivative", layer, angles: 4 }],
  }));
  const backbone = { hidden: [8], backbone: { name: "face-resnet", layer: "conv256_down_out", trainable_blocks: 0 } };

  it("accepts backbone layer names and head indices on runs with a backbone (regression: names were refused before any job ran)", () => {
    expect(() => checkJobs(experiment(backbone, "conv128_2"))).not.toThrow();
    expect(() => checkJobs(experiment(backbone, "embedding"))).not.toThrow();
    expect(() => checkJobs(experiment(backbone, 1))).not.toThrow();
  });

  it("refuses a backbone layer name on a run without a backbone and a head index past the head", () => {
    expect(() => checkJobs(experiment({ hidden: [8] }, "conv128_2"))).toThrow(/2 of 2 jobs would fail[^]*layer "conv128_2" is a backbone layer name, but this run has no backbone/);
    expect(() => checkJobs(experiment(backbone, 2))).toThrow(/layer must be "output" or an integer in \[0, 1\], got 2/);
  });
});
