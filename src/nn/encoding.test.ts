import { describe, expect, it } from "vitest";
import { decodeAngles, encodeAngles } from "./encoding.js";

// float32 storage of the encoded vectors: round trips agree to ~1e-7 rad; 1e-6 leaves margin
const TOL = 1e-6;

describe("encodeAngles() / decodeAngles()", () => {
  it("circular encodes (cos θ, sin θ) and decodes by atan2 into (−π, π]", () => {
    expect(Array.from(encodeAngles("circular", [0, Math.PI / 2]))).toEqual([1, 0, Math.fround(Math.cos(Math.PI / 2)), 1]);
    const theta = [-3, -1, 0, 0.5, 2, 3.1];
    const back = decodeAngles("circular", encodeAngles("circular", theta), theta.length);
    theta.forEach((t, i) => expect(Math.abs(back[i] - t)).toBeLessThan(TOL));
    expect(decodeAngles("circular", [-1, 0], 1)[0]).toBeCloseTo(Math.PI, 12);
    expect(decodeAngles("circular", encodeAngles("circular", [2 * Math.PI + 1]), 1)[0]).toBeCloseTo(1, 6);
  });

  it("half_angle encodes (cos 2θ, sin 2θ) and decodes into [0, π), identifying θ and θ + π", () => {
    const theta = [0, 0.3, 1.5, 2.9, 3.1];
    const back = decodeAngles("half_angle", encodeAngles("half_angle", theta), theta.length);
    theta.forEach((t, i) => expect(Math.abs(back[i] - t)).toBeLessThan(TOL));
    expect(decodeAngles("half_angle", encodeAngles("half_angle", [-0.4]), 1)[0]).toBeCloseTo(Math.PI - 0.4, 6);
    for (const v of decodeAngles("half_angle", [1, -1e-12, -1, 1e-9, -1, -1e-9], 3)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(Math.PI);
    }
  });

  it("linear encodes θ·(1, 1) and decodes by projection on the diagonal, (y0 + y1)/2", () => {
    expect(Array.from(encodeAngles("linear", [0.25, -1]))).toEqual([0.25, 0.25, -1, -1]);
    expect(Array.from(decodeAngles("linear", [0.2, 0.4, -1, 3], 2))).toEqual([0.30000000000000004, 1]);
  });

  it("writes into a given output array and rejects short arrays and unknown encodings", () => {
    const out = new Float32Array(4);
    expect(encodeAngles("linear", [1, 2], out)).toBe(out);
    expect(() => encodeAngles("linear", [1, 2], new Float32Array(3))).toThrow(/out must hold 2·2 = 4 values, got 3/);
    expect(() => decodeAngles("circular", [1, 0], 2)).toThrow("decodeAngles(): y must hold 2·n = 4 values, got 2; check the batch size");
    expect(() => encodeAngles("polar" as never, [1])).toThrow(/encoding must be one of circular, half_angle, linear, got "polar"/);
    expect(decodeAngles("circular", [], 0).length).toBe(0);
  });
});
