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
      "Power law I ∝ p^α by fit window (log–log)",
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

  it("renderReport() summary table shows α per fit window with its interval, the mean term, theory under both budgets and concentration ratios", () => {
    const table = page.match(/<table>[\s\S]*?<\/table>/)![0];
    const head = table.split("</tr>")[0];
    for (const h of ["α, all angles", "α, p &gt; 1% of max", "α, p &gt; 10% of max", "α, p &gt; 30% of max", "theory α (∫√I / ∫I budget)",
      "near/far I, measured", "near/far I, theory (∫√I)", "near/far I, theory (∫I)"]) expect(head).toContain(h);
    const rows = table.split("</tr>").filter((r) => r.includes("<td"));
    expect(rows.length).toBe(4);
    expect(rows[0]).toContain("α undefined: p(θ) does not vary");
    // synthetic data were generated with the theoretical α (sq_diff → 2/3) times a smooth
    // "pretraining" wiggle; over all angles the 4 replicate fits give 0.66x with an interval
    const sq = rows.find((r) => r.includes("sq_diff κ=4"))!;
    const cells = sq.split("</td>");
    expect(cells[3]).toMatch(/0\.6[5-8]\d \[0\.6\d+, 0\.6\d+\]/);
    expect(cells[3]).toMatch(/mean term: 0\.6[5-8]\d \[/); // the mean term is 85% of I: same slope
    expect(sq).toContain(">0.667 / 0.5</td>");
    expect(sq).toContain("4 / 0");
    expect(sq).not.toContain("too few replicates");
    expect(rows.find((r) => r.includes("angle_diff κ=4"))).toContain("4 / 1"); // four done, one failed
  });

  it("renderReport() says \"too few replicates\" instead of giving an interval when R = 2", () => {
    const html = renderReport(syntheticReportData(createRng(11), { replicates: 2 }));
    const table = html.match(/<table>[\s\S]*?<\/table>/)![0];
    const sq = table.split("</tr>").find((r) => r.includes("sq_diff κ=4"))!;
    expect(sq).toMatch(/0\.6\d+ \(too few replicates: R = 2\)/);
    expect(sq).not.toMatch(/\d \[/); // no interval anywhere in the row
  });

  it("renderReport() lists each window's grid angles and α in the power-law section", () => {
    const section = page.match(/<section id="powerlaw">[\s\S]*?<\/section>/)![0];
    const table = section.match(/<table>[\s\S]*?<\/table>/)![0];
    expect(table.split("</tr>").filter((r) => r.includes("<td")).length).toBe(4 * 4); // 4 conditions × 4 windows
    expect(section).toContain("window edge");
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
  it("reportSummaryText() prints, per condition, α per window for I and its mean term, then the concentration ratios", () => {
    const text = reportSummaryText(data());
    const [alpha, conc] = text.trimEnd().split("\n\n").map((t) => t.split("\n"));
    expect(alpha.length).toBe(2 + 3 * 6); // flat-p condition: title + one line; 3 conditions × (title, header, 4 windows)
    expect(alpha[1]).toBe("  α undefined: the training density p(θ) is flat");
    const i = alpha.findIndex((l) => l.startsWith("sq_diff κ=4"));
    expect(alpha[i]).toBe("sq_diff κ=4 (sq_diff; theory α 0.667 under ∫√I, 0.5 under ∫I; R = 4)");
    expect(alpha[i + 1]).toMatch(/^ {2}window\s+α of I\s+α of mean term$/);
    expect(alpha[i + 2]).toMatch(/^ {2}all angles\s+0\.6[5-8]\d \[0\.6\d+, 0\.6\d+\]\s+0\.6[5-8]\d \[0\.6\d+, 0\.6\d+\]$/);
    expect(alpha[i + 5]).toMatch(/^ {2}p > 30% of max\s+\d/);
    expect(conc[0]).toMatch(/^condition\s+loss\s+near\/far I measured\s+theory ∫√I\s+theory ∫I\s+test error$/);
    expect(conc.find((l) => l.startsWith("sq_diff κ=4"))).toMatch(/\d+(\.\d+)? \[\d+(\.\d+)?, \d+(\.\d+)?\]\s+\d+(\.\d+)?\s+\d+(\.\d+)?\s+\d+(\.\d+)?°$/);
  });

  it("reportSummaryText() says \"too few replicates\" with R = 2, and gives no interval", () => {
    const text = reportSummaryText(syntheticReportData(createRng(11), { replicates: 2 }));
    const lines = text.split("\n").filter((l) => l.includes("p > 10% of max") || l.includes("κ=4  "));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toContain("(too few replicates: R = 2)");
    expect(text).not.toMatch(/\d \[/);
  });
});
