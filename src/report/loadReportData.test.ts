import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRunDir, markFailed, markFinished, RUNS_DIR, SWEEP_FILE, writeRunConfig, type SweepRecord } from "../rundir/index.js";
import { loadReportData } from "./loadReportData.js";
import { summariseCondition } from "./summariseCondition.js";
import { tempDir } from "../../test/tempDir.js";

const root = tempDir("report");
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A sweep directory of one condition with `finished` finished, `failed` failed and one never-started job. */
function sweepDir(finished: number, failed: number): string {
  const dir = mkdtempSync(join(root, "sweep-"));
  const jobs: SweepRecord["jobs"] = [];
  const config = { seed: 0, data: { source: "textures", distribution: { kind: "vonmises", loc: 0, kappa: 0 } }, loss: { name: "cos_sim" } };
  for (let r = 0; r < finished + failed + 1; r++) {
    const run_id = `base__r${r}__pretrain`;
    jobs.push({ run_id, kind: "train", parent: null, stage: "pretrain", replicate: r, condition: {}, config });
    if (r === finished + failed) continue; // never started: no run directory
    const runDir = join(dir, RUNS_DIR, run_id);
    mkdirSync(runDir, { recursive: true });
    createRunDir(runDir, { resume: true });
    writeRunConfig(runDir, config);
    if (r < finished) markFinished(runDir);
    else markFailed(runDir, new Error("loss became NaN"));
  }
  const record: SweepRecord = { name: "regression", sweep_keys: [], jobs };
  writeFileSync(join(dir, SWEEP_FILE), JSON.stringify(record));
  return dir;
}

describe("loadReportData", () => {
  it("regression: the report's runs done / failed column counts the runs the sweep marked finished (it read 0 / 0)", () => {
    const data = loadReportData(sweepDir(2, 1));
    expect(data.conditions).toHaveLength(1);
    const s = summariseCondition(data, data.conditions[0]);
    expect(s.runsDone).toBe(2);
    expect(s.runsFailed).toBe(1);
    expect(data.runs.map((r) => r.status).sort()).toEqual(["failed", "finished", "finished", "pending"]);
  });

  it("shows the base measurement, not a labelled variant of it that sorts first (fisher_derivative-boot1 before fisher_derivative)", () => {
    const dir = sweepDir(1, 0);
    const runDir = join(dir, RUNS_DIR, "base__r0__pretrain");
    const csv = (v: number) => `theta,fisher,stderr\n0,${v},0.1\n3,${v},0.1\n`;
    writeFileSync(join(runDir, "fisher_derivative-boot1_output.csv"), csv(7));
    writeFileSync(join(runDir, "fisher_derivative_output.csv"), csv(5));
    const data = loadReportData(dir);
    expect(data.fisher.map((f) => [f.method, f.fisher[0]])).toEqual([["derivative", 5]]);
  });
});
