import { describe, expect, it } from "vitest";
import { degreeTicks, linearTicks, logTicks, niceStep, piTicks } from "./ticks.js";

const labels = (t: { label: string }[]) => t.map((x) => x.label);

describe("ticks", () => {
  it("niceStep() picks 1, 2 or 5 × 10^k", () => {
    expect(niceStep(1, 5)).toBeCloseTo(0.2, 15);
    expect(niceStep(360, 5)).toBe(100);
    expect(niceStep(0.07, 5)).toBeCloseTo(0.01, 15);
  });

  it("linearTicks() covers the domain at nice values without float noise", () => {
    expect(labels(linearTicks(0, 1))).toEqual(["0", "0.2", "0.4", "0.6", "0.8", "1"]);
    expect(labels(linearTicks(-0.3, 0.3))).toEqual(["−0.3", "−0.2", "−0.1", "0", "0.1", "0.2", "0.3"]);
  });

  it("logTicks() labels powers of ten over several decades", () => {
    expect(labels(logTicks(1e-3, 10))).toEqual(["10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹"]);
  });

  it("logTicks() adds 2 and 5 within two decades and falls back to linear within one", () => {
    expect(labels(logTicks(0.09, 1.1))).toEqual(["0.1", "0.2", "0.5", "1"]);
    expect(logTicks(30, 50).every((t) => t.value >= 30 && t.value <= 50)).toBe(true);
  });

  it("piTicks() labels multiples of π/2 over [0, 2π] and π/4 over [0, π]", () => {
    expect(labels(piTicks(0, 2 * Math.PI))).toEqual(["0", "π/2", "π", "3π/2", "2π"]);
    expect(labels(piTicks(0, Math.PI))).toEqual(["0", "π/4", "π/2", "3π/4", "π"]);
    expect(labels(piTicks(-Math.PI, Math.PI))).toEqual(["−π", "−π/2", "0", "π/2", "π"]);
  });

  it("degreeTicks() uses quadrants over a full circle and 45° over a half circle", () => {
    expect(labels(degreeTicks(0, 360))).toEqual(["0", "90", "180", "270", "360"]);
    expect(labels(degreeTicks(0, 180))).toEqual(["0", "45", "90", "135", "180"]);
  });
});
