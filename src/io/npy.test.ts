import { describe, expect, it } from "vitest";
import { decodeNpy, encodeNpy } from "./npy.js";

describe("NPY", () => {
  it("encodeNpy() then decodeNpy() round-trips float32 and float64 with the shape", () => {
    const f32 = Float32Array.from([1, 2.5, -3, 4, 5, 6]);
    const back = decodeNpy(encodeNpy([2, 3], f32));
    expect(back.shape).toEqual([2, 3]);
    expect(back.dtype).toBe("<f4");
    expect(Array.from(back.data)).toEqual([1, 2.5, -3, 4, 5, 6]);
    const f64 = Float64Array.from([Math.PI, 1e-300]);
    const back64 = decodeNpy(encodeNpy([2], f64), "x", { keepFloat64: true });
    expect(back64.data).toBeInstanceOf(Float64Array);
    expect(Array.from(back64.data)).toEqual([Math.PI, 1e-300]);
  });

  it("header is padded so data starts on a 64-byte boundary (numpy's rule)", () => {
    const bytes = encodeNpy([3], new Float32Array(3));
    const headerLen = bytes[8] | (bytes[9] << 8);
    expect((10 + headerLen) % 64).toBe(0);
  });

  it("decodeNpy() names the source on bad magic and on truncated data", () => {
    expect(() => decodeNpy(new Uint8Array(20), "bad.npy")).toThrow(/bad.npy: not an NPY file/);
    const bytes = encodeNpy([4], new Float32Array(4));
    expect(() => decodeNpy(bytes.subarray(0, bytes.length - 4), "short.npy")).toThrow(/short.npy: truncated/);
  });
});
