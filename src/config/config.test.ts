import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { applyOverrides, loadConfig, resolveConfig } from "./trainConfig.js";
import { resolveAdaptConfig } from "./adaptConfig.js";
import { dumpConfig } from "./dumpConfig.js";
import { ConfigError } from "./configError.js";
import { DEFAULT_CONFIG } from "./defaults.js";
import { LOSS_NAMES } from "../nn/index.js";
import { tempDir } from "../../test/tempDir.js";

const tmp = () => tempDir("config");

function errorOf(fn: () => unknown): ConfigError {
  try { fn(); } catch (err) { if (err instanceof ConfigError) return err; throw err; }
  throw new Error("expected a ConfigError");
}

describe("resolveConfig()", () => {
  it("without input returns the documented defaults exactly", () => {
    expect(resolveConfig()).toEqual({
      seed: 0,
      data: { source: "textures", split: [300, 50, 50], train_size: 8192, val_size: 2048, test_size: 2048,
        distribution: { kind: "vonmises", loc: 0, kappa: 0 }, noise: { shot: 0, variance: 0 } },
      model: { hidden: [60, 20], activation: "celu", dropout: 0, encoding: "circular" },
      loss: { name: "cos_sim", lagrange: 0, center: 1.5708 },
      train: { batch_size: 32, lr: 0.001, max_epochs: 300, patience: 30, grad_clip: 0.5, freeze: [] },
    });
  });

  it("merges file ← inline ← overrides in that order and does not mutate the defaults", () => {
    const dir = tmp();
    writeFileSync(join(dir, "cfg.yaml"), "train: { lr: 0.01, patience: 5 }\nmodel: { hidden: [10] }\n");
    const c = resolveConfig({ path: join(dir, "cfg.yaml"), config: { train: { patience: 7 } }, overrides: ["train.patience=9", "seed=4"] });
    expect(c.train).toMatchObject({ lr: 0.01, patience: 9, batch_size: 32 });
    expect(c.model.hidden).toEqual([10]);
    expect(c.seed).toBe(4);
    expect(DEFAULT_CONFIG.train.lr).toBe(0.001);
    expect(DEFAULT_CONFIG.model.hidden).toEqual([60, 20]);
  });

  it("reads JSON files as well as YAML", () => {
    const dir = tmp();
    writeFileSync(join(dir, "cfg.json"), JSON.stringify({ loss: { name: "sq_diff" } }));
    expect(loadConfig(join(dir, "cfg.json")).loss.name).toBe("sq_diff");
  });

  it("reports every invalid field at once, one line each with path, rule and value", () => {
    const err = errorOf(() => resolveConfig({
      config: { model: { activation: "sigmoid", hidden: [0, 3] }, train: { lr: -1 }, data: { distribution: { kind: "weird" } } },
    }));
    const lines = err.message.split("\n");
    expect(lines[0]).toBe("resolveConfig(): 4 invalid fields in the config (defaults + inline config); fix them and rerun:");
    expect(lines).toContain("  model.activation: must be one of relu, leaky_relu, celu, elu, tanh; got \"sigmoid\"");
    expect(lines).toContain("  model.hidden[0]: must be >= 1, got 0");
    expect(lines).toContain("  train.lr: must be > 0, got -1");
    expect(lines).toContain("  data.distribution.kind: must be one of vonmises, uniform, normal, tabulated; got \"weird\"");
    expect(err.issues.map((i) => i.path).sort()).toEqual(["data.distribution.kind", "model.activation", "model.hidden[0]", "train.lr"]);
  });

  it("rejects unknown keys in files, naming the path and listing the valid keys at that level", () => {
    const dir = tmp();
    writeFileSync(join(dir, "cfg.yaml"), "train: { learning_rate: 0.1 }\n");
    const err = errorOf(() => loadConfig(join(dir, "cfg.yaml")));
    expect(err.issues).toEqual([{ path: "train.learning_rate", message: "unknown key; valid keys in train: batch_size, lr, max_epochs, patience, grad_clip, freeze" }]);
  });

  it("names the file and the YAML problem when a file does not parse", () => {
    const dir = tmp();
    writeFileSync(join(dir, "bad.yaml"), "train: [1, 2\n");
    expect(() => loadConfig(join(dir, "bad.yaml"))).toThrow(/bad\.yaml is not valid YAML/);
    expect(() => loadConfig(join(dir, "missing.yaml"))).toThrow(/missing\.yaml not found/);
  });

  it("loss names are the 16 of docs/networks.md and each one validates with its encoding", () => {
    expect(LOSS_NAMES).toHaveLength(16);
    for (const name of LOSS_NAMES) {
      const encoding = name.startsWith("dist_") ? "linear" : "circular";
      expect(resolveConfig({ overrides: [`loss.name=${name}`, `model.encoding=${encoding}`] }).loss.name).toBe(name);
    }
  });

  it("refuses a loss that does not fit the encoding, and train.freeze beyond the network, at validation (regression: they failed at run time)", () => {
    expect(() => resolveConfig({ overrides: ["loss.name=dist_linear"] }))
      .toThrow("loss.name: is for the linear encoding but model.encoding is circular; use cos_sim, angle_diff, sq_diff, sqrt_diff or sim_<g>, got \"dist_linear\"");
    expect(() => resolveConfig({ overrides: ["model.encoding=linear", "loss.name=cos_sim"] }))
      .toThrow("loss.name: compares angles of 2-d vectors but model.encoding is linear; use a dist_<g> loss");
    expect(() => resolveConfig({ overrides: ["model.hidden=[8]", "train.freeze=[2]"] }))
      .toThrow("train.freeze[0]: must be a layer of the network, 0..1 (1 is the output layer, model.hidden [8]), got 2");
    expect(() => resolveConfig({ overrides: ["model.hidden=[8]", "train.freeze=[0, 1]"] }))
      .toThrow("train.freeze: freezes every layer; nothing would train — leave at least one layer out, got [0,1]");
  });

  it("reports .nan and .inf as NaN and infinity, not null (regression)", () => {
    expect(() => resolveConfig({ overrides: ["train.lr=.nan"] })).toThrow("train.lr: must be a number, got NaN (.nan)");
    expect(() => resolveConfig({ overrides: ["data.distribution={kind: vonmises, loc: .inf, kappa: 1}"] })).toThrow("got infinity (.inf)");
  });

  it("accepts each distribution kind with its parameters and checks tabulated shapes", () => {
    expect(resolveConfig({ overrides: ["data.distribution={kind: normal, loc: 0.2, scale: 0.5}"] }).data.distribution)
      .toEqual({ kind: "normal", loc: 0.2, scale: 0.5 });
    expect(resolveConfig({ config: { data: { distribution: { kind: "tabulated", grid: "p.npy", density: "d.npy" } } } }).data.distribution.kind).toBe("tabulated");
    const err = errorOf(() => resolveConfig({ config: { data: { distribution: { kind: "tabulated", grid: [0, 1, 1], density: [1, -1] } } } }));
    expect(err.issues.map((i) => i.path)).toEqual(["data.distribution.density", "data.distribution.grid", "data.distribution.density"]);
    expect(err.message).toMatch(/grid: must be strictly increasing/);
  });
});

