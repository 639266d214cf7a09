// Training an MLP head on a frozen face ResNet (config.model.backbone), the feature cache, fine-
// tuning such a run, and measuring it through the backbone with `fisherlab fisher`.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fisherCommand } from "../cli/commands/fisher.js";
import { readCsv } from "../io/index.js";
import { backboneFeatureMap, featureCacheDir, featureStandardization, fineTune, loadRun, standardizeInPlace, train, TrainingInterrupted } from "../train/index.js";
import { defaultKernels } from "../engine/index.js";
import { loadSource, renderAngles, runIdentities } from "../stimuli/index.js";
import { FaceResNet } from "../backbone/index.js";
import { readSafetensors } from "../nn/index.js";
import { measuredModel } from "./index.js";

let root = "";
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "fisherlab-backbone-"));
  process.env.FISHERLAB_CACHE = join(root, "cache");
  process.env.FISHERLAB_QUIET = "1";
});
afterAll(() => { rmSync(root, { recursive: true, force: true }); delete process.env.FISHERLAB_CACHE; delete process.env.FISHERLAB_QUIET; vi.restoreAllMocks(); });

/** 20 texture identities split 10/5/5, 48 training images per epoch, 2 epochs: ~10 s of backbone passes. */
const TINY = {
  seed: 4,
  data: { source: "textures:20", split: [10, 5, 5], train_size: 48, val_size: 16, test_size: 16, distribution: { kind: "uniform", low: 0, high: 2 * Math.PI } },
  model: { hidden: [8], backbone: { name: "face-resnet", layer: "embedding", trainable_blocks: 0 } },
  train: { max_epochs: 2, patience: 2, batch_size: 16 },
};

describe("a frozen backbone", () => {
  it("trains a 128-8-2 head on cached embeddings; the same config again reads every feature from the cache", async () => {
    const a = await train(TINY, { outDir: join(root, "a"), quiet: true });
    expect(a.network.spec.inputSize).toBe(128);
    expect(a.summary.backbone_feature_cache).toEqual({ hits: 0, misses: 4 }); // val, test, one chunk per epoch
    expect(readdirSync(featureCacheDir()).length).toBe(4);
    const b = await train(TINY, { outDir: join(root, "b"), quiet: true });
    expect(b.summary.backbone_feature_cache).toEqual({ hits: 4, misses: 0 });
    expect(b.summary.best_val_loss).toBe(a.summary.best_val_loss); // same features, same seed: the same run
    a.network.dispose(); b.network.dispose();
  });

  it("fine-tunes on von Mises κ = 4 from the run (finetune works unchanged)", async () => {
    const r = await fineTune(join(root, "a"), { "data.distribution": { kind: "vonmises", loc: 0, kappa: 4 }, "train.max_epochs": 1 }, { outDir: join(root, "ft"), quiet: true });
    expect(r.config.model.backbone?.layer).toBe("embedding");
    expect(r.summary.parent).toBe(join(root, "a"));
    r.network.dispose();
  });

  it("is measured through the backbone: fisher --layer takes backbone layer names and head indices", async () => {
    const run = loadRun(join(root, "a"));
    const model = measuredModel(run.network, run.config);
    expect(model.resolveLayer!("conv128_2")).toBe(10);
    expect(model.resolveLayer!("output")).toBe(model.layers.length - 1);
    expect(model.resolveLayer!(0)).toBe(16);
    expect(() => model.resolveLayer!("conv512")).toThrow(/layer "conv512" does not exist/);
    expect(() => model.resolveLayer!(5)).toThrow(/the head has layers 0..1/);
    run.network.dispose();
    vi.spyOn(console, "log").mockImplementation(() => {});
    // the embedding (128 units), a head layer and a block (8 192 units for 5 identities: the span form, docs/estimators.md)
    for (const layer of ["embedding", "0", "conv128_2"]) {
      const out = join(root, `fi-${layer}.csv`);
      const code = await fisherCommand.run(["--run", join(root, "a"), "--method", "derivative", "--layer", layer, "--angles", "0:6.283185307179586:2", "--out", out]);
      expect(code).toBe(0);
      const rows = readCsv(out);
      expect(rows.length).toBe(2);
      for (const r of rows) expect(Number.isFinite(Number(r.fisher)), `${layer}: ${JSON.stringify(r)}`).toBe(true);
    }
  });
});

/** The last residual block and the embedding's fc trained with the head (features cached at conv256_2). */
const TRAINABLE = {
  ...TINY,
  model: { hidden: [8], backbone: { name: "face-resnet", layer: "embedding", trainable_blocks: 1 } },
  train: { max_epochs: 3, patience: 3, batch_size: 8, lr: 1e-3 },
};

