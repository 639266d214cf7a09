import { readNpy, type NpyArray } from "../io/index.js";
import type { ImageBank } from "./imageBank.js";

/**
 * An image bank from an NPY file of shape (N, H, W), its values read by the one image-dtype rule
 * of `npyGrey` (the same rule `fisherlab predict` applies to its images).
 */
export function npyBank(path: string): ImageBank {
  const arr = readNpy(path); // errors name the path: missing file, bad magic, truncated data
  if (arr.shape.length !== 3 || arr.shape.some((d) => d < 1)) {
    throw new Error(`npy:${path}: images must have shape (N, H, W), got (${arr.shape.join(", ")}); for one image use arr[None]`);
  }
  const [count, height, width] = arr.shape;
  return { name: `npy:${path}`, count, height, width, data: npyGrey(arr, `npy:${path}`) };
}

const FLOAT = new Set(["<f4", "<f8"]);
const INTEGER = new Set(["|u1", "<u1", "|i1", "<i1", "<i2", "<u2", "<i4", "<u4", "<i8"]);

/**
 * The image-dtype rule, for every command that reads images from NPY (`source` names the file in
 * messages):
 * - float32/float64: grey values used as they are (nominally [0, 1]); NaN or ±infinity is refused;
 * - any integer type (uint8, int64 from a plain numpy array, …): grey levels 0..255, divided by
 *   255 — values outside 0..255 are refused rather than read as wildly bright pixels.
 * Other dtypes are refused. Converts in place when the array is already float32.
 */
export function npyGrey(arr: NpyArray, source: string): Float32Array {
  const data = arr.data instanceof Float32Array ? arr.data : Float32Array.from(arr.data);
  const at = (i: number): string => {
    const per = arr.shape.length >= 2 ? arr.shape.slice(1).reduce((a, b) => a * b, 1) : 1;
    return arr.shape.length >= 2 ? `image ${Math.floor(i / per)} (flat index ${i})` : `index ${i}`;
  };
  if (FLOAT.has(arr.dtype)) {
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) throw new Error(`${source}: pixel values must be finite, found ${data[i]} at ${at(i)}; replace NaN/inf (e.g. numpy.nan_to_num) before using the file`);
    }
    return data;
  }
  if (INTEGER.has(arr.dtype)) {
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (v < 0 || v > 255) throw new Error(`${source}: integer (${arr.dtype}) images must hold grey levels 0..255, found ${v} at ${at(i)}; save uint8 0..255 or float32 in [0, 1]`);
      data[i] = v / 255;
    }
    return data;
  }
  throw new Error(`${source}: dtype '${arr.dtype}' is not supported for images; save float32/float64 in [0, 1] or integers 0..255 (e.g. arr.astype(numpy.uint8))`);
}