describe("applyOverrides()", () => {
  it("parses values as YAML scalars and flow sequences and type-checks them", () => {
    const c = applyOverrides(resolveConfig(), ["train.lr=0.01", "model.hidden=[30,10]", "data.source=gratings", "train.freeze=[0]", "train.lr=1e-4"]);
    expect(c.train.lr).toBe(1e-4);
    expect(c.model.hidden).toEqual([30, 10]);
    expect(c.data.source).toBe("gratings");
    expect(c.train.freeze).toEqual([0]);
  });

  it("switching data.distribution.kind drops the old kind's keys and fills the new kind's defaults", () => {
    const c = applyOverrides(resolveConfig(), ["data.distribution.kind=uniform", "data.distribution.high=3"]);
    expect(c.data.distribution).toEqual({ kind: "uniform", low: 0, high: 3 });
  });

  it("an unknown --set key is an error naming the path and the valid keys, not ignored", () => {
    const err = errorOf(() => applyOverrides(resolveConfig(), ["data.distribution.kappa=3", "data.distribution.kind=uniform", "train.lrr=3"]));
    // kappa was set before the kind switch, so it is gone; lrr is unknown
    expect(err.issues).toEqual([{ path: "train.lrr", message: "unknown key; valid keys in train: batch_size, lr, max_epochs, patience, grad_clip, freeze" }]);
    const kinded = errorOf(() => applyOverrides(resolveConfig(), ["data.distribution.kind=uniform", "data.distribution.kappa=3"]));
    expect(kinded.issues[0]).toEqual({ path: "data.distribution.kappa", message: "unknown key; valid keys in data.distribution: kind, low, high" });
  });

  it("malformed overrides are all reported, and a wrong type names the expected type", () => {
    const err = errorOf(() => applyOverrides(resolveConfig(), ["nonsense", "train.lr=[1"]));
    expect(err.issues.map((i) => i.path)).toEqual(['--set "nonsense"', "train.lr"]);
    expect(() => applyOverrides(resolveConfig(), ["train.lr=fast"])).toThrow(/train\.lr: must be a number, got "fast"/);
  });

  it("does not mutate the config it is given", () => {
    const c = resolveConfig();
    applyOverrides(c, ["model.hidden=[1]"]);
    expect(c.model.hidden).toEqual([60, 20]);
  });
});

