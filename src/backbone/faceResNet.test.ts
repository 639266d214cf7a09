// FaceRecognitionNet loaded from face-api's files against face-api itself on TensorFlow.js (wasm
// backend; a dev-dependency used only here), and the loader's one-line errors.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWasmKernels } from "../engine/index.js";
import { faceApiModelDir, MANIFEST_FILE, readWeightTensors, WEIGHTS_FILE } from "./faceApiWeights.js";
import { LAYER_NAMES, LAYER_SHAPES, layerUnits } from "./faceResNet.js";
import { FaceResNet } from "./features.js";

const kernels = createWasmKernels();
afterAll(() => kernels.dispose());

/** Two fixed 150×150 RGB images in [0, 1]: smooth gratings and a blob, not symmetric. */
function fixedImages(): Float32Array {
  const x = new Float32Array(2 * 150 * 150 * 3);
  for (let b = 0; b < 2; b++) {
    for (let i = 0; i < 150; i++) {
      for (let j = 0; j < 150; j++) {
        for (let c = 0; c < 3; c++) {
          const v = b === 0
            ? 0.5 + 0.4 * Math.sin(0.11 * i + 0.07 * j + c) * Math.cos(0.05 * j - 0.3 * c)
            : Math.exp(-((i - 70) ** 2 + (j - 80 - 10 * c) ** 2) / 900) * 0.9 + 0.05 * ((i * 7 + j * 13 + c) % 5) / 5;
          x[((b * 150 + i) * 150 + j) * 3 + c] = v;
        }
      }
    }
  }
  return x;
}

describe("FaceResNet with face-api's weights", () => {
  let net: FaceResNet;
  beforeAll(() => { net = FaceResNet.load(kernels); });

  it("every layer has the documented shape (one image, stage by stage)", () => {
    const img = fixedImages().subarray(0, 150 * 150 * 3);
    for (const layer of LAYER_NAMES) expect(net.features(img, 1, layer).length, layer).toBe(layerUnits(layer));
    expect(LAYER_SHAPES.conv128_2).toEqual([8, 8, 128]);
  });

  it("embeddings agree with face-api on TensorFlow.js (wasm backend) within 1e-3 relative on two fixed images", async () => {
    const require = createRequire(import.meta.url);
    const faceapi = require("@vladmandic/face-api/dist/face-api.node-wasm.js");
    await faceapi.tf.setBackend("wasm");
    await faceapi.tf.ready();
    await faceapi.nets.faceRecognitionNet.loadFromDisk(faceApiModelDir());
    const images = fixedImages();
    const ours = net.features(images, 2, "embedding", { batch: 1 });
    const theirs = new Float32Array(256);
    for (let b = 0; b < 2; b++) { // face-api's toNetInput takes one image per tensor
      const input = faceapi.tf.tensor4d(images.subarray(b * 67500, (b + 1) * 67500).map((v) => v * 255), [1, 150, 150, 3]);
      const out = faceapi.nets.faceRecognitionNet.forwardInput(await faceapi.toNetInput(input));
      theirs.set(out.dataSync() as Float32Array, b * 128);
      input.dispose(); out.dispose();
    }
    for (let b = 0; b < 2; b++) {
      let diff = 0, size = 0;
      for (let i = 0; i < 128; i++) { diff += (ours[b * 128 + i] - theirs[b * 128 + i]) ** 2; size += theirs[b * 128 + i] ** 2; }
      // float32 in both, different summation orders over ~30 layers: measured ~1e-6 (docs/backbone.md)
      console.log(`face-resnet oracle: image ${b} relative error ${Math.sqrt(diff / size).toExponential(2)}`);
      expect(Math.sqrt(diff / size), `image ${b}`).toBeLessThan(1e-3);
    }
  });

  it("the JVP at the embedding matches central differences that converge to it (h = 1e-2 → 1e-4; 3e-2 relative at 1e-4)", () => {
    const img = fixedImages().subarray(0, 150 * 150 * 3);
    const t = new Float32Array(img.length); // a smooth direction, like a rotation's dx/dθ
    for (let i = 0; i < 150; i++) for (let j = 0; j < 150; j++) for (let c = 0; c < 3; c++) t[(i * 150 + j) * 3 + c] = Math.cos(0.03 * i - 0.02 * j + c);
    const { tangents } = net.jvp(img, t, 1, "embedding");
    const error = (h: number) => {
      const at = (s: number) => net.features(img.map((v, i) => v + s * t[i]), 1, "embedding");
      const plus = at(h), minus = at(-h);
      let diff = 0, size = 0;
      for (let i = 0; i < 128; i++) { const fd = (plus[i] - minus[i]) / (2 * h); diff += (fd - tangents[i]) ** 2; size += fd * fd; }
      return Math.sqrt(diff / size);
    };
    // The network is piecewise linear: a difference over ±h averages the slopes of every ReLU and
    // max-pool region it crosses, so it converges slowly (measured 0.11, 0.04, 0.013 at h = 1e-2,
    // 1e-3, 1e-4); float32 roundoff adds ~1e-3 at h = 1e-4.
    const coarse = error(1e-2), fine = error(1e-4);
    expect(fine).toBeLessThan(3e-2);
    expect(fine).toBeLessThan(coarse / 3);
  });

  it("a layer that does not exist is a one-line error listing the valid names", () => {
    expect(() => net.features(new Float32Array(150 * 150 * 3), 1, "conv99")).toThrow(/layer "conv99" does not exist; use one of conv32_down, .*embedding$/);
  });
});

describe("face-api weight files", () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), "fisherlab-weights-")); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const copy = () => { for (const f of [WEIGHTS_FILE, MANIFEST_FILE]) copyFileSync(join(faceApiModelDir(), f), join(dir, f)); };

  it("an altered weights file fails its checksum in one line", () => {
    copy();
    const bin = readFileSync(join(dir, WEIGHTS_FILE));
    bin[1000] ^= 1;
    writeFileSync(join(dir, WEIGHTS_FILE), bin);
    expect(() => readWeightTensors(dir)).toThrow(/^face-resnet: weights file .*face_recognition_model\.bin has SHA-256 .* \(altered or truncated\); reinstall @vladmandic\/face-api$/);
  });

  it("a missing weights file is named", () => {
    copy();
    rmSync(join(dir, WEIGHTS_FILE));
    expect(() => readWeightTensors(dir)).toThrow(/weights file .*face_recognition_model\.bin is missing; reinstall/);
  });

  it("a manifest that is not JSON, or that lists the wrong tensors, is named", () => {
    copy();
    writeFileSync(join(dir, MANIFEST_FILE), "{ not json");
    expect(() => readWeightTensors(dir)).toThrow(/manifest .* is not a tfjs weights manifest/);
    const manifest = JSON.parse(readFileSync(join(faceApiModelDir(), MANIFEST_FILE), "utf8"));
    manifest[0].weights.pop();
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
    expect(() => readWeightTensors(dir)).toThrow(/describes 6411264 bytes but .* has 6444032/);
  });
});
