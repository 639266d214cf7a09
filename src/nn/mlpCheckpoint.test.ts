import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRng, referenceKernels as kernels } from "../engine/index.js";
import { Adam } from "./adam.js";
import { decodeAdamState, encodeAdamState } from "./adamCheckpoint.js";
import { loadAdam, loadMlp, readSafetensors, saveAdam, saveMlp, writeSafetensors } from "./checkpointFiles.js";
import { createMlp } from "./mlp.js";
import { decodeMlp, encodeMlp } from "./mlpCheckpoint.js";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";
import { tempDir } from "../../test/tempDir.js";

const dir = tempDir("nn");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = { inputSize: 6, hidden: [4, 3], activation: "tanh" as const, encoding: "linear" as const, dropout: 0.1 };

/** The weights file with one tensor replaced (same metadata). */
function withTensor(bytes: Uint8Array, name: string, replacement: { shape: number[]; data: Float32Array } | null): Uint8Array {
  const file = decodeSafetensors(bytes);
  const tensors = [...file.tensors].flatMap(([n, t]) => (n !== name ? [{ name: n, ...t }] : replacement ? [{ name: n, ...replacement }] : []));
  return encodeSafetensors(tensors, file.metadata);
}

describe("MLP checkpoints", () => {
  it("encodeMlp()/decodeMlp() round-trip the architecture and every weight bit for bit", () => {
    const mlp = createMlp(spec, { kernels, rng: createRng(1) });
    const back = decodeMlp(encodeMlp(mlp, { note: "hi" }), kernels);
    expect(back.spec).toEqual(mlp.spec);
    back.parameters().forEach((p, i) => expect(p.data).toEqual(mlp.parameters()[i].data));
    const x = Float32Array.from({ length: 12 }, (_, i) => Math.sin(i));
    expect(back.forward(x, 2).slice()).toEqual(mlp.forward(x, 2).slice());
    const file = decodeSafetensors(encodeMlp(mlp, { note: "hi" }));
    expect(file.metadata.note).toBe("hi");
    expect(file.metadata.format).toBe("fisherlab.mlp/1");
    expect([...file.tensors.keys()]).toEqual(["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias", "layers.2.weight", "layers.2.bias"]);
    expect(file.tensors.get("layers.0.weight")!.shape).toEqual([4, 6]);
  });

  it("saveMlp()/loadMlp() and writeSafetensors()/readSafetensors() go through files", () => {
    const mlp = createMlp(spec, { kernels, rng: createRng(2) });
    const path = join(dir, "sub", "model.safetensors");
    saveMlp(path, mlp);
    expect(loadMlp(path, kernels).layers[1].weight).toEqual(mlp.layers[1].weight);
    const other = join(dir, "plain.safetensors");
    writeSafetensors(other, [{ name: "t", shape: [2], data: Float32Array.from([1, 2]) }], { k: "v" });
    const back = readSafetensors(other);
    expect(back.metadata).toEqual({ k: "v" });
    expect(Array.from(back.tensors.get("t")!.data)).toEqual([1, 2]);
  });

  it("load errors name the tensor: wrong shape, missing, NaN, unexpected, truncated, no architecture", () => {
    const bytes = encodeMlp(createMlp(spec, { kernels, rng: createRng(3) }));
    expect(() => decodeMlp(withTensor(bytes, "layers.1.weight", { shape: [4, 3], data: new Float32Array(12) }), kernels))
      .toThrow("decodeMlp(bytes): tensor layers.1.weight has shape [4, 3] but the architecture needs [3, 4]");
    expect(() => decodeMlp(withTensor(bytes, "layers.2.bias", null), kernels)).toThrow("decodeMlp(bytes): missing tensor layers.2.bias [2]");
    const nan = Float32Array.from([0, 0, NaN]);
    expect(() => decodeMlp(withTensor(bytes, "layers.1.bias", { shape: [3], data: nan }), kernels))
      .toThrow("decodeMlp(bytes): tensor layers.1.bias holds NaN at index 2; the checkpoint is corrupt or training diverged");
    const file = decodeSafetensors(bytes);
    const extra = encodeSafetensors([...[...file.tensors].map(([name, t]) => ({ name, ...t })), { name: "layers.3.weight", shape: [1], data: new Float32Array(1) }], file.metadata);
    expect(() => decodeMlp(extra, kernels)).toThrow(/unexpected tensor layers\.3\.weight/);
    expect(() => decodeMlp(bytes.subarray(0, bytes.length - 3), kernels)).toThrow(/truncated file: tensor layers\.2\.bias needs data bytes/);
    const noSpec = encodeSafetensors([...file.tensors].map(([name, t]) => ({ name, ...t })));
    expect(() => decodeMlp(noSpec, kernels)).toThrow(/metadata has no fisherlab\.spec/);
    const path = join(dir, "broken.safetensors");
    writeFileSync(path, bytes.subarray(0, 30));
    expect(() => loadMlp(path, kernels)).toThrow(`decodeSafetensors(${path}): truncated file`);
  });
});