describe("dumpConfig()", () => {
  it("writes YAML that resolves back to the same config", () => {
    const c = applyOverrides(resolveConfig(), ["data.distribution.kind=normal", "model.hidden=[5,4,3]"]);
    const text = dumpConfig(c);
    expect(text).toContain("hidden: [ 5, 4, 3 ]");
    expect(resolveConfig({ config: YAML.parse(text) })).toEqual(c);
  });
});

describe("resolveAdaptConfig()", () => {
  it("gives the documented adapt defaults and validates the smoothing kind switch", () => {
    const a = resolveAdaptConfig();
    expect(a.adapt).toMatchObject({ grid: 500, replicates: 3, max_iterations: 10, criterion: 0.1, exponent: 0.5, damping: 1,
      smoothing: { kind: "moving_average", width: 31 }, fisher: { method: "derivative", angles: 200 }, initial: "uniform" });
    expect(a.finetune).toEqual({ lr: 0.001, max_epochs: 50, patience: 10, reset_optimizer: false });
    expect(resolveAdaptConfig({ overrides: ["adapt.smoothing.kind=fourier"] }).adapt.smoothing).toEqual({ kind: "fourier", harmonics: 8 });
    const err = errorOf(() => resolveAdaptConfig({ overrides: ["adapt.damping=1.5", "adapt.smoothing.width=30", "finetune.momentum=1"] }));
    expect(err.issues.map((i) => i.path)).toEqual(["adapt.damping", "adapt.smoothing.width", "finetune.momentum"]);
  });

  it("adapt.seed is null (the pretrained run's seed) unless set to an integer ≥ 0", () => {
    expect(resolveAdaptConfig().adapt.seed).toBeNull();
    expect(resolveAdaptConfig({ overrides: ["adapt.seed=200000"] }).adapt.seed).toBe(200000);
    expect(errorOf(() => resolveAdaptConfig({ overrides: ["adapt.seed=-1"] })).issues.map((i) => i.path)).toEqual(["adapt.seed"]);
  });
});

describe("resolveAdaptConfig() initial", () => {
  it("accepts uniform or a distribution map, and names the alternatives otherwise", () => {
    expect(resolveAdaptConfig({ overrides: ["adapt.initial={kind: vonmises, kappa: 2}"] }).adapt.initial).toEqual({ kind: "vonmises", loc: 0, kappa: 2 });
    expect(() => resolveAdaptConfig({ overrides: ["adapt.initial=peaked"] })).toThrow(`adapt.initial: must be "uniform" or a map with kind vonmises | uniform | normal | tabulated; got "peaked"`);
  });
});

describe("ConfigError messages for unions", () => {
  it("a Fisher layer that is neither output, an index nor a backbone layer name names the alternatives", async () => {
    const { parseExperiment } = await import("../experiments/experimentSpec.js");
    expect(() => parseExperiment({ fisher: [{ method: "derivative", layer: "top" }] }))
      .toThrow(/fisher\[0\]\.layer: must be "output" or (a number|"conv32_down") .*"embedding".*; got "top"/);
  });
});

describe("model.backbone.trainable_blocks", () => {
  it("accepts 0 … the blocks up to the layer and names the range otherwise", () => {
    const set = (layer: string, k: number) => resolveConfig({ overrides: [`model.backbone={name: face-resnet, layer: ${layer}, trainable_blocks: ${k}}`] });
    expect(set("embedding", 14).model.backbone?.trainable_blocks).toBe(14);
    expect(set("conv128_2", 2).model.backbone?.trainable_blocks).toBe(2);
    expect(() => set("embedding", 15)).toThrow(/model\.backbone\.trainable_blocks: must be an integer in \[0, 14\] for layer embedding \(14 residual blocks up to it\), got 15/);
    expect(() => set("conv32_down", 1)).toThrow(/model\.backbone\.trainable_blocks: must be an integer in \[0, 0\] for layer conv32_down/);
    expect(() => set("conv64_1", -1)).toThrow(/model\.backbone\.trainable_blocks/);
  });
});
