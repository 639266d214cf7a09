/**
 * An MLP's weights as safetensors: `layers.{i}.weight` [out, in] and `layers.{i}.bias` [out]
 * (torch.nn.Linear's layout and a state_dict's names), with the architecture as JSON in the
 * metadata (`fisherlab.spec`). Loading checks every tensor against the architecture.
 */
import type { Kernels } from "../engine/index.js";
import { Mlp } from "./mlp.js";
import type { MlpSpec } from "./mlpSpec.js";
import { decodeSafetensors, encodeSafetensors, type Safetensors } from "./safetensors.js";

export const MLP_FORMAT = "fisherlab.mlp/1";

export function encodeMlp(mlp: Mlp, extraMetadata: Record<string, string> = {}): Uint8Array {
  return encodeSafetensors(mlp.parameters(), { ...extraMetadata, format: MLP_FORMAT, "fisherlab.spec": JSON.stringify(mlp.spec) });
}

/** Rebuild an MLP from `encodeMlp` bytes (or any safetensors file with the same names and metadata). */
export function decodeMlp(bytes: Uint8Array, kernels: Kernels, source = "bytes"): Mlp {
  const fn = `decodeMlp(${source})`;
  const file = decodeSafetensors(bytes, source);
  const specText = file.metadata["fisherlab.spec"];
  if (specText === undefined) throw new Error(`${fn}: metadata has no fisherlab.spec (the architecture); save the file with saveMlp()`);
  let spec: MlpSpec;
  try { spec = JSON.parse(specText); } catch { throw new Error(`${fn}: metadata fisherlab.spec is not JSON: ${specText.slice(0, 80)}`); }
  const mlp = new Mlp(spec, kernels, fn); // spec errors name the file
  try {
    copyParameters(fn, file, mlp);
  } catch (err) {
    mlp.dispose();
    throw err;
  }
  return mlp;
}

function copyParameters(fn: string, file: Safetensors, mlp: Mlp): void {
  const params = mlp.parameters();
  const expected = new Set(params.map((p) => p.name));
  for (const name of file.tensors.keys()) {
    if (!expected.has(name)) throw new Error(`${fn}: unexpected tensor ${name}; the architecture has ${[...expected].join(", ")}`);
  }
  for (const p of params) {
    const t = file.tensors.get(p.name);
    if (!t) throw new Error(`${fn}: missing tensor ${p.name} [${p.shape.join(", ")}]`);
    checkTensor(fn, p.name, t, p.shape);
    p.data.set(t.data);
  }
}

/** Shape equal to `shape` and every value finite; errors name the tensor. */
export function checkTensor(fn: string, name: string, t: { shape: readonly number[]; data: Float32Array }, shape: readonly number[]): void {
  if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new Error(`${fn}: tensor ${name} has shape [${t.shape.join(", ")}] but the architecture needs [${shape.join(", ")}]`);
  }
  for (let i = 0; i < t.data.length; i++) {
    if (!Number.isFinite(t.data[i])) throw new Error(`${fn}: tensor ${name} holds ${t.data[i]} at index ${i}; the checkpoint is corrupt or training diverged`);
  }
}
