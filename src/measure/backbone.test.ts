// Training an MLP head on a frozen face ResNet (config.model.backbone), the feature cache, fine-
// tuning such a run, and measuring it through the backbone with `fisherlab fisher`.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fisherCommand } from "../cli/commands/fisher.js";
import { readCsv } from "../io/index.js";
import { featureCacheDir, fineTune, loadRun, train } from "../train/index.js";
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
