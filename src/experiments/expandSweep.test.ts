import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandSweep, conditions } from "./expandSweep.js";
import { loadExperiment, parseExperiment } from "./experimentSpec.js";
import { conditionSlug, sweepLabels } from "../rundir/runId.js";
import type { StageJob } from "./job.js";
import { tempDir } from "../../test/tempDir.js";

describe("conditions()", () => {
  it("is the cartesian product with the first key varying slowest, and one empty condition for no sweep", () => {
    expect(conditions({ a: [1, 2], b: ["x", "y"] })).toEqual([
      [["a", 1], ["b", "x"]], [["a", 1], ["b", "y"]], [["a", 2], ["b", "x"]], [["a", 2], ["b", "y"]],
    ]);
    expect(conditions({})).toEqual([[]]);
  });
});

describe("expandSweep()", () => {
  const spec = parseExperiment({
    name: "demo",
    config: { train: { max_epochs: 5 } },
    sweep: { "loss.name": ["angle_diff", "sq_diff"], "data.distribution.kappa": [0, 4] },
    replicates: 2,
    fisher: [{ method: "derivative", layer: "output", angles: 50 }],
  });

  it("gives one job per condition × replicate with stable, readable run ids", () => {
    const jobs = expandSweep(spec);
    expect(jobs).toHaveLength(8);
    expect(jobs.map((j) => j.run_id).slice(0, 4)).toEqual([
      "loss.name=angle_diff+distribution.kappa=0__r0__pretrain",
      "loss.name=angle_diff+distribution.kappa=4__r0__pretrain",
      "loss.name=sq_diff+distribution.kappa=0__r0__pretrain",
      "loss.name=sq_diff+distribution.kappa=4__r0__pretrain",
    ]);
    expect(expandSweep(spec).map((j) => j.run_id)).toEqual(jobs.map((j) => j.run_id));
    const j = jobs[5] as StageJob;
    expect(j.condition).toEqual({ "loss.name": "angle_diff", "data.distribution.kappa": 4 });
    expect(j.config.loss.name).toBe("angle_diff");
    expect(j.config.data.distribution).toEqual({ kind: "vonmises", loc: 0, kappa: 4 });
    expect(j.config.train.max_epochs).toBe(5);
    expect(j.measurements).toEqual([{ method: "derivative", layer: "output", angles: 50 }]);
  });

  it("replicate r runs with seed + r, written into its config", () => {
    const jobs = expandSweep(parseExperiment({ config: { seed: 10 }, replicates: 3 }));
    expect(jobs.map((j) => [j.run_id, j.seed, (j as StageJob).config.seed])).toEqual([
      ["base__r0__pretrain", 10, 10], ["base__r1__pretrain", 11, 11], ["base__r2__pretrain", 12, 12],
    ]);
  });

  it("fine-tuning stages chain on their parent, and finetune.-scoped keys share one pretrain per replicate", () => {
    const jobs = expandSweep(parseExperiment({
      sweep: { "finetune.loss.name": ["angle_diff", "sq_diff", "sqrt_diff"] },
      replicates: 2,
      finetune: [{ set: { "data.distribution.kappa": 4, "train.lr": 0.0005 } }, { name: "frozen", set: { "train.freeze": [0] }, reset_optimizer: true }],
      fisher: [{ method: "sampling", layer: 1, stages: ["frozen"] }],
    })) as StageJob[];
    const pretrains = jobs.filter((j) => j.stage === "pretrain");
    expect(pretrains.map((j) => j.run_id)).toEqual(["base__r0__pretrain", "base__r1__pretrain"]);
    expect(pretrains[0].config.loss.name).toBe("cos_sim");
    expect(pretrains[0].measurements).toEqual([]);
    const ft = jobs.find((j) => j.run_id === "loss.name=sq_diff__r1__ft1")!;
    expect(ft).toMatchObject({ kind: "finetune", parent: "base__r1__pretrain", seed: 1, reset_optimizer: false });
    expect(ft.config.loss.name).toBe("sq_diff");
    expect(ft.config.data.distribution).toEqual({ kind: "vonmises", loc: 0, kappa: 4 });
    expect(ft.config.train.lr).toBe(0.0005);
    const frozen = jobs.find((j) => j.run_id === "loss.name=sq_diff__r1__frozen")!;
    expect(frozen).toMatchObject({ parent: "loss.name=sq_diff__r1__ft1", reset_optimizer: true });
    expect(frozen.config.train.freeze).toEqual([0]);
    expect(frozen.config.train.lr).toBe(0.0005); // stages accumulate
    expect(frozen.measurements).toEqual([{ method: "sampling", layer: 1, stages: ["frozen"] }]);
    expect(jobs).toHaveLength(2 + 2 * 3 * 2);
  });

  it("finetune.seed gives several fine-tunes of each pretrained network, each with its own seed + r", () => {
    const jobs = expandSweep(parseExperiment({
      sweep: { "finetune.seed": [100, 200] }, replicates: 2, finetune: [{ set: { "data.distribution.kappa": 4 } }],
    })) as StageJob[];
    expect(jobs.map((j) => [j.run_id, j.parent, j.seed])).toEqual([
      ["base__r0__pretrain", null, 0], ["seed=100__r0__ft1", "base__r0__pretrain", 100], ["seed=200__r0__ft1", "base__r0__pretrain", 200],
      ["base__r1__pretrain", null, 1], ["seed=100__r1__ft1", "base__r1__pretrain", 101], ["seed=200__r1__ft1", "base__r1__pretrain", 201],
    ]);
    expect(jobs[2].config.seed).toBe(200);
  });

  it("finetune.reset_optimizer sweeps every stage's reset_optimizer and shares the pretrain", () => {
    const jobs = expandSweep(parseExperiment({
      sweep: { "finetune.reset_optimizer": [false, true] }, replicates: 1,
      finetune: [{ set: { "data.distribution.kappa": 4 } }, { name: "more", set: {}, reset_optimizer: false }],
    })) as StageJob[];
    expect(jobs.map((j) => [j.run_id, j.parent, j.reset_optimizer])).toEqual([
      ["base__r0__pretrain", null, false],
      ["reset_optimizer=false__r0__ft1", "base__r0__pretrain", false], ["reset_optimizer=false__r0__more", "reset_optimizer=false__r0__ft1", false],
      ["reset_optimizer=true__r0__ft1", "base__r0__pretrain", true], ["reset_optimizer=true__r0__more", "reset_optimizer=true__r0__ft1", true],
    ]);
    expect(jobs[3].condition).toEqual({ "finetune.reset_optimizer": true });
    expect(() => parseExperiment({ sweep: { "finetune.reset_optimizer": ["yes"] }, finetune: [{ set: {} }] }))
      .toThrow(/sweep key finetune\.reset_optimizer takes true or false, got \["yes"\]/);
  });

  it("an unscoped swept key gives one pretrain per condition", () => {
    const jobs = expandSweep(parseExperiment({ sweep: { "model.activation": ["relu", "tanh"] }, replicates: 1, finetune: [{ set: {} }] }));
    expect(jobs.map((j) => [j.run_id, j.parent])).toEqual([
      ["model.activation=relu__r0__pretrain", null], ["model.activation=relu__r0__ft1", "model.activation=relu__r0__pretrain"],
      ["model.activation=tanh__r0__pretrain", null], ["model.activation=tanh__r0__ft1", "model.activation=tanh__r0__pretrain"],
    ]);
  });

  it("an adapt: section adds an adapt job after the last stage with adapt.-scoped keys in its config", () => {
    const jobs = expandSweep(parseExperiment({
      sweep: { "adapt.damping": [0.5, 1] }, replicates: 1,
      adapt: { grid: 100, finetune: { lr: 0.002 } },
    }));
    expect(jobs.map((j) => j.run_id)).toEqual(["base__r0__pretrain", "damping=0.5__r0__adapt", "damping=1__r0__adapt"]);
    const a = jobs[1];
    expect(a.kind).toBe("adapt");
    expect(a.parent).toBe("base__r0__pretrain");
    expect(a.config).toMatchObject({ adapt: { grid: 100, damping: 0.5 }, finetune: { lr: 0.002 } });
  });

  it("a swept key that is not a config key fails with the condition and the path named", () => {
    expect(() => expandSweep(parseExperiment({ name: "x", sweep: { "train.lrr": [1] } })))
      .toThrow(/experiment x, pretrain of condition train.lrr=1\)[^]*train\.lrr: unknown key/);
    expect(() => expandSweep(parseExperiment({ sweep: { "loss.name": ["nope"] } }))).toThrow(/loss\.name: must be one of cos_sim/);
  });
});

