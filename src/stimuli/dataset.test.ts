import { describe, expect, it } from "vitest";
import { splitIdentities, splitSizes } from "./split.js";
import { createDataset, renderAngles, renderWithDerivative } from "./dataset.js";
import { bankSource, gratingSource } from "./source.js";
import { textureBank } from "./textures.js";
import { bankImage } from "./imageBank.js";
import { rotateImage, rotationDerivative } from "./rotate.js";
import { vonMises } from "./vonMises.js";
import { uniform } from "./uniform.js";
import { GRATING_DOMAIN, OBJECT_DOMAIN } from "./domain.js";

const source = bankSource(textureBank(20)); // split 14/3/3

describe("splitIdentities", () => {
  it("splits 400 identities 300/50/50, disjoint and covering, the same every time (fixed seed)", () => {
    expect(splitSizes(400)).toEqual({ train: 300, val: 50, test: 50 });
    const parts = (["train", "val", "test"] as const).map((s) => Array.from(splitIdentities(400, s)));
    expect(parts.map((p) => p.length)).toEqual([300, 50, 50]);
    expect(new Set(parts.flat()).size).toBe(400);
    expect(Array.from(splitIdentities(400, "val"))).toEqual(parts[1]);
    expect(Array.from(splitIdentities(400, "val", 1))).not.toEqual(parts[1]);
  });

  it("is proportional for other sizes (val and test = round(N/8), train the rest); 'all' is file order", () => {
    expect(splitSizes(20)).toEqual({ train: 14, val: 3, test: 3 }); // 2.5 rounds to 3
    expect(splitSizes(60000)).toEqual({ train: 45000, val: 7500, test: 7500 });
    expect(Array.from(splitIdentities(5, "all"))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(splitIdentities(1, "test"))).toEqual([0]); // gratings: one identity everywhere
    expect(() => splitIdentities(3, "val")).toThrow(/split 'val' of a 3-identity bank is empty \(3\/0\/0\); use split 'all'/);
  });
});