describe("Adam checkpoints", () => {
  it("saveAdam()/loadAdam() restore moments, per-parameter steps and hyper-parameters, so training continues identically", () => {
    const make = () => createMlp({ inputSize: 3, hidden: [4] }, { kernels, rng: createRng(4) });
    const x = Float32Array.from([0.1, -0.4, 0.8, 1, 0.3, -0.2]), u = Float32Array.from([1, -1, 0.5, 0.2]);
    const train = (mlp: ReturnType<typeof make>, adam: Adam, steps: number) => {
      for (let s = 0; s < steps; s++) { mlp.zeroGrad(); mlp.forward(x, 2); mlp.backward(u); adam.step(); }
    };
    const ref = make(), refAdam = new Adam(ref.parameters(), kernels, { lr: 0.01 });
    train(ref, refAdam, 6);
    const a = make(), adamA = new Adam(a.parameters(), kernels, { lr: 0.01 });
    train(a, adamA, 3);
    const wPath = join(dir, "w.safetensors"), oPath = join(dir, "opt.safetensors");
    saveMlp(wPath, a); saveAdam(oPath, adamA);
    const b = loadMlp(wPath, kernels), adamB = new Adam(b.parameters(), kernels);
    loadAdam(oPath, adamB);
    expect(adamB.options.lr).toBe(0.01);
    train(b, adamB, 3);
    b.parameters().forEach((p, i) => expect(p.data).toEqual(ref.parameters()[i].data));
    const file = decodeSafetensors(readFileSync(oPath));
    expect(file.metadata["layers.0.weight.step"]).toBe("3");
    expect(file.tensors.get("layers.0.weight.exp_avg")!.shape).toEqual([4, 3]);
    expect(file.tensors.get("layers.1.bias.exp_avg_sq")!.shape).toEqual([2]);
  });

  it("decodeAdamState() errors name the tensor: missing exp_avg_sq, NaN moment, wrong architecture", () => {
    const mlp = createMlp({ inputSize: 3, hidden: [4] }, { kernels, rng: createRng(5) });
    const state = new Adam(mlp.parameters(), kernels).exportState();
    const bytes = encodeAdamState(state);
    const file = decodeSafetensors(bytes);
    const rebuild = (skip: string, nanIn?: string) => encodeSafetensors([...file.tensors].flatMap(([name, t]) => name === skip ? [] :
      [{ name, shape: t.shape, data: name === nanIn ? t.data.map(() => NaN) : t.data }]), file.metadata);
    expect(() => decodeAdamState(rebuild("layers.0.bias.exp_avg_sq"))).toThrow("decodeAdamState(bytes): missing tensor layers.0.bias.exp_avg_sq");
    expect(() => decodeAdamState(rebuild("layers.0.bias.exp_avg"))).toThrow("decodeAdamState(bytes): missing tensor layers.0.bias.exp_avg");
    expect(() => decodeAdamState(rebuild("", "layers.1.weight.exp_avg"))).toThrow(/tensor layers\.1\.weight\.exp_avg holds NaN at index 0/);
    expect(() => decodeAdamState(encodeMlp(mlp))).toThrow(/metadata format is "fisherlab\.mlp\/1", expected fisherlab\.adam\/1/);
    const other = createMlp({ inputSize: 5, hidden: [4] }, { kernels, rng: createRng(6) });
    expect(() => new Adam(other.parameters(), kernels).importState(decodeAdamState(bytes)))
      .toThrow("Adam.importState(): layers.0.weight state has 12/12 values but the parameter has 20 [4, 5]; the checkpoint is for another architecture");
  });
});
