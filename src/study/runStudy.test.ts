import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STUDY_FILES } from "../rundir/index.js";
import { tempDir } from "../../test/tempDir.js";
import type { Finding } from "./finding.js";
import { runStudy, selectFindings } from "./runStudy.js";

const fake = (id: number, experiments: string[], analyze: Finding["analyze"]): Finding => ({
  id, slug: `f${id}`, title: `finding ${id}`, claim: `claim ${id}`, experiments, analyze,
});
const ok: Finding["analyze"] = () => ({
  measured: "nothing", verdict: "mixed", reason: "a planted result",
  statistics: [{ name: "x", value: 1, lo: 0.5, hi: 1.5, level: "95% t interval over 3 networks" }],
  figures: [{ name: "fig", caption: "a figure", svg: "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>" }],
});

describe("selectFindings()", () => {
  const all = [fake(3, [], ok), fake(1, [], ok)];
  it("sorts by id, keeps the selected ones and names the valid ids for an unknown one", () => {
    expect(selectFindings(all).map((f) => f.id)).toEqual([1, 3]);
    expect(selectFindings(all, [3]).map((f) => f.id)).toEqual([3]);
    expect(() => selectFindings(all, [2])).toThrow(/finding 2, but the study has findings 1, 3/);
  });
});

describe("runStudy({ reportOnly: true })", () => {
  it("runs no job, reports the experiments as incomplete, records an analysis error without stopping the others", async () => {
    const experiments = tempDir("study-exp"), out = join(tempDir("study-out"), "s");
    writeFileSync(join(experiments, "tiny.yaml"), "replicates: 2\nconfig: { train: { max_epochs: 1 } }\n");
    const failing = fake(2, ["tiny"], () => { throw new Error("no runs yet"); });
    const reading = fake(1, ["tiny"], (ctx) => {
      expect(ctx.dir("tiny")).toBe(join(out, "tiny"));
      expect(() => ctx.dir("other")).toThrow(/not in its experiments list/);
      return ok(ctx);
    });
    const result = await runStudy({ out, quick: false, reportOnly: true, experimentsDir: experiments, findings: [failing, reading], command: "fisherlab study --report-only", date: new Date("2026-01-02T00:00:00Z") });
    expect(result.timings).toEqual([expect.objectContaining({ experiment: "tiny", jobs: 2, finished: 0, ranNow: 0 })]);
    expect(existsSync(join(out, "tiny", "runs"))).toBe(false); // nothing ran
    expect(result.findings.map((o) => [o.finding.id, o.result?.verdict ?? o.error])).toEqual([[1, "mixed"], [2, "no runs yet"]]);
    const md = readFileSync(join(out, STUDY_FILES.markdown), "utf8");
    expect(md).toContain("**Incomplete: 0 of 2 jobs have finished");
    expect(md).toContain("with `fisherlab study --report-only` (docs/study.md)");
    expect(md).toContain("Reproduce: `fisherlab study --report-only --only 1`");
    expect(md).toContain("| x | 1 [0.5, 1.5] | 95% t interval over 3 networks |");
    expect(md).toContain("**Not analysed:** no runs yet");
    expect(existsSync(join(out, STUDY_FILES.figures, "1-f1-fig.svg"))).toBe(true);
    expect(readFileSync(join(out, STUDY_FILES.html), "utf8")).toContain("— → —"); // load unknown without a sweep
  });

  it("refuses a finding whose experiment file is missing, naming it", async () => {
    const experiments = tempDir("study-exp2");
    await expect(runStudy({ out: join(experiments, "o"), quick: true, reportOnly: true, experimentsDir: experiments, findings: [fake(1, ["absent"], ok)] }))
      .rejects.toThrow(/experiment absent\.yaml is missing/);
  });
});
