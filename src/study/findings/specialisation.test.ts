import { describe, expect, it } from "vitest";
import { analyzeSpecialisation, logNearFar, logResidue, type SpecialisationGroup } from "./specialisation.js";

const wobble = [-0.1, 0, 0.05, 0.1];

/** A group of 4 networks: error near/far (deg), pretrained far error, log ratio, and shift residues. */
function group(epochs: number, o: { gap: number; farRatio: number; logRatio: number; residueDiff: number }): SpecialisationGroup {
  return {
    epochs,
    concentrated: wobble.map((w) => ({ errNear: 5 + w, errFar: 5 + o.gap + w, errFarPretrained: (5 + o.gap + w) / (o.farRatio + w / 10),
      logRatio: o.logRatio + w, bootLogRatios: [o.logRatio + w - 0.05, o.logRatio + w, o.logRatio + w + 0.05] })),
    residueViaConcentrated: wobble.map((w) => 0.1 + o.residueDiff + w),
    residueDirect: wobble.map((w) => 0.1 + w),
  };
}

describe("finding 4's measures", () => {
  it("logNearFar and logResidue compare the mean I near θ = π with far from it / with the whole circle, by hand", () => {
    // 8 angles every 45°: near π (within 45°) = 135°, 180°, 225°; far (beyond 90°) = 0°, 45°, 315°
    const theta = Array.from({ length: 8 }, (_, i) => (i * Math.PI) / 4);
    const fisher = [1, 1, 2, 4, 4, 4, 2, 1];
    const c = { theta, fisher, stderr: [] };
    expect(logNearFar(c)).toBeCloseTo(Math.log(4 / 1), 12);
    expect(logResidue(c)).toBeCloseTo(Math.log(4 / (19 / 8)), 12);
  });
});

describe("analyzeSpecialisation()", () => {
  it("is reproduced when converged networks specialise, extrapolate and keep a residue of the first concentration", () => {
    const r = analyzeSpecialisation([group(20, { gap: 0, farRatio: 1, logRatio: 0, residueDiff: 0 }), group(200, { gap: 4, farRatio: 1.2, logRatio: 1, residueDiff: 0.5 })]);
    expect(r.verdict).toBe("reproduced");
    expect(r.reason).toMatch(/^With 200-epoch fine-tuning: specialises yes, extrapolates yes, .* yes\. With 20-epoch fine-tuning: specialises no/);
    expect(r.statistics.find((s) => s.name.startsWith("200-epoch fine-tuning: replicate sd"))!.value).toBeCloseTo(0.0854, 3); // sd of the wobble
  });

  it("is mixed when networks specialise but fail far from the mode (error more than doubled)", () => {
    expect(analyzeSpecialisation([group(200, { gap: 20, farRatio: 5, logRatio: 1, residueDiff: 0.5 })]).verdict).toBe("mixed");
  });

  it("is not reproduced when nothing differs between regions and the later shift forgets the concentration, and the far error grows", () => {
    expect(analyzeSpecialisation([group(200, { gap: 0, farRatio: 5, logRatio: 0, residueDiff: 0 })]).verdict).toBe("not reproduced");
  });

  it("refuses an empty study", () => {
    expect(() => analyzeSpecialisation([])).toThrow(/no fine-tuned networks/);
  });
});
