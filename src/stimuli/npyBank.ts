import { readNpy } from "../io/index.js";
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
  const data = arr.data instanceof Float32Array ? arr.data : Float32Array.from(arr.data);
  if (arr.dtype.endsWith("u1")) for (let i = 0; i < data.length; i++) data[i] /= 255;
  return { name: `npy:${path}`, count, height, width, data };
}
