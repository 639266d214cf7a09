import { readNpy, type NpyArray } from "../io/index.js";
import type { ImageBank } from "./imageBank.js";

const DTYPES = ["<f4", "<f8", "|u1", "<u1"];

/**
 * An image bank from an NPY file of shape (N, H, W): float32 or float64 values are used as they are
 * (expected in [0, 1]); uint8 values are divided by 255.
 */
export function npyBank(path: string): ImageBank {
  const arr = readNpy(path); // errors name the path: missing file, bad magic, truncated data
  if (!DTYPES.includes(arr.dtype)) {
    throw new Error(`npy:${path}: dtype '${arr.dtype}' is not supported for images; save float32, float64 or uint8 (e.g. arr.astype(numpy.float32))`);
  }
  if (arr.shape.length !== 3 || arr.shape.some((d) => d < 1)) {
    throw new Error(`npy:${path}: images must have shape (N, H, W), got (${arr.shape.join(", ")}); for one image use arr[None]`);
  }
  const [count, height, width] = arr.shape;
  return { name: `npy:${path}`, count, height, width, data: npyGrey(arr) };
}

/**
 * Grey values in [0, 1] from an array read by readNpy (without keepFloat64): uint8 (0..255) is
 * divided by 255, in place; other dtypes are used as they are. `fisherlab predict` prepares its
 * images the same way.
 */
export function npyGrey(arr: NpyArray): Float32Array {
  const data = arr.data instanceof Float32Array ? arr.data : Float32Array.from(arr.data);
  if (arr.dtype.endsWith("u1")) for (let i = 0; i < data.length; i++) data[i] /= 255;
  return data;
}
