import { describe, expect, it } from "vitest";
import { analyzeEncodings, encodingMeasures, type EncodingNetwork } from "./encoding.js";

const N = 181;
const theta = Array.from({ length: N }, (_, i) => -Math.PI / 2 + (Math.PI * i) / N);
/** I(θ) = 10·exp(a·cos(k·2θ + phase)): k full cycles over the window, i.e. k peaks (a = 1: well above the 25% prominence). */
const net = (encoding: string, k: number, phase: number, replicate: number): EncodingNetwork => {
  const fisher = theta.map((t) => 10 * Math.exp(k === 0 ? 0.3 * t : Math.cos(k * 2 * (t + Math.PI / 2) + phase)));
  return { encoding, replicate, curve: { theta, fisher, stderr: fisher.map(() => NaN) } };
};

describe("encodingMeasures()", () => {
  it("counts the interior peaks of a planted curve and puts a monotone trend's variance at the first harmonic", () => {
    expect(encodingMeasures(net("x", 3, Math.PI, 0).curve.fisher).peaks).toBe(3); // phase π: minima at the window's ends, 3 interior peaks
    const trend = encodingMeasures(net("x", 0, 0, 0).curve.fisher);
    expect(trend.peaks).toBe(0);
    // a ramp on a periodic DFT is a sawtooth: its harmonics fall as 1/k², so k ≥ 2 hold 1 − 1/ζ(2)·1 ≈ 39% of the variance
    expect(trend.highHarmonics).toBeGreaterThan(0.3);
    expect(trend.highHarmonics).toBeLessThan(0.45);
  });
});

describe("analyzeEncodings()", () => {
  const reps = [0, 1, 2, 3];
  it("is reproduced when circular and half-angle networks have several peaks and linear ones none", () => {
    const nets = [...reps.map((r) => net("circular", 2 + (r % 2), Math.PI, r)), ...reps.map((r) => net("half_angle", 4, Math.PI, r)), ...reps.map((r) => net("linear", 0, 0, r))];
    const result = analyzeEncodings(nets);
    expect(result.verdict).toBe("reproduced");
    expect(result.statistics.find((s) => s.name.startsWith("half_angle: peaks"))!.value).toBe(4);
  });

  it("is not reproduced when every encoding gives a single-peaked curve", () => {
    const nets = ["circular", "half_angle", "linear"].flatMap((e) => reps.map((r) => net(e, 1, Math.PI, r)));
    expect(analyzeEncodings(nets).verdict).toBe("not reproduced");
  });

  it("is mixed when the angular encodings are multi-peaked but so is the linear one", () => {
    const nets = ["circular", "half_angle", "linear"].flatMap((e) => reps.map((r) => net(e, 3, Math.PI, r)));
    expect(analyzeEncodings(nets).verdict).toBe("mixed");
  });
});
