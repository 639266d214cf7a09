import { describe, expect, it } from "vitest";
import { createRng } from "../engine/index.js";
import { renderReport } from "./renderReport.js";
import { reportSummaryText } from "./reportSummaryText.js";
import { syntheticReportData } from "./syntheticReportData.js";

const data = () => syntheticReportData(createRng(11));

function svgs(html: string): string[] {
  return html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
}

describe("renderReport", () => {
  const page = renderReport(data()); // rendered once for the read-only checks below
  it("renderReport() has every section, in order", () => {
    const html = page;
    const ids = [...html.matchAll(/<section id="([a-z]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual(["summary", "learning", "fisher", "density", "powerlaw", "correlation", "adapt", "failed", "config"]);
  });

  it("renderReport() contains every plot kind, each with labelled axes, a title and a caption", () => {
    const html = page;
    const figures = svgs(html);
    const titles = figures.map((s) => s.match(/<title>([^<]*)<\/title>/)![1]);
    expect(titles).toEqual([
      "Learning curves",
      "Fisher information I(θ) per condition",
      "Equivalent density √I (normalised) vs training density",
      "Power law I ∝ p^α (log–log)",
      "Replicate-by-replicate correlation of I(θ)",
      "Adaptation loop: density and √I per iteration",
    ]);
    for (const svg of figures) {
      expect(svg).toMatch(/class="plot-caption"/);
      const heatmap = svg.includes("colorbar-label");
      if (heatmap) {
        expect(svg).toContain(">Pearson r (unitless)</text>");
      } else {
        expect(svg).toMatch(/class="axis-label x-label">[^<]+<\/text>/);
        expect(svg).toMatch(/class="axis-label y-label">[^<]+<\/text>/);
      }
    }
    expect(html).toContain(">I(θ) (rad⁻²)</text>");
    expect(html).toContain(">θ (deg)</text>");
    expect(html).toContain(">training density p(θ) (rad⁻¹)</text>");
  });

  it("renderReport() is self-contained: no scripts, no external resources", () => {
    const html = page;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|src=|url\(/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, "")).not.toMatch(/https?:/);
  });

  it("renderReport() escapes titles, condition names, errors and the configuration", () => {
    const html = page;
    expect(html).toContain("<title>Synthetic experiment &lt;fisherlab&gt;</title>");
    expect(html).toContain("pretrained &lt;uniform&gt;");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
    expect(html).toContain("loss became NaN at epoch 3 &lt;stopped&gt;");
    expect(html).not.toContain("<uniform>");
  });

  it("renderReport() summary table shows α with its interval next to theory per condition", () => {
    const html = page;
    const table = html.match(/<table>[\s\S]*?<\/table>/)![0];
    const rows = table.split("</tr>").filter((r) => r.includes("<td"));
    expect(rows.length).toBe(4);
    expect(rows[0]).toContain("α undefined: p(θ) does not vary");
    // synthetic data were generated with the theoretical α: sq_diff → 0.667 on both sides
    const sq = rows.find((r) => r.includes("sq_diff κ=4"))!;
    expect(sq).toMatch(/0\.66\d \[0\.6\d+, 0\.6\d+\]/);
    expect(sq).toContain("2 replicate fits");
    expect(sq).toContain(">0.667</td>");
    expect(sq).toContain("2 / 0");
    expect(rows.find((r) => r.includes("angle_diff κ=4"))).toContain("2 / 1"); // two done, one failed
  });

  it("renderReport() is deterministic", () => {
    expect(renderReport(data())).toBe(page);
  });

  it("renderReport() leaves out the adaptation section without adapt data and says when curves are missing", () => {
    const d = data();
    const html = renderReport({ ...d, adapt: undefined, fisher: [], runs: [] });
    expect(html).not.toContain('<section id="adapt">');
    expect(html).not.toContain('<section id="failed">');
    expect(html).toContain("No Fisher curves were recorded.");
    expect(svgs(html).length).toBe(1); // learning curves only
  });

  it("renderReport() rejects a curve of an unknown condition with a one-line message", () => {
    const d = data();
    d.fisher[0] = { ...d.fisher[0], condition: "nope" };
    expect(() => renderReport(d)).toThrow('renderReport(): fisher curve (replicate 0) names unknown condition "nope"; add it to conditions');
  });

  it("renderReport() rejects a descending θ grid", () => {
    const d = data();
    d.fisher[0] = { ...d.fisher[0], theta: [...d.fisher[0].theta].reverse() };
    expect(() => renderReport(d)).toThrow(/theta must be strictly ascending/);
  });
});

describe("reportSummaryText", () => {
  it("reportSummaryText() prints one aligned line per condition with α, theory and concentration", () => {
    const text = reportSummaryText(data());
    const lines = text.trimEnd().split("\n");
    expect(lines.length).toBe(5);
    expect(lines[0]).toMatch(/^condition\s+loss\s+α \[95% CI\]\s+theory α\s+near\/far I\s+test error$/);
    const sq = lines.find((l) => l.startsWith("sq_diff κ=4"))!;
    expect(sq).toMatch(/0\.66\d \[0\.6\d+, 0\.6\d+\] \(R=2\)\s+0\.667\s+\d+(\.\d+)?\s+\d+(\.\d+)?°$/);
    expect(lines[1]).toMatch(/pretrained <uniform>\s+angle_diff\s+–\s+1\s+–/);
  });
});
