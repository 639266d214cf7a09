import { describe, expect, it } from "vitest";
import { createRng } from "../engine/index.js";
import { adaptPlot } from "../adapt/adaptPlot.js";
import { fisherPlot } from "./fisherPlot.js";
import { learningCurvesPlot } from "./learningCurvesPlot.js";
import { summariseCurves } from "./summariseCurves.js";
import { syntheticReportData } from "./syntheticReportData.js";

describe("summariseCurves", () => {
  it("summariseCurves() keeps replicate sd and estimator standard error apart", () => {
    const theta = [0, 1, 2];
    const s = summariseCurves([
      { condition: "a", replicate: 0, theta, fisher: [1, 2, 3], stderr: [0.3, 0.3, 0.3] },
      { condition: "a", replicate: 1, theta, fisher: [3, 2, 5], stderr: [0.4, 0.4, 0.4] },
    ], 3);
    expect(s.mean).toEqual([2, 2, 4]);
    expect(s.sd[0]).toBeCloseTo(Math.SQRT2, 12);
    expect(s.sd[1]).toBe(0);
    expect(s.measurementSe[0]).toBeCloseTo(0.25, 12); // √(0.09 + 0.16) / 2
  });

  it("summariseCurves() puts curves sampled on another grid onto the first one", () => {
    const s = summariseCurves([
      { condition: "a", replicate: 0, theta: [0, 1, 2, 3], fisher: [0, 10, 20, 30] },
      { condition: "a", replicate: 1, theta: [0.5, 1.5, 2.5, 3.5], fisher: [5, 15, 25, 15] },
    ], 4);
    expect(s.curves[1]).toEqual([10, 10, 20, 20]);
    expect(s.measurementSe.every(Number.isNaN)).toBe(true);
  });
});

describe("plot builders", () => {
  const rows = Array.from({ length: 50 }, (_, i) => {
    const theta = (2 * Math.PI * i) / 50;
    const fisher = 10 + 5 * Math.cos(theta);
    return { theta, fisher, stderr: 0.5, ci_low: fisher - 1, ci_high: fisher + 1 };
  });

  it("fisherPlot() draws I(θ) with its band and the equivalent density with the uniform reference", () => {
    const svg = fisherPlot(rows, { domain: [0, 2 * Math.PI] });
    expect(svg).toContain(">I(θ) (rad⁻²)</text>");
    expect(svg).toContain(">density (rad⁻¹)</text>");
    expect(svg).toContain(">95% interval of the estimator</text>");
    expect(svg.match(/fill-opacity="0.4"/g)?.length).toBe(2); // one band per panel
    expect(svg).toContain(">uniform density</text>");
  });

  it("fisherPlot() shows points and no band for a few rows without stderr (recorded responses)", () => {
    const svg = fisherPlot([{ theta: 0.2, fisher: 4 }, { theta: 0.5, fisher: 9 }], { angleUnit: "rad" });
    expect(svg.match(/<circle/g)?.length).toBe(4);
    expect(svg).not.toContain("95% interval");
    expect(svg).toContain(">θ (rad)</text>");
  });

  it("fisherPlot() rejects empty input", () => {
    expect(() => fisherPlot([])).toThrow("fisherPlot(): no rows to plot");
  });

  it("adaptPlot() colours iterations from dark to light and labels them", () => {
    const data = syntheticReportData(createRng(3));
    const svg = adaptPlot(data.adapt!);
    expect(svg).toContain(">iteration 0</text>");
    expect(svg).toContain(">iteration 4</text>");
    expect(svg).toContain('stroke="#440154"'); // viridis start for iteration 0
    expect(svg.match(/<path d="M/g)?.length).toBe(10); // 5 iterations × 2 panels
  });

  it("learningCurvesPlot() draws a solid training and a dashed validation line per replicate", () => {
    const svg = learningCurvesPlot([
      { condition: "c", replicate: 0, epoch: 0, trainLoss: 1, valLoss: 1.2 },
      { condition: "c", replicate: 0, epoch: 1, trainLoss: 0.5, valLoss: 0.7 },
    ]);
    expect(svg.match(/<path d="M/g)?.length).toBe(2);
    expect(svg.match(/<path [^>]*stroke-dasharray="5 3"/g)?.length).toBe(1);
    expect(svg).toContain(">epoch</text>");
  });
});
