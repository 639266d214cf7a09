import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { circularMask, rotateImage, rotateInto, rotationDerivative } from "./rotate.js";

interface FixtureCase { height: number; width: number; degrees: number; image: number[]; rotated: number[] }
const fixture = JSON.parse(readFileSync(new URL("../../test/fixtures/skimage-rotate.json", import.meta.url), "utf8")) as { cases: FixtureCase[] };

describe("rotateImage", () => {
  it("agrees with skimage.transform.rotate(img, degrees(θ)) + the mask on 30 fixture cases (|Δ| < 1e-6: float32 output)", () => {
    expect(fixture.cases.length).toBe(30);
    let worst = 0;
    for (const c of fixture.cases) {
      const got = rotateImage(c.image, c.height, c.width, (c.degrees * Math.PI) / 180);
      const mask = circularMask(c.height, c.width);
      for (let i = 0; i < got.length; i++) {
        const want = mask[i] ? c.rotated[i] : 0.5;
        worst = Math.max(worst, Math.abs(got[i] - want));
      }
    }
    expect(worst).toBeLessThan(1e-6);
  });

  it("rotateInto(mask off) reproduces skimage's unmasked output, corners included (|Δ| < 1e-6)", () => {
    for (const c of fixture.cases) {
      const got = new Float32Array(c.height * c.width);
      rotateInto(c.image, c.height, c.width, (c.degrees * Math.PI) / 180, got, 0, false);
      for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - c.rotated[i])).toBeLessThan(1e-6);
    }
  });

  it("θ = π/2 is counter-clockwise as displayed: a 3×3 becomes numpy.rot90 (hand-computed), corners masked", () => {
    const img = [1, 2, 3, 4, 5, 6, 7, 8, 9]; // rows top to bottom
    const got = Array.from(rotateImage(img, 3, 3, Math.PI / 2)).map((v) => Math.round(v * 1e6) / 1e6);
    // rot90: [[3,6,9],[2,5,8],[1,4,7]]; corners are √2 > 3/2 − 0.5 = 1 from the centre → 0.5
    expect(got).toEqual([0.5, 6, 0.5, 2, 5, 8, 0.5, 4, 0.5]);
  });

  it("θ = π/4 on a 3×3 interpolates bilinearly (hand-computed to 1e-6)", () => {
    const img = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const got = rotateImage(img, 3, 3, Math.PI / 4);
    const s = Math.SQRT1_2;
    // output (x=2, y=1) reads the source at column 1 + s, row 1 + s: between 5, 6, 8, 9
    const rightMid = (1 - s) * ((1 - s) * 5 + s * 6) + s * ((1 - s) * 8 + s * 9);
    // output (x=1, y=0) reads column 1 + s, row 1 − s: between 2, 3 (row 0) and 5, 6 (row 1)
    const topMid = s * ((1 - s) * 2 + s * 3) + (1 - s) * ((1 - s) * 5 + s * 6);
    expect(got[4]).toBeCloseTo(5, 6);
    expect(got[5]).toBeCloseTo(rightMid, 6);
    expect(got[1]).toBeCloseTo(topMid, 6);
  });

  it("rotating by 2π equals rotating by 0, and θ = 0 returns the masked input (|Δ| < 1e-5: cos/sin rounding)", () => {
    const h = 16, w = 16;
    const img = Float32Array.from({ length: h * w }, (_, i) => ((i * 37) % 101) / 100);
    const a = rotateImage(img, h, w, 0), b = rotateImage(img, h, w, 2 * Math.PI);
    const mask = circularMask(h, w);
    for (let i = 0; i < a.length; i++) {
      expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5);
      expect(a[i]).toBe(mask[i] ? img[i] : 0.5);
    }
  });

  it("does not mutate its input and rejects a wrong length with the fix", () => {
    const img = [1, 2, 3, 4];
    rotateImage(img, 2, 2, 1);
    expect(img).toEqual([1, 2, 3, 4]);
    expect(() => rotateImage(img, 3, 3, 0)).toThrow(/rotateImage\(\): image has 4 values but 3×3 needs 9/);
  });
});

describe("circularMask", () => {
  it("keeps pixels within W/2 − 0.5 of the centre: 64×64 keeps 3228 pixels (counted by hand formula)", () => {
    const m = circularMask(64, 64);
    let kept = 0, expected = 0;
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) {
      if ((x - 31.5) ** 2 + (y - 31.5) ** 2 <= 31.5 ** 2) expected++;
    }
    for (const v of m) kept += v;
    expect(kept).toBe(expected);
    expect(kept / 4096).toBeCloseTo(Math.PI / 4, 1); // a disc fills π/4 of its square
  });
});

describe("rotationDerivative", () => {
  it("matches the analytic dθ of a rotated smooth Gaussian blob at the default step (L2 error < 2.5%, max < 7%)", () => {
    // bilinear interpolation has a piecewise-constant gradient, so the error vs the smooth truth is
    // not 0 for any step: measured 1.6% L2 / 4.8% max at step 0.03 for a σ = 8 px blob on 64×64
    const h = 64, w = 64, cx = 31.5, cy = 31.5;
    const bx = 42, by = 24, sigma = 8; // off-centre blob
    const f = (x: number, y: number) => Math.exp(-((x - bx) ** 2 + (y - by) ** 2) / (2 * sigma * sigma));
    const img = new Float32Array(h * w);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img[y * w + x] = f(x, y);
    const theta = 0.7;
    const got = rotationDerivative(img, h, w, theta);
    // g(x, y; θ) = f(cx + cosθ dx − sinθ dy, cy + sinθ dx + cosθ dy);  dg/dθ = f_x·(−sinθ dx − cosθ dy) + f_y·(cosθ dx − sinθ dy)
    const mask = circularMask(h, w);
    let worst = 0, peak = 0, e2 = 0, n2 = 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const dx = x - cx, dy = y - cy;
      const sx = cx + Math.cos(theta) * dx - Math.sin(theta) * dy, sy = cy + Math.sin(theta) * dx + Math.cos(theta) * dy;
      const v = f(sx, sy);
      const fx = (-(sx - bx) / (sigma * sigma)) * v, fy = (-(sy - by) / (sigma * sigma)) * v;
      const want = mask[y * w + x] ? fx * (-Math.sin(theta) * dx - Math.cos(theta) * dy) + fy * (Math.cos(theta) * dx - Math.sin(theta) * dy) : 0;
      const err = got[y * w + x] - want;
      peak = Math.max(peak, Math.abs(want));
      worst = Math.max(worst, Math.abs(err));
      e2 += err * err; n2 += want * want;
    }
    expect(peak).toBeGreaterThan(0.5); // the check is not vacuous
    expect(Math.sqrt(e2 / n2)).toBeLessThan(0.025);
    expect(worst / peak).toBeLessThan(0.07);
  });

  it("is exactly the central difference of two rotations (float32 tolerance 1e-4)", () => {
    const img = Float32Array.from({ length: 16 * 16 }, (_, i) => ((i * 37) % 101) / 100);
    const d = rotationDerivative(img, 16, 16, 1.1, 0.05);
    const a = rotateImage(img, 16, 16, 1.15), b = rotateImage(img, 16, 16, 1.05);
    for (let i = 0; i < d.length; i++) expect(Math.abs(d[i] - (a[i] - b[i]) / 0.1)).toBeLessThan(1e-4);
  });

  it("rejects a non-positive step with the default named", () => {
    expect(() => rotationDerivative([1, 2, 3, 4], 2, 2, 0, 0)).toThrow(/step must be a finite number > 0.*default is 0.03/);
  });
});
