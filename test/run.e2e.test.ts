import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { queryResults } from "../src/experiments/index.js";
import { readRunDir } from "../src/rundir/index.js";
import { tempDir } from "./tempDir.js";

// `npm test` builds dist/ first (pretest); the run command starts worker threads, which load the
// compiled job handlers from there.
const bin = join(import.meta.dirname, "..", "dist", "src", "cli", "bin.js");
const root = tempDir("run-e2e");
const out = join(root, "out");

const TINY = `
name: tiny
replicates: 2
config:
  data: { train_size: 256, val_size: 128, test_size: 128 }
  model: { hidden: [16, 8] }
  train: { max_epochs: 3, patience: 3 }
sweep: { finetune.loss.name: [angle_diff, sq_diff] }
finetune:
  - name: concentrated
    set: { data.distribution.kappa: 4, data.distribution.loc: 3.14, train.max_epochs: 2 }
fisher: [{ method: derivative, layer: output, angles: 24 }]
adapt:
  grid: 40
  replicates: 1
  max_iterations: 2
  smoothing: { kind: moving_average, width: 5 }
  fisher: { method: derivative, angles: 16 }
  finetune: { max_epochs: 1, patience: 1 }
`;

let stdout = "";

describe("fisherlab run EXP.yaml (end to end, two worker threads)", () => {
  beforeAll(() => {
    expect(existsSync(bin), "run `npm run build:ts` first").toBe(true);
    writeFileSync(join(root, "tiny.yaml"), TINY);
    const r = spawnSync(process.execPath, [bin, "run", join(root, "tiny.yaml"), "--out", out, "--workers", "2", "--quiet"], { encoding: "utf8" });
    stdout = r.stdout;
    expect(r.stderr, r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
  });

  it("prints the summary table with α per condition and the report's path", () => {
    // α per fit window for every fine-tuned condition (R = 2 here: no intervals), then the concentration table
    expect(stdout).toContain("concentrated loss.name=angle_diff (angle_diff; theory α 1 under ∫√I, 0.667 under ∫I; R = 2)");
    expect(stdout).toMatch(/ {2}p > 10% of max\s+-?\d[\d.e-]* \(too few replicates: R = 2\)/);
    expect(stdout).toMatch(/condition\s+loss\s+near\/far I measured\s+theory ∫√I\s+theory ∫I\s+test error/);
    expect(stdout).toMatch(/concentrated loss.name=sq_diff\s+sq_diff\s+/);
    expect(stdout).toContain(`report:  ${join(out, "report.html")}`);
    expect(stdout).toContain(`browse:  npx fisherlab serve ${out}`); // the dashboard over this run (docs/dashboard.md)
  });

  it("the report has every plot kind, each with labelled axes", async () => {
    const { readFileSync } = await import("node:fs");
    const html = readFileSync(join(out, "report.html"), "utf8");
    for (const id of ["summary", "learning", "fisher", "density", "powerlaw", "correlation", "adapt", "config"]) {
      expect(html, id).toContain(`<section id="${id}">`);
    }
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(6);
    expect(html).not.toMatch(/<script/);
  });

  it("the DuckDB store holds exactly what the run directories hold", async () => {
    const db = join(out, "results.duckdb");
    const runs = readdirSync(join(out, "runs"));
    expect(runs.length).toBe(2 + 4 + 4); // 2 pretrain; 2 losses × 2 replicates fine-tunes, each followed by an adapt job
    const rows = await queryResults(db, "select run_id, status from runs where run_id not like '%/%' order by run_id");
    expect(rows.map((r) => r.run_id)).toEqual([...runs].sort());
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["finished"]));
    let fisherRows = 0, metricRows = 0;
    for (const id of runs) {
      const c = readRunDir(join(out, "runs", id));
      fisherRows += c.fisher.reduce((s, f) => s + f.rows.length, 0);
      metricRows += c.metrics.length;
    }
    const [f] = await queryResults(db, "select count(*) as n from fisher where run_id not like '%/%'");
    const [m] = await queryResults(db, "select count(*) as n from metrics where run_id not like '%/%'");
    expect(Number(f.n)).toBe(fisherRows);
    expect(Number(m.n)).toBe(metricRows);
    expect(existsSync(join(out, "parquet", "fisher.parquet"))).toBe(true);
  });

  it("a second run finds every job finished and runs nothing again", () => {
    const r = spawnSync(process.execPath, [bin, "run", join(root, "tiny.yaml"), "--out", out, "--workers", "2", "--quiet"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/10 jobs: 0 finished now, 10 finished before, 0 failed, 0 skipped/);
  });
});
