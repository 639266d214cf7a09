/**
 * The safetensors file format (https://github.com/huggingface/safetensors), float32 only:
 *   8 bytes   little-endian u64 N, the header length
 *   N bytes   JSON: { "<name>": { "dtype": "F32", "shape": [...], "data_offsets": [begin, end] },
 *                     "__metadata__": { "<key>": "<string>" } }   (padded with spaces so that the
 *             data section starts 8-byte aligned, as the reference implementation does)
 *   data      the tensors' little-endian bytes, contiguous, offsets relative to the data start
 * Python reads these files with `safetensors.torch.load_file`.
 */
import { sizeOf } from "../engine/sizeOf.js"; // not engine/index.js, which loads Node modules (this file also runs in browsers)
export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface Safetensors {
  readonly tensors: Map<string, { shape: number[]; data: Float32Array }>;
  readonly metadata: Record<string, string>;
}

const MAX_HEADER = 100_000_000; // the reference implementation's limit: guards absurd lengths

/** Serialize float32 tensors (in the given order) and string metadata. */
export function encodeSafetensors(tensors: readonly NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    if (t.name === "__metadata__" || t.name in header) throw new Error(`encodeSafetensors(): tensor name ${JSON.stringify(t.name)} is reserved or used twice; names must be unique`);
    const n = sizeOf(t.shape);
    if (n !== t.data.length) throw new Error(`encodeSafetensors(): tensor ${t.name} has ${t.data.length} values but shape [${t.shape.join(", ")}] needs ${n}`);
    header[t.name] = { dtype: "F32", shape: [...t.shape], data_offsets: [offset, offset + 4 * n] };
    offset += 4 * n;
  }
  let json = JSON.stringify(header);
  const enc = new TextEncoder();
  let headerBytes = enc.encode(json);
  const pad = (8 - (headerBytes.length % 8)) % 8;
  if (pad > 0) { json += " ".repeat(pad); headerBytes = enc.encode(json); }
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let pos = 8 + headerBytes.length;
  for (const t of tensors) {
    for (let i = 0; i < t.data.length; i++, pos += 4) view.setFloat32(pos, t.data[i], true);
  }
  return out;
}

/** Parse a safetensors file; every error names the tensor (or the header part) at fault. */
export function decodeSafetensors(bytes: Uint8Array, source = "safetensors"): Safetensors {
  const fn = `decodeSafetensors(${source})`;
  if (bytes.length < 8) throw new Error(`${fn}: truncated file: ${bytes.length} bytes, fewer than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n64 = view.getBigUint64(0, true);
  if (n64 > BigInt(MAX_HEADER)) throw new Error(`${fn}: header length ${n64} exceeds ${MAX_HEADER} bytes; this is not a safetensors file`);
  const n = Number(n64);
  if (8 + n > bytes.length) throw new Error(`${fn}: truncated file: the header needs ${n} bytes but only ${bytes.length - 8} follow the length`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (err) {
    throw new Error(`${fn}: header is not valid UTF-8 JSON (${(err as Error).message}); this is not a safetensors file`);
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) throw new Error(`${fn}: header must be a JSON object`);
  const dataStart = 8 + n, dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const tensors = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") {
      if (entry === null || typeof entry !== "object") throw new Error(`${fn}: __metadata__ must be an object of strings`);
      for (const [k, v] of Object.entries(entry)) {
        if (typeof v !== "string") throw new Error(`${fn}: __metadata__.${k} must be a string, got ${JSON.stringify(v)}`);
        metadata[k] = v;
      }
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (e.dtype !== "F32") throw new Error(`${fn}: tensor ${name} has dtype ${JSON.stringify(e.dtype)}; fisherlab reads F32 only (save with tensor.float())`);
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new Error(`${fn}: tensor ${name} has shape ${JSON.stringify(e.shape)}; it must be an array of non-negative integers`);
    }
    const offs = e.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((d) => Number.isInteger(d) && d >= 0) || offs[1] < offs[0]) {
      throw new Error(`${fn}: tensor ${name} has data_offsets ${JSON.stringify(offs)}; it must be [begin, end] with 0 ≤ begin ≤ end`);
    }
    const count = sizeOf(e.shape);
    const [begin, end] = offs as [number, number];
    if (end - begin !== 4 * count) {
      throw new Error(`${fn}: tensor ${name} with shape [${e.shape.join(", ")}] needs ${4 * count} bytes but data_offsets [${begin}, ${end}] span ${end - begin}`);
    }
    if (end > dataLength) {
      throw new Error(`${fn}: truncated file: tensor ${name} needs data bytes [${begin}, ${end}) but the data section has ${dataLength}`);
    }
    const data = new Float32Array(count);
    for (let i = 0, pos = dataStart + begin; i < count; i++, pos += 4) data[i] = view.getFloat32(pos, true);
    tensors.set(name, { shape: [...(e.shape as number[])], data });
  }
  return { tensors, metadata };
}
