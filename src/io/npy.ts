import { withSystemErrors } from "./systemError.js";
import { closeSync, existsSync, openSync, readFileSync, writeSync } from "node:fs";
import { writeAtomically, writeFileAtomic } from "./atomic.js";

/** An array read from or written to a NumPy .npy file (C order). */
export interface NpyArray {
  shape: number[];
  /** the values as float32 (every dtype is converted on read), or float64 for '<f8' data read with `keepFloat64` */
  data: Float32Array | Float64Array;
  /** dtype as stored in the file, e.g. "<f4", "<f8", "|u1" */
  dtype: string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/**
 * The NPY version 1.0 header of a C-order array: magic, version, length and the dict text, padded
 * with spaces so the data start on a 64-byte boundary (numpy's rule) and ending in \n.
 */
function npyHeader(shape: readonly number[], descr: "<f4" | "<f8"): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // total header (magic 6 + version 2 + length 2 + text) must be a multiple of 64, ending in \n
  const pad = 64 - ((10 + header.length + 1) % 64);
  header = header + " ".repeat(pad % 64) + "\n";
  const out = new Uint8Array(10 + header.length);
  out.set(MAGIC, 0);
  out[6] = 1; out[7] = 0;
  out[8] = header.length & 0xff; out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  return out;
}

/** The raw little-endian bytes of `data` (every platform Node runs on is little-endian), no copy. */
const rawBytes = (data: Float32Array | Float64Array): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** Serialise a float32 or float64 array as NPY version 1.0 bytes. */
export function encodeNpy(shape: readonly number[], data: Float32Array | Float64Array): Uint8Array {
  const n = shape.reduce((a, b) => a * b, 1);
  if (data.length !== n) throw new Error(`encodeNpy(): data has ${data.length} values but shape [${shape.join(", ")}] needs ${n}`);
  const head = npyHeader(shape, data instanceof Float64Array ? "<f8" : "<f4");
  const out = new Uint8Array(head.length + data.byteLength);
  out.set(head, 0);
  out.set(rawBytes(data), head.length);
  return out;
}

/** Write an NPY file atomically. */
export function writeNpy(path: string, shape: readonly number[], data: Float32Array | Float64Array): void {
  writeFileAtomic(path, encodeNpy(shape, data));
}

/**
 * Write a float32 NPY file of the given shape whose data arrive in pieces: `produce` calls
 * `write` with consecutive pieces (C order). Atomic like writeNpy, but never holds the whole
 * array: 10⁶ images of 64×64 are 16 GB. Too few or too many values are an error and leave no file.
 */
export function writeNpyStream(path: string, shape: readonly number[], produce: (write: (data: Float32Array) => void) => void): void {
  const expected = shape.reduce((a, b) => a * b, 1);
  writeAtomically(path, (tmp) => {
    const fd = openSync(tmp, "w");
    let written = 0;
    try {
      writeSync(fd, npyHeader(shape, "<f4"));
      produce((data) => { writeSync(fd, rawBytes(data)); written += data.length; });
    } finally {
      closeSync(fd);
    }
    if (written !== expected) throw new Error(`writeNpyStream(): wrote ${written} values, shape [${shape.join(", ")}] needs ${expected}`);
  });
}

/** Parse NPY bytes; `source` names the file in error messages. Dtypes: little-endian f4, f8, u1, i1, i2, u2, i4, u4, i8 (no float16, no big-endian). */
export function decodeNpy(bytes: Uint8Array, source = "<bytes>", options: { keepFloat64?: boolean } = {}): NpyArray {
  for (let i = 0; i < 6; i++) {
    if (bytes[i] !== MAGIC[i]) throw new Error(`${source}: not an NPY file (bad magic bytes); save arrays with numpy.save`);
  }
  const major = bytes[6];
  let headerLength: number, offset: number;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (major === 1) { headerLength = view.getUint16(8, true); offset = 10; }
  else if (major === 2 || major === 3) { headerLength = view.getUint32(8, true); offset = 12; }
  else throw new Error(`${source}: unsupported NPY version ${major}`);
  const header = new TextDecoder().decode(bytes.subarray(offset, offset + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new Error(`${source}: malformed NPY header: ${header.trim()}`);
  if (fortran === "True") throw new Error(`${source}: Fortran-order arrays are not supported; save with numpy.ascontiguousarray`);
  const shape = shapeText.split(",").map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  const n = shape.reduce((a, b) => a * b, 1);
  const dataOffset = offset + headerLength;
  const kinds: Record<string, [number, (dv: DataView, o: number) => number]> = {
    "<f4": [4, (dv, o) => dv.getFloat32(o, true)],
    "<f8": [8, (dv, o) => dv.getFloat64(o, true)],
    "|u1": [1, (dv, o) => dv.getUint8(o)],
    "|i1": [1, (dv, o) => dv.getInt8(o)],
    "<i2": [2, (dv, o) => dv.getInt16(o, true)],
    "<u2": [2, (dv, o) => dv.getUint16(o, true)],
    "<i4": [4, (dv, o) => dv.getInt32(o, true)],
    "<u4": [4, (dv, o) => dv.getUint32(o, true)],
    "<i8": [8, (dv, o) => Number(dv.getBigInt64(o, true))],
  };
  const kind = kinds[descr === "<u1" ? "|u1" : descr === "<i1" ? "|i1" : descr];
  if (!kind) throw new Error(`${source}: unsupported dtype '${descr}'; save float32, float64 or an integer type (int8..int64, uint8..uint32)`);
  const [itemSize, read] = kind;
  if (bytes.byteLength - dataOffset < n * itemSize) {
    throw new Error(`${source}: truncated NPY data: shape [${shape.join(", ")}] needs ${n * itemSize} bytes, file has ${bytes.byteLength - dataOffset}`);
  }
  const out = descr === "<f8" && options.keepFloat64 ? new Float64Array(n) : new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = read(view, dataOffset + i * itemSize);
  return { shape, data: out, dtype: descr };
}

/** Read an NPY file; errors name the path. */
export function readNpy(path: string, options: { keepFloat64?: boolean } = {}): NpyArray {
  if (!existsSync(path)) throw new Error(`${path}: file not found`);
  return decodeNpy(new Uint8Array(withSystemErrors(path, "read", () => readFileSync(path))), path, options);
}
