/**
 * Adam's state as safetensors, named like PyTorch's optimizer state: `<param>.exp_avg` and
 * `<param>.exp_avg_sq` (shaped like the parameter), with the hyper-parameters and each
 * parameter's step in the metadata (`lr`, `beta1`, `beta2`, `eps`, `weight_decay`, `<param>.step`).
 */
import type { AdamParamState, AdamState } from "./adam.js";
import { checkTensor } from "./mlpCheckpoint.js";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";

export const ADAM_FORMAT = "fisherlab.adam/1";

export function encodeAdamState(state: AdamState): Uint8Array {
  const o = state.options;
  const metadata: Record<string, string> = {
    format: ADAM_FORMAT, lr: String(o.lr), beta1: String(o.beta1), beta2: String(o.beta2), eps: String(o.eps), weight_decay: String(o.weightDecay),
  };
  for (const p of state.params) metadata[`${p.name}.step`] = String(p.step);
  return encodeSafetensors(state.params.flatMap((p) => [
    { name: `${p.name}.exp_avg`, shape: p.shape, data: p.expAvg },
    { name: `${p.name}.exp_avg_sq`, shape: p.shape, data: p.expAvgSq },
  ]), metadata);
}

export function decodeAdamState(bytes: Uint8Array, source = "bytes"): AdamState {
  const fn = `decodeAdamState(${source})`;
  const file = decodeSafetensors(bytes, source);
  const md = file.metadata;
  if (md.format !== ADAM_FORMAT) throw new Error(`${fn}: metadata format is ${JSON.stringify(md.format)}, expected ${ADAM_FORMAT}; is this a weights file?`);
  const num = (key: string): number => {
    const v = Number(md[key]);
    if (md[key] === undefined || !Number.isFinite(v)) throw new Error(`${fn}: metadata ${key} must be a number, got ${JSON.stringify(md[key])}`);
    return v;
  };
  const params: AdamParamState[] = [];
  for (const [tensorName, m] of file.tensors) {
    if (!tensorName.endsWith(".exp_avg")) continue;
    const name = tensorName.slice(0, -".exp_avg".length);
    const v = file.tensors.get(`${name}.exp_avg_sq`);
    if (!v) throw new Error(`${fn}: missing tensor ${name}.exp_avg_sq`);
    checkTensor(fn, `${name}.exp_avg`, m, m.shape);
    checkTensor(fn, `${name}.exp_avg_sq`, v, m.shape);
    params.push({ name, shape: m.shape, step: num(`${name}.step`), expAvg: m.data, expAvgSq: v.data });
  }
  for (const tensorName of file.tensors.keys()) {
    if (tensorName.endsWith(".exp_avg_sq") && !file.tensors.has(tensorName.slice(0, -"_sq".length))) {
      throw new Error(`${fn}: missing tensor ${tensorName.slice(0, -"_sq".length)}`);
    }
  }
  return {
    options: { lr: num("lr"), beta1: num("beta1"), beta2: num("beta2"), eps: num("eps"), weightDecay: num("weight_decay") },
    params,
  };
}
