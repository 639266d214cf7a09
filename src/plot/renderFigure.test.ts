import { describe, expect, it } from "vitest";
import { renderFigure } from "./renderFigure.js";
import { renderHeatmap } from "./renderHeatmap.js";
import type { Figure } from "./types.js";

const fig = (): Figure => ({
  title: "A <test> & figure",
  caption: "Look at the line.",
  panels: [
    {
      title: "panel one",
      x: { label: "θ (deg)" },
      y: { label: "I(θ) (rad⁻²)", includeZero: true },
      layers: [
        { kind: "band", x: [0, 1, 2, 3], lo: [0, 1, 1, 0], hi: [2, 3, 3, 2], color: "#56B4E9" },
        { kind: "line", x: [0, 1, 2, 3], y: [1, 2, NaN, 1], color: "#0072B2" },
        { kind: "points", x: [0, 1], y: [1, 2], yLo: [0.5, 1.5], yHi: [1.5, 2.5], color: "#D55E00" },
        { kind: "text", fx: 0.1, fy: 0.9, text: "α = 1 <ok>" },
      ],
    },
  ],
  legend: [{ label: "mean", color: "#0072B2", kind: "line" }],
});

describe("renderFigure", () => {
  it("renderFigure() is deterministic: same figure, same SVG string", () => {
    expect(renderFigure(fig())).toBe(renderFigure(fig()));
  });

  it("renderFigure() writes title, caption, axis labels and legend as escaped text", () => {
    const svg = renderFigure(fig());
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
    expect(svg).toContain("A &lt;test&gt; &amp; figure");
    expect(svg).toContain("α = 1 &lt;ok&gt;");
    expect(svg).toContain('class="axis-label x-label">θ (deg)</text>');
    expect(svg).toContain('class="axis-label y-label">I(θ) (rad⁻²)</text>');
    expect(svg).toContain(">Look at the line.</text>");
    expect(svg).toContain(">mean</text>");
    expect(svg).not.toContain("<test>");
  });

  it("renderFigure() breaks a line at NaN into separate paths", () => {
    const svg = renderFigure({ ...fig(), panels: [{ ...fig().panels[0], layers: [{ kind: "line", x: [0, 1, 2, 3, 4], y: [1, 2, NaN, 1, 2], color: "#123456" }] }] });
    expect(svg.match(/stroke="#123456"/g)?.length).toBe(2);
  });

  it("renderFigure() draws one error bar per point with bounds", () => {
    const svg = renderFigure(fig());
    expect(svg.match(/<circle[^>]*fill="#D55E00"/g)?.length).toBe(2);
    expect(svg.match(/<line[^>]*stroke="#D55E00"/g)?.length).toBe(2);
  });

  it("renderFigure() lays out small multiples in a grid", () => {
    const p = fig().panels[0];
    const svg = renderFigure({ ...fig(), panels: [p, p, p, p], columns: 2, panelWidth: 300, panelHeight: 200 });
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg" width="600"');
    expect(svg).toContain('translate(300 200)');
    expect(svg.match(/class="panel-title"/g)?.length).toBe(4);
  });

  it("renderFigure() drops non-positive values on log axes instead of failing", () => {
    const svg = renderFigure({ ...fig(), panels: [{ x: { label: "p", log: true }, y: { label: "I", log: true }, layers: [{ kind: "points", x: [0, 1, 10], y: [1, -1, 100], color: "#0072B2" }] }] });
    expect(svg.match(/<circle/g)?.length).toBe(1);
    expect(svg).not.toContain("NaN");
  });

  it("renderFigure() rejects a figure without panels", () => {
    expect(() => renderFigure({ ...fig(), panels: [] })).toThrow('renderFigure(): figure "A <test> & figure" has no panels');
  });
});

describe("renderHeatmap", () => {
  it("renderHeatmap() draws n² cells, escaped labels and a labelled colour bar", () => {
    const svg = renderHeatmap({ title: "corr", caption: "c", labels: ["a<1", "b", "c"], matrix: [[1, 0.5, -1], [0.5, 1, NaN], [-1, NaN, 1]], colorbarLabel: "Pearson r" });
    expect(svg.match(/<rect[^>]*width="52" height="52"/g)?.length).toBe(9);
    expect(svg).toContain("a&lt;1");
    expect(svg).toContain('class="axis-label colorbar-label">Pearson r</text>');
    expect(svg).toContain('fill="#053061"'); // −1 is the darkest blue
    expect(svg).toContain('fill="#67001f"'); // +1 the darkest red
  });

  it("renderHeatmap() rejects a matrix that does not match its labels", () => {
    expect(() => renderHeatmap({ title: "t", caption: "c", labels: ["a", "b"], matrix: [[1]], colorbarLabel: "r" })).toThrow(/must be 2×2/);
  });
});
