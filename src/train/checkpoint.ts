/**
 * The per-epoch checkpoint: everything a resumed run needs to continue exactly where the last
 * completed epoch left off — current weights and Adam state, the best weights and Adam state so
 * far, the early-stopping counters, the metrics rows and the wall time. One safetensors file,
 * written atomically, so a crash leaves either the previous epoch's checkpoint or this one.
 * The epoch's random numbers are a pure function of (seed, epoch) (epochRng.ts), so no RNG state
 * needs saving: the epoch counter is enough.
 */
import { readFileSync } from "node:fs";
import { decodeSafetensors, encodeSafetensors, type AdamOptions, type NamedTensor } from "../nn/index.js";
import { writeFileAtomic } from "../io/index.js";
import type { EpochMetrics } from "./epochMetrics.js";
import type { Snapshot } from "./snapshot.js";

export const CHECKPOINT_FORMAT = "fisherlab.train-checkpoint/1";

/** The loop's counters after the last completed epoch. */
export interface LoopState {
  /** last completed epoch (0: none yet) */
  readonly epoch: number;
  /** epoch of the lowest validation loss so far (0: none yet) */
  readonly bestEpoch: number;
  /** lowest validation loss so far (Infinity: none yet) */
  readonly bestValLoss: number;
  /** epochs since the best one; early stopping fires when this reaches train.patience */
  readonly badEpochs: number;
  /** true once early stopping fired or max_epochs was reached: only the final files are missing */
  readonly done: boolean;
  /** wall time of all attempts so far */
  readonly wallSeconds: number;
  /** of which rendering training images, and network steps (forward, backward, clipping, Adam) */
  readonly renderSeconds: number;
  readonly stepSeconds: number;
  readonly metrics: readonly EpochMetrics[];
}

export interface Checkpoint {
  readonly state: LoopState;
  readonly current: Snapshot;
  readonly best: Snapshot;
  /** parameter names, in network order */
  readonly names: readonly string[];
  readonly shapes: readonly (readonly number[])[];
}

interface AdamMeta { options: AdamOptions; steps: number[] }

function encodeCheckpoint(cp: Checkpoint): Uint8Array {
  const tensors: NamedTensor[] = [];
  const add = (prefix: string, s: Snapshot): AdamMeta => {
    cp.names.forEach((name, i) => {
      tensors.push({ name: `${prefix}model.${name}`, shape: cp.shapes[i], data: s.weights[i] });
      const a = s.adam.params[i];
      if (!a || a.name !== name) throw new Error(`encodeCheckpoint(): optimizer state entry ${i} is ${a?.name}, expected ${name}`);
      tensors.push({ name: `${prefix}optimizer.${name}.exp_avg`, shape: cp.shapes[i], data: a.expAvg });
      tensors.push({ name: `${prefix}optimizer.${name}.exp_avg_sq`, shape: cp.shapes[i], data: a.expAvgSq });
    });
    return { options: s.adam.options, steps: s.adam.params.map((p) => p.step) };
  };
  const current = add("", cp.current);
  const best = add("best.", cp.best);
  const state = { ...cp.state, bestValLoss: Number.isFinite(cp.state.bestValLoss) ? cp.state.bestValLoss : null };
  return encodeSafetensors(tensors, {
    format: CHECKPOINT_FORMAT,
    state: JSON.stringify(state),
    adam: JSON.stringify({ current, best }),
    names: JSON.stringify(cp.names),
  });
}

export function writeCheckpoint(path: string, cp: Checkpoint): void {
  writeFileAtomic(path, encodeCheckpoint(cp));
}

/** Read a checkpoint; NaN/Inf anywhere, missing tensors or a foreign file are errors naming the part. */
export function readCheckpoint(path: string): Checkpoint {
  const fn = `readCheckpoint(${path})`;
  const file = decodeSafetensors(readFileSync(path), path);
  const md = file.metadata;
  if (md.format !== CHECKPOINT_FORMAT) throw new Error(`${fn}: metadata format is ${JSON.stringify(md.format)}, expected ${CHECKPOINT_FORMAT}; this is not a training checkpoint`);
  let names: string[], rawState: Record<string, unknown>, adam: { current: AdamMeta; best: AdamMeta };
  try {
    names = JSON.parse(md.names);
    rawState = JSON.parse(md.state);
    adam = JSON.parse(md.adam);
  } catch {
    throw new Error(`${fn}: metadata is not valid JSON; the checkpoint is corrupt — rerun with --force to start over`);
  }
  const shapes: number[][] = [];
  const get = (name: string): Float32Array => {
    const t = file.tensors.get(name);
    if (!t) throw new Error(`${fn}: missing tensor ${name}; the checkpoint is corrupt — rerun with --force to start over`);
    for (let i = 0; i < t.data.length; i++) {
      if (!Number.isFinite(t.data[i])) {
        throw new Error(`${fn}: tensor ${name} holds ${t.data[i]} at index ${i}; the checkpoint is corrupt or training diverged — rerun with --force (and a lower train.lr)`);
      }
    }
    return t.data;
  };
  const read = (prefix: string, meta: AdamMeta): Snapshot => ({
    weights: names.map((n) => get(`${prefix}model.${n}`)),
    adam: {
      options: meta.options,
      params: names.map((n, i) => ({
        name: n, shape: file.tensors.get(`${prefix}model.${n}`)!.shape, step: meta.steps[i],
        expAvg: get(`${prefix}optimizer.${n}.exp_avg`), expAvgSq: get(`${prefix}optimizer.${n}.exp_avg_sq`),
      })),
    },
  });
  const current = read("", adam.current);
  const best = read("best.", adam.best);
  for (const n of names) shapes.push(file.tensors.get(`model.${n}`)!.shape);
  const state = { ...rawState, bestValLoss: rawState.bestValLoss === null ? Infinity : rawState.bestValLoss } as unknown as LoopState;
  if (!Number.isInteger(state.epoch) || state.epoch < 0) throw new Error(`${fn}: state.epoch must be an integer ≥ 0, got ${JSON.stringify(state.epoch)}`);
  if (!Array.isArray(state.metrics) || state.metrics.length !== state.epoch) {
    throw new Error(`${fn}: state holds ${Array.isArray(state.metrics) ? state.metrics.length : "no"} metrics rows for ${state.epoch} epochs; the checkpoint is corrupt`);
  }
  return { state, current, best, names, shapes };
}
