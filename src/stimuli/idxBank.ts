import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import type { ImageBank } from "./imageBank.js";

/**
 * An image bank from an IDX file (the MNIST / Fashion-MNIST format, LeCun et al.): magic bytes
 * 0, 0, type, ndim; ndim big-endian uint32 sizes; then the data, big-endian. Images are (N, H, W),
 * type 0x08 (uint8, divided by 255) or 0x0D / 0x0E (float32 / float64, used as they are).
 * Gzipped files (`train-images-idx3-ubyte.gz`) are recognised by their content, not their name.
 */
export function idxBank(path: string): ImageBank {
  const where = `idx:${path}`;
  if (!existsSync(path)) throw new Error(`${where}: file not found`);
  let bytes: Uint8Array = new Uint8Array(readFileSync(path));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try { bytes = new Uint8Array(gunzipSync(bytes)); } catch (err) {
      throw new Error(`${where}: corrupt gzip data (${(err as Error).message}); download the file again`);
    }
  }
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new Error(`${where}: not an IDX file (bad magic bytes); expected an MNIST-style images file such as train-images-idx3-ubyte`);
  }
  const type = bytes[2], ndim = bytes[3];
  const itemSize = type === 0x08 ? 1 : type === 0x0d ? 4 : type === 0x0e ? 8 : 0;
  if (itemSize === 0) throw new Error(`${where}: IDX type 0x${type.toString(16)} is not supported for images; use uint8 (0x08), float32 (0x0d) or float64 (0x0e)`);
  if (ndim !== 3) {
    throw new Error(`${where}: IDX images must have 3 dimensions (N, H, W), got ${ndim}${ndim === 1 ? " (is this a labels file?)" : ""}`);
  }
  if (bytes.length < 4 + 4 * ndim) throw new Error(`${where}: truncated IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [count, height, width] = [0, 1, 2].map((i) => view.getUint32(4 + 4 * i, false));
  const n = count * height * width, start = 4 + 4 * ndim;
  if (bytes.length - start < n * itemSize) {
    throw new Error(`${where}: truncated IDX data: (${count}, ${height}, ${width}) needs ${n * itemSize} bytes, file has ${bytes.length - start}`);
  }
  const data = new Float32Array(n);
  if (itemSize === 1) for (let i = 0; i < n; i++) data[i] = bytes[start + i] / 255;
  else if (itemSize === 4) for (let i = 0; i < n; i++) data[i] = view.getFloat32(start + 4 * i, false);
  else for (let i = 0; i < n; i++) data[i] = view.getFloat64(start + 8 * i, false);
  return { name: where, count, height, width, data };
}