describe("parseExperiment()/loadExperiment()", () => {
  it("reads config: from a path relative to the spec file and names stages by default", () => {
    const dir = tempDir("spec");
    writeFileSync(join(dir, "base.yaml"), "train: { lr: 0.02 }\n");
    writeFileSync(join(dir, "exp.yaml"), "config: base.yaml\nreplicates: 1\nfinetune:\n  - set: { data.distribution.loc: 1.6 }\n");
    const spec = loadExperiment(join(dir, "exp.yaml"));
    expect(spec.name).toBe("exp");
    expect(spec.config).toEqual({ train: { lr: 0.02 } });
    expect(spec.finetune).toEqual([{ name: "ft1", set: { "data.distribution.loc": 1.6 }, reset_optimizer: false }]);
  });

  it("rejects unknown spec keys, duplicate stage names and scoped keys without their stage", () => {
    expect(() => parseExperiment({ sweeps: {} })).toThrow(/sweeps: unknown key; valid keys: name, config, sweep, replicates, finetune, fisher, adapt/);
    expect(() => parseExperiment({ finetune: [{ name: "a", set: {} }, { name: "a", set: {} }] })).toThrow(/finetune\[1\]\.name "a" is used twice/);
    expect(() => parseExperiment({ sweep: { "finetune.train.lr": [1] } })).toThrow(/scoped to fine-tuning/);
    expect(() => parseExperiment({ fisher: [{ method: "nope" }] })).toThrow(/fisher\[0\]\.method: must be one of derivative, sampling/);
  });

  it("accepts a measurement's split, resample and label, and refuses two measurements that would write one file", () => {
    const spec = parseExperiment({ fisher: [
      { method: "derivative" },
      { method: "derivative", split: "train", resample: { seed: 0, count: 50, replace: false }, label: "train" },
    ] });
    expect(spec.fisher[1]).toMatchObject({ split: "train", resample: { seed: 0, count: 50, replace: false }, label: "train" });
    expect(() => parseExperiment({ fisher: [{ method: "derivative" }, { method: "derivative", split: "val" }] })).toThrow(/fisher\[0\] and fisher\[1\] would both write fisher_derivative_output\.csv.*label/);
    expect(() => parseExperiment({ fisher: [{ method: "derivative", split: "training" }] })).toThrow(/fisher\[0\]\.split/);
    expect(() => parseExperiment({ fisher: [{ method: "derivative", label: "a_b" }] })).toThrow(/fisher\[0\]\.label: must be letters and digits/);
    expect(() => parseExperiment({ fisher: [{ method: "derivative", resample: { seed: 1, replace: false } }] })).toThrow(/resample\.count: is needed when replace is false/);
  });
});

describe("conditionSlug()", () => {
  it("is filesystem-safe and keeps distinct conditions distinct when values need escaping", () => {
    const labels = sweepLabels(["model.hidden", "data.source"]);
    const a = conditionSlug([["model.hidden", [30, 10]], ["data.source", "a b"]], labels);
    const b = conditionSlug([["model.hidden", [30, 10]], ["data.source", "a_b"]], labels);
    expect(a).toMatch(/^[A-Za-z0-9._=+~-]+$/);
    expect(a).not.toBe(b);
    expect(b).toMatch(/^model.hidden=_30_10_\+data.source=a_b~[0-9a-f]{8}$/);
    expect(conditionSlug([["data.source", "x".repeat(300)]], labels).length).toBeLessThan(140);
  });

  it("uses full keys when two keys share their last two segments", () => {
    expect(sweepLabels(["loss.name", "finetune.loss.name", "train.lr"])).toEqual({ "loss.name": "loss.name", "finetune.loss.name": "finetune.loss.name", "train.lr": "train.lr" });
  });
});
