import { describe, expect, it } from "vitest";
import { textureBank } from "./textures.js";
import { bankImage } from "./imageBank.js";
import { circularMask, rotateImage } from "./rotate.js";

describe("textureBank", () => {
  it("builds 400 identities of 64×64 in [0, 1], deterministically from its seed", () => {
    const t0 = performance.now();
    const bank = textureBank();
    // timing is reported, never asserted (0.85 s measured at load 14; shared machines vary)
    console.log(`textureBank(400) took ${(performance.now() - t0).toFixed(0)} ms`);
    expect([bank.count, bank.height, bank.width, bank.data.length]).toEqual([400, 64, 64, 400 * 4096]);
    let lo = Infinity, hi = -Infinity;
    for (const v of bank.data) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    expect(lo).toBe(0);
    expect(hi).toBe(1);
    expect(bank.name).toBe("textures:400:0");
    // identity i depends only on (seed, i)
    expect(Array.from(textureBank(3).data)).toEqual(Array.from(bank.data.subarray(0, 3 * 4096)));
    expect(Array.from(textureBank(3, 1).data.subarray(0, 100))).not.toEqual(Array.from(bank.data.subarray(0, 100)));
  });

  it("is smooth: mean |neighbour difference| < 0.03 of the [0, 1] range", () => {
    const bank = textureBank(50);
    let s = 0, n = 0;
    for (let i = 0; i < bank.count; i++) {
      const img = bankImage(bank, i);
      for (let y = 0; y < 64; y++) for (let x = 0; x < 63; x++) { s += Math.abs(img[y * 64 + x + 1] - img[y * 64 + x]); n++; }
    }
    console.log(`texture mean neighbour difference ${(s / n).toFixed(4)}`);
    expect(s / n).toBeLessThan(0.03);
  });

  it("orientation is recoverable over 2π: template matching against 72 rotations finds θ, never θ + π (30 identities)", () => {
    const bank = textureBank(30);
    const mask = circularMask(64, 64);
    const grid = Array.from({ length: 72 }, (_, k) => (k * 2 * Math.PI) / 72);
    const truth = 2.0; // rad; the nearest grid angle is 2.0071
    for (let i = 0; i < bank.count; i++) {
      const base = bankImage(bank, i);
      const probe = rotateImage(base, 64, 64, truth);
      let best = -1, bestErr = Infinity;
      for (const g of grid) {
        const t = rotateImage(base, 64, 64, g);
        let e = 0;
        for (let p = 0; p < 4096; p++) if (mask[p]) e += (t[p] - probe[p]) ** 2;
        if (e < bestErr) { bestErr = e; best = g; }
      }
      expect(Math.abs(best - truth)).toBeLessThan((2 * Math.PI) / 72);
    }
  });
});
