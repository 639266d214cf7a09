/**
 * The file side of checkpoints (Node only): the byte encoders in safetensors.ts, mlpCheckpoint.ts
 * and adamCheckpoint.ts stay free of `node:` imports so that a browser build can use them.
 * Writes are atomic (temporary file + rename): a crash leaves the old file or the new one.
 */
import { readFileSync } from "node:fs";
import type { Kernels } from "../engine/index.js";
import { writeFileAtomic } from "../io/index.js";
import type { Adam } from "./adam.js";
import { decodeAdamState, encodeAdamState } from "./adamCheckpoint.js";
import type { Mlp } from "./mlp.js";
import { decodeMlp, encodeMlp } from "./mlpCheckpoint.js";
import { decodeSafetensors, encodeSafetensors, type NamedTensor, type Safetensors } from "./safetensors.js";

export function writeSafetensors(path: string, tensors: readonly NamedTensor[], metadata: Record<string, string> = {}): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

export function readSafetensors(path: string): Safetensors {
  return decodeSafetensors(readFileSync(path), path);
}

/** Weights and architecture of `mlp` to `path` (safetensors; see mlpCheckpoint.ts). */
export function saveMlp(path: string, mlp: Mlp, extraMetadata: Record<string, string> = {}): void {
  writeFileAtomic(path, encodeMlp(mlp, extraMetadata));
}

export function loadMlp(path: string, kernels: Kernels): Mlp {
  return decodeMlp(readFileSync(path), kernels, path);
}

/** Adam's moments, steps and hyper-parameters to `path` (safetensors; see adamCheckpoint.ts). */
export function saveAdam(path: string, adam: Adam): void {
  writeFileAtomic(path, encodeAdamState(adam.exportState()));
}

/** Restore `adam`'s state from a file written by `saveAdam` for the same parameters. */
export function loadAdam(path: string, adam: Adam): void {
  adam.importState(decodeAdamState(readFileSync(path), path));
}