describe("createDataset", () => {
  it("sample i shows identity split[i mod m] rotated by its angle; batches are independent of how the range is cut", () => {
    const ds = createDataset({ source, split: "val", distribution: vonMises(0, 2, OBJECT_DOMAIN), size: 10, seed: 4 });
    const whole = ds.batch(0, 10), parts = [...ds.batches(3)];
    expect(parts.map((b) => b.count)).toEqual([3, 3, 3, 1]);
    expect(Array.from(whole.identities)).toEqual(Array.from({ length: 10 }, (_, i) => ds.identities[i % 3]));
    const joined = new Float32Array(10 * 4096);
    parts.forEach((b, k) => joined.set(b.images, k * 3 * 4096));
    expect(joined).toEqual(whole.images);
    const want = rotateImage(bankImage(source.bank!, whole.identities[7]), 64, 64, whole.angles[7]);
    expect(whole.images.subarray(7 * 4096, 8 * 4096)).toEqual(want);
  });

  it("is reproducible from its seed; another seed gives other angles", () => {
    const d = (seed: number) => createDataset({ source, split: "train", distribution: uniform(OBJECT_DOMAIN), size: 5000, seed });
    expect(Array.from(d(1).angles(4090, 10))).toEqual(Array.from(d(1).angles(4090, 10)));
    expect(Array.from(d(1).angles(0, 10))).not.toEqual(Array.from(d(2).angles(0, 10)));
  });

  it("angles follow the distribution: von Mises κ = 8 at loc 1 has E[cos(θ − 1)] = A(8) = 0.93479 (±0.005 on 2e4)", () => {
    const ds = createDataset({ source, split: "train", distribution: vonMises(1, 8, OBJECT_DOMAIN), size: 20_000, seed: 9 });
    const a = ds.angles(0, 20_000);
    let c = 0;
    for (const t of a) c += Math.cos(t - 1);
    expect(Math.abs(c / a.length - 0.934793)).toBeLessThan(0.005);
  });

  it("memory stays flat for 10⁶ samples: walking all angles and rendering the last batch grows the heap < 30 MB", () => {
    const ds = createDataset({ source, split: "train", distribution: vonMises(0, 1, OBJECT_DOMAIN), size: 1_000_000, seed: 1 });
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let s = 0;
    for (let start = 0; start < ds.size; start += 50_000) s += ds.angles(start, 50_000)[0];
    const last = ds.batch(999_990, 10);
    expect(Number.isFinite(s)).toBe(true);
    expect(last.identities[9]).toBe(ds.identities[999_999 % 14]);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(30e6); // 10⁶ images would be 16 GB
  });

  it("gratings get fresh noise per image: two samples at the same angle differ, and the same seed repeats them", () => {
    const g = gratingSource({ shotProbability: 0.3 });
    const ds = createDataset({ source: g, split: "train", distribution: uniform(GRATING_DOMAIN, 0.5, 0.5 + 1e-12), size: 2, seed: 3 });
    const b = ds.batch(0, 2);
    expect(b.images.subarray(0, 4096)).not.toEqual(b.images.subarray(4096));
    const again = createDataset({ source: g, split: "train", distribution: uniform(GRATING_DOMAIN, 0.5, 0.5 + 1e-12), size: 2, seed: 3 }).batch(0, 2);
    expect(again.images).toEqual(b.images);
  });

  it("rejects a distribution on the wrong domain and out-of-range batches", () => {
    expect(() => createDataset({ source: gratingSource(), split: "all", distribution: uniform(OBJECT_DOMAIN), size: 1, seed: 0 }))
      .toThrow(/the distribution lives on the 'objects' domain but gratings.* is π-periodic/);
    const ds = createDataset({ source, split: "all", distribution: uniform(OBJECT_DOMAIN), size: 4, seed: 0 });
    expect(() => ds.batch(2, 5)).toThrow(/range \[2, 7\) must lie within the dataset's 4 samples/);
  });
});

describe("renderAngles / renderWithDerivative", () => {
  it("renderAngles pairs identities and angles; renderWithDerivative matches rotationDerivative for banks", () => {
    const r = renderWithDerivative(source, [0.3, 2.0], [4, 11]);
    expect(r.images.subarray(4096)).toEqual(rotateImage(bankImage(source.bank!, 11), 64, 64, 2.0));
    expect(r.derivatives.subarray(0, 4096)).toEqual(rotationDerivative(bankImage(source.bank!, 4), 64, 64, 0.3));
    expect(renderAngles(source, [0.3], [4]).images).toEqual(r.images.subarray(0, 4096));
    expect(() => renderAngles(source, [0.3], [20])).toThrow(/identities\[0\] must be an integer in \[0, 20\) for textures:20:0, got 20/);
  });

  it("grating derivative equals the analytic −f·sin(f·u)·(x cos θ − y sin θ) for noise-free gratings (step 1e-3: error < 1e-3 of the peak)", () => {
    const g = gratingSource({ shotProbability: 0 });
    const theta = 0.9;
    const { derivatives } = renderWithDerivative(g, [theta], [0], { step: 1e-3 });
    let worst = 0, peak = 0;
    for (let row = 0; row < 64; row++) for (let col = 0; col < 64; col++) {
      const x = -Math.PI + (col * 2 * Math.PI) / 63, y = -Math.PI + (row * 2 * Math.PI) / 63;
      const u = y * Math.cos(theta) + x * Math.sin(theta);
      const want = x * x + y * y >= 6 ? 0 : -5 * Math.sin(5 * u) * (-y * Math.sin(theta) + x * Math.cos(theta));
      peak = Math.max(peak, Math.abs(want));
      worst = Math.max(worst, Math.abs(derivatives[row * 64 + col] - want));
    }
    expect(peak).toBeGreaterThan(5);
    expect(worst / peak).toBeLessThan(1e-3);
  });

  it("with noise, θ ± step share the image's noise instance (the derivative at fixed noise is finite and small off the clamp)", () => {
    const g = gratingSource({ shotProbability: 0.5, shotVariance: 0.01 });
    const { derivatives } = renderWithDerivative(g, [0.9], [0], { step: 1e-3 });
    // independent noise at θ ± step would give |d| ~ 0.1/0.002 = 50 on half the pixels
    let big = 0;
    for (const v of derivatives) if (Math.abs(v) > 20) big++;
    expect(big).toBe(0);
    // the images are those renderAngles draws with the same seed and firstIndex
    const r = renderWithDerivative(g, [0.9, 1.2], [0, 0], { seed: 4, firstIndex: 10 });
    expect(r.images.subarray(4096)).toEqual(renderAngles(g, [1.2], [0], { seed: 4, firstIndex: 11 }).images);
  });
});
