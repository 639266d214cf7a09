import { describe, expect, it } from "vitest";
import { expandSweep, parseExperiment } from "../experiments/index.js";
import { quickSpec } from "./quickSpec.js";

describe("quickSpec()", () => {
  const full = parseExperiment({
    replicates: 5,
    config: { data: { train_size: 4096, val_size: 128 }, train: { max_epochs: 100 } },
    sweep: { "finetune.train.max_epochs": [20, 200], "loss.name": ["angle_diff", "sq_diff"] },
    finetune: [
      { name: "a", set: { "train.max_epochs": 300, "train.patience": 40, "data.distribution.kappa": 4 } },
      { name: "b", set: { train: { patience: 2, lr: 0.01 } } },
    ],
    fisher: [{ method: "derivative", angles: 360 }, { method: "derivative", angles: "-1.5:1.5:181", label: "w" }, { method: "derivative", layer: 1, angles: 10 }],
    adapt: { replicates: 5, grid: 500, finetune: { max_epochs: 30 } },
  });

  it("caps every size of the rule and keeps sizes already below their cap", () => {
    const q = quickSpec(full);
    expect(q.replicates).toBe(3);
    expect(q.config).toMatchObject({ data: { train_size: 1024, val_size: 128, test_size: 512 }, train: { max_epochs: 12, patience: 4 } });
    expect(q.sweep["finetune.train.max_epochs"]).toEqual([12]); // 20 and 200 both become 12: one condition
    expect(q.sweep["loss.name"]).toEqual(["angle_diff", "sq_diff"]);
    expect(q.finetune[0].set).toEqual({ "train.max_epochs": 12, "train.patience": 4, "data.distribution.kappa": 4 });
    expect(q.finetune[1].set).toEqual({ train: { patience: 2, lr: 0.01 } });
    expect(q.fisher.map((m) => m.angles)).toEqual([48, "-1.5:1.5:48", 10]);
    expect(q.adapt!.adapt).toMatchObject({ replicates: 2, grid: 120, max_iterations: 3, fisher: { angles: 48 } });
    expect(q.adapt!.finetune).toMatchObject({ max_epochs: 12, patience: 4 });
  });

  it("does not modify its input, and every job it expands to respects the caps", () => {
    const before = JSON.stringify(full);
    const jobs = expandSweep(quickSpec(full));
    expect(JSON.stringify(full)).toBe(before);
    for (const job of jobs) {
      if (job.kind === "adapt") {
        expect(job.config.adapt.replicates).toBeLessThanOrEqual(2);
        expect(job.config.finetune.max_epochs).toBeLessThanOrEqual(12);
        continue;
      }
      expect(job.replicate).toBeLessThan(3);
      expect(job.config.data.train_size).toBeLessThanOrEqual(1024);
      expect(job.config.data.val_size).toBeLessThanOrEqual(256);
      expect(job.config.data.test_size).toBeLessThanOrEqual(512);
      expect(job.config.train.max_epochs).toBeLessThanOrEqual(12);
      expect(job.config.train.patience).toBeLessThanOrEqual(4);
    }
  });
});
