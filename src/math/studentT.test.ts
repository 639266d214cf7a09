import { describe, expect, it } from "vitest";
import { logGamma, studentTCdf, studentTQuantile } from "./studentT.js";

describe("studentT", () => {
  it("studentTQuantile() matches published two-sided 95% critical values", () => {
    // Table values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2)
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062047, 5);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.3026527, 6);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281389, 6);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0422725, 6);
    expect(studentTQuantile(0.95, 5)).toBeCloseTo(2.0150484, 6);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it("studentTQuantile() is antisymmetric and inverts studentTCdf()", () => {
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 10);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    for (const p of [0.001, 0.2, 0.9, 0.999]) expect(studentTCdf(studentTQuantile(p, 4), 4)).toBeCloseTo(p, 10);
  });

  it("studentTCdf() is ½ at 0 and has the Cauchy form for df = 1", () => {
    expect(studentTCdf(0, 3)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 10); // ½ + atan(1)/π
  });

  it("logGamma() gives log of factorials", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it("studentTQuantile() rejects p outside (0, 1) and df ≤ 0", () => {
    expect(() => studentTQuantile(1, 3)).toThrow(/p must be in \(0, 1\), got 1/);
    expect(() => studentTQuantile(0.5, 0)).toThrow(/df must be > 0/);
  });
});
