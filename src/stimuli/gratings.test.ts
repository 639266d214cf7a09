import { describe, expect, it } from "vitest";
import { createRng } from "../engine/index.js";
import { GRATING_DEFAULTS, renderGrating } from "./gratings.js";

const clean = { ...GRATING_DEFAULTS, shotProbability: 0 };
const lin = (i: number) => -Math.PI + (i * 2 * Math.PI) / 63;

function draw(theta: number, options = GRATING_DEFAULTS, seed = 1): Float32Array {
  const out = new Float32Array(64 * 64);
  renderGrating(theta, options, createRng(seed), out);
  return out;
}

describe("renderGrating", () => {
  it("follows z = cos(f(y cos θ + x sin θ)) on linspace(−π, π, 64), with x² + y² ≥ 6 set to 0 (float32 tolerance)", () => {
    const theta = 0.4, img = draw(theta, clean);
    for (const [row, col] of [[32, 32], [20, 40], [10, 30], [0, 0], [63, 31]]) {
      const x = lin(col), y = lin(row);
      const want = x * x + y * y >= 6 ? 0 : Math.cos(5 * (y * Math.cos(theta) + x * Math.sin(theta)));
      expect(img[row * 64 + col]).toBeCloseTo(want, 6);
    }
  });

  it("is π-periodic: θ and θ + π give the same noise-free grating (1e-5)", () => {
    const a = draw(0.7, clean), b = draw(0.7 + Math.PI, clean);
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThan(1e-5);
  });

  it("shot noise: fresh per draw, about p of the unmasked pixels hit (±5 s.e.), values clamped to [−1, 1]", () => {
    const options = { ...GRATING_DEFAULTS, shotProbability: 0.2, shotVariance: 0.25 };
    const rng = createRng(3);
    const ref = draw(1, clean);
    const a = new Float32Array(4096), b = new Float32Array(4096);
    renderGrating(1, options, rng, a);
    renderGrating(1, options, rng, b);
    let hitsA = 0, hitsB = 0, inside = 0, differ = 0;
    for (let i = 0; i < 4096; i++) {
      const x = lin(i % 64), y = lin(Math.floor(i / 64));
      if (x * x + y * y >= 6) { expect(a[i]).toBe(0); continue; }
      inside++;
      if (a[i] !== ref[i]) hitsA++;
      if (b[i] !== ref[i]) hitsB++;
      if (a[i] !== b[i]) differ++;
    }
    expect(a.every((v) => v >= -1 && v <= 1)).toBe(true);
    const se = Math.sqrt((0.2 * 0.8) / inside);
    // a hit can leave a clamped ±1 pixel unchanged, so the observed rate is a little below p
    expect(Math.abs(hitsA / inside - 0.2)).toBeLessThan(5 * se + 0.03);
    expect(Math.abs(hitsB / inside - 0.2)).toBeLessThan(5 * se + 0.03);
    expect(differ).toBeGreaterThan(0.2 * inside); // the second draw has its own noise
    expect(Array.from(draw(1, options, 9))).toEqual(Array.from(draw(1, options, 9))); // seeded
  });
});
