import { describe, expect, it } from "vitest";
import { decodeSafetensors, encodeSafetensors } from "./safetensors.js";

function headerOf(bytes: Uint8Array): { length: number; json: Record<string, unknown> } {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { length, json: JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) };
}

/** A file with a hand-written header, for the error cases. */
function fileWith(header: object, dataBytes: number): Uint8Array {
  const h = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + h.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
  out.set(h, 8);
  return out;
}

describe("encodeSafetensors() / decodeSafetensors()", () => {
  it("writes the layout of the spec: u64 LE header length, JSON header, 8-byte aligned contiguous data", () => {
    const bytes = encodeSafetensors([
      { name: "a", shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      { name: "b", shape: [1], data: Float32Array.from([-0.5]) },
    ], { note: "x" });
    const { length, json } = headerOf(bytes);
    expect((8 + length) % 8).toBe(0);
    expect(json).toEqual({
      __metadata__: { note: "x" },
      a: { dtype: "F32", shape: [2, 3], data_offsets: [0, 24] },
      b: { dtype: "F32", shape: [1], data_offsets: [24, 28] },
    });
    expect(bytes.length).toBe(8 + length + 28);
    // little-endian float32: 1.0 = 00 00 80 3f
    expect(Array.from(bytes.subarray(8 + length, 8 + length + 4))).toEqual([0, 0, 0x80, 0x3f]);
  });

  it("round-trips values bit for bit, including scalars' shape [] and empty tensors, from an unaligned view", () => {
    const tensors = [
      { name: "w", shape: [3], data: Float32Array.from([Math.PI, -0, 1e-40]) },
      { name: "s", shape: [], data: Float32Array.from([7]) },
      { name: "e", shape: [0, 4], data: new Float32Array(0) },
    ];
    const bytes = encodeSafetensors(tensors);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const back = decodeSafetensors(shifted.subarray(1));
    expect(back.metadata).toEqual({});
    for (const t of tensors) {
      expect(back.tensors.get(t.name)!.shape).toEqual(t.shape);
      expect(back.tensors.get(t.name)!.data).toEqual(t.data);
    }
    expect(Object.is(back.tensors.get("w")!.data[1], -0)).toBe(true);
  });

  it("names the tensor or header part in every error", () => {
    expect(() => decodeSafetensors(new Uint8Array(5))).toThrow("decodeSafetensors(safetensors): truncated file: 5 bytes, fewer than the 8-byte header length");
    const good = encodeSafetensors([{ name: "layers.0.weight", shape: [2, 2], data: new Float32Array(4) }]);
    expect(() => decodeSafetensors(good.subarray(0, 20))).toThrow(/truncated file: the header needs \d+ bytes but only 12 follow/);
    expect(() => decodeSafetensors(good.subarray(0, good.length - 4))).toThrow("truncated file: tensor layers.0.weight needs data bytes [0, 16) but the data section has 12");
    expect(() => decodeSafetensors(fileWith({ w: { dtype: "F16", shape: [2], data_offsets: [0, 4] } }, 4))).toThrow(/tensor w has dtype "F16"; fisherlab reads F32 only/);
    expect(() => decodeSafetensors(fileWith({ w: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }, 8))).toThrow("tensor w with shape [3] needs 12 bytes but data_offsets [0, 8] span 8");
    expect(() => decodeSafetensors(fileWith({ w: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } }, 4))).toThrow(/tensor w has shape \[-1\]/);
    expect(() => decodeSafetensors(fileWith({ __metadata__: { a: 1 } }, 0))).toThrow(/__metadata__\.a must be a string, got 1/);
    const junk = fileWith({}, 0);
    junk[8] = 0x7a; // "z}" is not JSON
    expect(() => decodeSafetensors(junk)).toThrow(/header is not valid UTF-8 JSON/);
    expect(() => encodeSafetensors([{ name: "w", shape: [3], data: new Float32Array(2) }])).toThrow("encodeSafetensors(): tensor w has 2 values but shape [3] needs 3");
  });
});
