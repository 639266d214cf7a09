/**
 * Loading FaceRecognitionNet's weights from the npm package @vladmandic/face-api (MIT; the
 * weights are dlib's, released into the public domain — docs/backbone.md) without TensorFlow.js:
 * the tfjs weights manifest lists each tensor's name, shape and quantisation; the .bin holds them
 * back to back, uint8-quantised ones as q with value = q·scale + min, the rest as float32.
 * The file's SHA-256 is checked, so a truncated or altered download fails loudly.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Kernels } from "../engine/index.js";
import { BLOCK_NAMES, type FaceResNetParams } from "./faceResNet.js";
import type { ConvParams } from "./layers.js";
import type { ResidualParams } from "./residual.js";

export const FACE_API_PACKAGE = "@vladmandic/face-api";
export const WEIGHTS_FILE = "face_recognition_model.bin";
export const MANIFEST_FILE = "face_recognition_model-weights_manifest.json";
/** SHA-256 of face_recognition_model.bin in @vladmandic/face-api 1.7.x (6 444 032 bytes). */
export const WEIGHTS_SHA256 = "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589";

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; scale: number; min: number };
}

/** The package's model/ folder, resolved from this module (node_modules); no network. */
export function faceApiModelDir(): string {
  const require = createRequire(import.meta.url);
  let pkg: string;
  try {
    pkg = require.resolve(`${FACE_API_PACKAGE}/package.json`);
  } catch {
    throw new Error(`face-resnet: the package ${FACE_API_PACKAGE} is not installed; run \`npm install\` in fisherlab's folder`);
  }
  return join(dirname(pkg), "model");
}

/** Reads the manifest and .bin in `dir` and returns every tensor by name, dequantised to float32. */
export function readWeightTensors(dir: string): Map<string, { shape: number[]; data: Float32Array }> {
  const binPath = join(dir, WEIGHTS_FILE), manifestPath = join(dir, MANIFEST_FILE);
  for (const p of [binPath, manifestPath]) {
    if (!existsSync(p)) throw new Error(`face-resnet: weights file ${p} is missing; reinstall ${FACE_API_PACKAGE} (npm install)`);
  }
  const bin = readFileSync(binPath);
  const digest = createHash("sha256").update(bin).digest("hex");
  if (digest !== WEIGHTS_SHA256) {
    throw new Error(`face-resnet: weights file ${binPath} has SHA-256 ${digest.slice(0, 16)}…, expected ${WEIGHTS_SHA256.slice(0, 16)}… (altered or truncated); reinstall ${FACE_API_PACKAGE}`);
  }
  let entries: ManifestEntry[];
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { paths: string[]; weights: ManifestEntry[] }[];
    entries = manifest.flatMap((group) => group.weights);
    if (!entries.every((e) => typeof e.name === "string" && Array.isArray(e.shape))) throw new Error("entries without name/shape");
  } catch (e) {
    throw new Error(`face-resnet: manifest ${manifestPath} is not a tfjs weights manifest (${(e as Error).message}); reinstall ${FACE_API_PACKAGE}`);
  }
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  let offset = 0;
  for (const e of entries) {
    const count = e.shape.reduce((a, b) => a * b, 1);
    const q = e.quantization;
    const bytes = q ? (q.dtype === "uint8" ? 1 : q.dtype === "uint16" ? 2 : NaN) * count : 4 * count;
    if (e.dtype !== "float32" || Number.isNaN(bytes)) {
      throw new Error(`face-resnet: manifest ${manifestPath}: tensor ${e.name} has dtype ${e.dtype}/${q?.dtype}; only float32 stored as float32, uint8 or uint16 is supported`);
    }
    if (offset + bytes > bin.length) throw new Error(`face-resnet: manifest ${manifestPath} needs more bytes than ${binPath} holds (at ${e.name}); reinstall ${FACE_API_PACKAGE}`);
    const data = new Float32Array(count);
    if (!q) {
      const view = new DataView(bin.buffer, bin.byteOffset + offset, bytes);
      for (let i = 0; i < count; i++) data[i] = view.getFloat32(4 * i, true);
    } else if (q.dtype === "uint8") {
      for (let i = 0; i < count; i++) data[i] = bin[offset + i] * q.scale + q.min;
    } else {
      const view = new DataView(bin.buffer, bin.byteOffset + offset, bytes);
      for (let i = 0; i < count; i++) data[i] = view.getUint16(2 * i, true) * q.scale + q.min;
    }
    out.set(e.name, { shape: e.shape, data });
    offset += bytes;
  }
  if (offset !== bin.length) throw new Error(`face-resnet: manifest ${manifestPath} describes ${offset} bytes but ${binPath} has ${bin.length}; reinstall ${FACE_API_PACKAGE}`);
  return out;
}

/**
 * FaceRecognitionNet's parameters in `k`'s memory. Each conv's bias and the scale layer after it
 * are folded into one per-channel affine map: (conv + bias)·w + b = conv·w + (bias·w + b).
 */
export function loadFaceResNetParams(k: Kernels, dir = faceApiModelDir()): FaceResNetParams {
  const tensors = readWeightTensors(dir);
  const take = (name: string, shape: number[]): Float32Array => {
    const t = tensors.get(name);
    if (!t) throw new Error(`face-resnet: tensor ${name} is missing from ${join(dir, MANIFEST_FILE)}; reinstall ${FACE_API_PACKAGE}`);
    if (t.shape.join() !== shape.join()) throw new Error(`face-resnet: tensor ${name} has shape [${t.shape}], expected [${shape}]`);
    const a = k.alloc(t.data.length);
    a.set(t.data);
    return a;
  };
  const conv = (prefix: string, size: number, cin: number, cout: number, stride: number, padding: "same" | "valid"): ConvParams => {
    const filters = take(`${prefix}/conv/filters`, [size, size, cin, cout]);
    const bias = take(`${prefix}/conv/bias`, [cout]);
    const scale = take(`${prefix}/scale/weights`, [cout]);
    const offset = take(`${prefix}/scale/biases`, [cout]);
    for (let j = 0; j < cout; j++) offset[j] += bias[j] * scale[j];
    k.free(bias);
    return { kh: size, kw: size, cin, cout, stride, padding, filters, scale, offset };
  };
  const blocks: ResidualParams[] = [];
  let cin = 32;
  for (const name of BLOCK_NAMES) {
    const cout = Number(/conv(\d+)/.exec(name)![1]);
    const down = name.includes("down");
    blocks.push({
      name, down,
      conv1: conv(`${name}/conv1`, 3, cin, cout, down ? 2 : 1, down ? "valid" : "same"),
      conv2: conv(`${name}/conv2`, 3, cout, cout, 1, "same"),
    });
    cin = cout;
  }
  return { stem: conv("conv32_down", 7, 3, 32, 2, "valid"), blocks, fc: take("fc", [256, 128]) };
}
