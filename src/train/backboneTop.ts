/**
 * The trained top of the backbone (`model.backbone.trainable_blocks` k > 0; docs/backbone.md,
 * "Fine-tuning blocks"): created from face-api's weights for a new run, written next to the head
 * as backbone.safetensors, read back by measurements and fine-tunes.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { FaceResNet, TrainableTop } from "../backbone/index.js";
import type { Kernels } from "../engine/index.js";
import type { Config } from "../config/index.js";
import { readSafetensors, writeSafetensors } from "../nn/index.js";
import { RUN_FILES } from "../rundir/index.js";

/** The trainable top a config asks for, initialised from the pretrained network; null when the backbone is frozen or absent. */
export function createBackboneTop(config: Config, kernels: Kernels): TrainableTop | null {
  const spec = config.model.backbone;
  if (!spec || spec.trainable_blocks === 0) return null;
  return new TrainableTop(kernels, FaceResNet.shared(kernels).params, spec.layer, spec.trainable_blocks);
}

/** Write the top's tensors (PyTorch-style names, e.g. backbone.conv256_2.conv1.filters). */
export function saveBackboneTop(path: string, top: TrainableTop): void {
  writeSafetensors(path, top.parameters().map((p) => ({ name: p.name, shape: p.shape, data: p.data })),
    { format: "fisherlab.backbone-top/1", layer: top.layer, trainable_blocks: String(top.blockCount) });
}

/**
 * Copy the tensors of `dir`'s backbone.safetensors into `top` by name (each must be present with
 * its shape and finite); false when the run has no such file (its backbone was frozen).
 */
export function readBackboneTop(dir: string, top: TrainableTop): boolean {
  const path = join(dir, RUN_FILES.backbone);
  if (!existsSync(path)) return false;
  const file = readSafetensors(path);
  for (const p of top.parameters()) {
    const t = file.tensors.get(p.name);
    if (!t) throw new Error(`${path} has no tensor ${p.name} (it holds ${[...file.tensors.keys()].join(", ")}); the file is from another model.backbone — retrain the run`);
    if (t.shape.join() !== p.shape.join()) throw new Error(`${path}: tensor ${p.name} has shape [${t.shape.join(", ")}], expected [${p.shape.join(", ")}]; the file is from another architecture`);
    const bad = t.data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`${path}: tensor ${p.name} holds ${t.data[bad]} at index ${bad}; the file is corrupt — retrain the run`);
    p.data.set(t.data);
  }
  top.sync();
  return true;
}

/** The trained top of a finished run with trainable blocks (null for a frozen backbone). */
export function loadBackboneTop(dir: string, config: Config, kernels: Kernels): TrainableTop | null {
  const top = createBackboneTop(config, kernels);
  if (!top) return null;
  if (!readBackboneTop(dir, top)) {
    top.dispose();
    throw new Error(`loadRun(): ${dir} has model.backbone.trainable_blocks = ${config.model.backbone!.trainable_blocks} but no ${RUN_FILES.backbone}; the run is unfinished or damaged — finish it with --resume or retrain it`);
  }
  return top;
}