describe("trainable backbone blocks (trainable_blocks: 1)", () => {
  const tensors = (dir: string, file: string) => readSafetensors(join(dir, file)).tensors;

  it("trains the last block and the fc with the head: the loss decreases and backbone.safetensors holds the changed block", async () => {
    const r = await train(TRAINABLE, { outDir: join(root, "k1"), quiet: true });
    const losses = r.metrics.map((m) => m.train_loss);
    expect(losses[losses.length - 1], `train losses ${losses.join(", ")}`).toBeLessThan(losses[0]);
    const trained = tensors(join(root, "k1"), "backbone.safetensors");
    expect([...trained.keys()]).toContain("backbone.conv256_down_out.conv2.filters");
    expect([...trained.keys()]).toContain("backbone.fc");
    const base = FaceResNet.shared().params;
    expect(trained.get("backbone.fc")!.data).not.toEqual(base.fc);
    expect(trained.get("backbone.conv256_down_out.conv1.filters")!.data).not.toEqual(base.blocks[13].conv1.filters);
    r.network.dispose();
  });

  it("resumed after an interrupt gives the same head and blocks as the uninterrupted run", async () => {
    const controller = new AbortController();
    const out = join(root, "k1-resumed");
    await expect(train(TRAINABLE, { outDir: out, quiet: true, signal: controller.signal, onEpoch: (row) => { if (row.epoch === 1) controller.abort(); } }))
      .rejects.toBeInstanceOf(TrainingInterrupted);
    expect(existsSync(join(out, "backbone.safetensors"))).toBe(false);
    const resumed = await train(TRAINABLE, { outDir: out, resume: true, quiet: true });
    resumed.network.dispose();
    for (const file of ["model.safetensors", "backbone.safetensors"]) {
      const a = tensors(join(root, "k1"), file), b = tensors(out, file);
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [name, t] of a) expect(b.get(name)!.data, `${file}: ${name}`).toEqual(t.data);
    }
  });

  it("is measured through its trained blocks, fine-tunes with them, and refuses to freeze them again", async () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const fisherAt = async (dir: string, name: string) => {
      const out = join(root, `fi-${name}.csv`);
      expect(await fisherCommand.run(["--run", dir, "--method", "derivative", "--layer", "conv256_down_out", "--angles", "0:6.283185307179586:2", "--out", out])).toBe(0);
      return readCsv(out).map((row) => Number(row.fisher));
    };
    const trained = await fisherAt(join(root, "k1"), "trained"), frozen = await fisherAt(join(root, "a"), "frozen");
    for (const v of [...trained, ...frozen]) expect(Number.isFinite(v)).toBe(true);
    expect(trained).not.toEqual(frozen); // the trained block, not face-api's
    const ft = await fineTune(join(root, "k1"), { "data.distribution": { kind: "vonmises", loc: 0, kappa: 4 }, "train.max_epochs": 1 }, { outDir: join(root, "k1-ft"), quiet: true });
    expect(existsSync(join(root, "k1-ft", "backbone.safetensors"))).toBe(true);
    ft.network.dispose();
    await expect(fineTune(join(root, "k1"), ["model.backbone.trainable_blocks=0"], { outDir: join(root, "k1-frozen"), quiet: true }))
      .rejects.toThrow(/model.backbone.trainable_blocks 0 is below the parent's 1; the parent's trained blocks cannot be frozen again/);
    await expect(fineTune(join(root, "k1"), ["model.backbone.trainable_blocks=2"], { outDir: join(root, "k1-two"), quiet: true }))
      .rejects.toThrow(/trains blocks the parent \(1\) kept frozen, which have no Adam state; pass resetOptimizer/);
  });
});

describe("standardize: true (the head reads each unit centred and scaled)", () => {
  it("trains on standardised features, and the measured model feeds the head the same standardised features", async () => {
    const config = { ...TINY, model: { hidden: [8], backbone: { name: "face-resnet", layer: "embedding", trainable_blocks: 0, standardize: true } } };
    const r = await train(config, { outDir: join(root, "std"), quiet: true });
    r.network.dispose();
    const run = loadRun(join(root, "std"));
    const source = loadSource(run.config.data.source);
    const map = backboneFeatureMap(run.config.model.backbone!, source.height, source.width, defaultKernels());
    const st = featureStandardization(map, source, run.config.data.split);
    // the statistics' own images standardise to mean 0 and sd 1 per unit (float32 features: 1e-4)
    const ids = runIdentities(source, run.config.data.split, "train");
    const images = renderAngles(source, Float64Array.from({ length: 256 }, (_, i) => (2 * Math.PI * i) / 256),
      Int32Array.from({ length: 256 }, (_, i) => ids[i % ids.length]), { seed: 0 });
    const all = standardizeInPlace(st, map.features(images.images, 256).slice(), 256);
    for (const j of [0, 17, 127]) {
      let m = 0, v = 0;
      for (let i = 0; i < 256; i++) m += all[i * 128 + j] / 256;
      for (let i = 0; i < 256; i++) v += (all[i * 128 + j] - m) ** 2 / 255;
      expect(Math.abs(m)).toBeLessThan(1e-4);
      expect(Math.abs(v - 1)).toBeLessThan(1e-4);
    }
    expect(st.mean.length).toBe(128);
    const x = images.images.subarray(0, 3 * source.height * source.width);
    const f = standardizeInPlace(st, map.features(x, 3).slice(), 3);
    const model = measuredModel(run.network, run.config, source);
    const viaModel = model.activity(x, 3, model.layers.length - 1).slice();
    const direct = run.network.forward(f, 3).slice();
    for (let i = 0; i < direct.length; i++) expect(viaModel[i]).toBeCloseTo(direct[i], 5); // same float32 ops in the same order
    run.network.dispose();
  });
});
