import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { queryResults } from "./queryResults.js";
import { buildResultsStore, storeBuildError } from "./resultsStore.js";
import type { SweepRecord } from "../rundir/index.js";
import { createRunDir, markFailed, markFinished, writeRunConfig, writeSummary } from "../rundir/runDir.js";
import { resolveConfig } from "../config/trainConfig.js";
import { readRunDir } from "../rundir/readRunDir.js";
import { writeCsv } from "../io/index.js";
import { tempDir } from "../../test/tempDir.js";

const query = queryResults;

const LOSSES = ["angle_diff", "sq_diff"];

/** A sweep of 2 losses × 2 replicates written by hand, as handlers would write it; one run failed, one never started. */
function syntheticSweep(): { dir: string; record: SweepRecord } {
  const dir = tempDir("store");
  const jobs: SweepRecord["jobs"] = [];
  for (const [li, loss] of LOSSES.entries()) {
    for (let r = 0; r < 2; r++) {
      const run_id = `loss.name=${loss}__r${r}__pretrain`;
      const config = resolveConfig({ overrides: [`loss.name=${loss}`, `seed=${r}`] });
      jobs.push({ run_id, kind: "train", parent: null, stage: "pretrain", replicate: r, condition: { "loss.name": loss }, config });
      if (loss === "sq_diff" && r === 1) continue; // never started
      const runDir = join(dir, "runs", run_id);
      createRunDir(runDir);
      writeRunConfig(runDir, config);
      writeCsv(join(runDir, "metrics.csv"), ["epoch", "train_loss", "val_loss", "val_mae_deg", "output_norm", "seconds"],
        [1, 2, 3].map((e) => ({ epoch: e, train_loss: 1 / e, val_loss: 1.1 / e, val_mae_deg: 30 / e, output_norm: 1, seconds: 0.5 })));
      if (loss === "sq_diff") { markFailed(runDir, "diverged: loss is NaN"); continue; }
      writeCsv(join(runDir, "fisher_derivative_output.csv"), ["theta", "fisher", "stderr", "ciLow", "ciHigh", "nSamples", "meanTerm"],
        [0, 1, 2].map((t) => ({ theta: t, fisher: 10 * (li + 1) + t + r, stderr: 0.1, ciLow: 9, ciHigh: 11, nSamples: 100, meanTerm: 5 })));
      writeSummary(runDir, { best_epoch: 3, best_val_loss: 0.37, test_loss: 0.4, test_mae_deg: 12.5, wall_seconds: 2 });
      markFinished(runDir);
    }
  }
  // an adapt run with a nested replicate directory
  const adaptId = "base__r0__adapt";
  jobs.push({ run_id: adaptId, kind: "adapt", parent: jobs[0].run_id, stage: "adapt", replicate: 0, condition: {} });
  const adaptDir = join(dir, "runs", adaptId);
  createRunDir(adaptDir);
  writeCsv(join(adaptDir, "iterations.csv"), ["iteration", "theta", "density", "fisher", "fisher_smoothed", "fisher_replicate_sd"],
    [0, 1].flatMap((it) => [0, 3].map((t) => ({ iteration: it, theta: t, density: 0.5, fisher: 2, fisher_smoothed: 2, fisher_replicate_sd: 0.1 }))));
  markFinished(adaptDir);
  const nested = join(adaptDir, "iter_0", "rep_0");
  createRunDir(nested);
  writeCsv(join(nested, "metrics.csv"), ["epoch", "train_loss"], [{ epoch: 1, train_loss: 0.9 }]);
  markFinished(nested);
  const record: SweepRecord = { name: "store", sweep_keys: ["loss.name"], jobs };
  writeFileSync(join(dir, "sweep.json"), JSON.stringify(record));
  return { dir, record };
}

describe("buildResultsStore()", () => {
  it("puts every run directory's config, status, metrics, Fisher curves and adapt iterations into DuckDB and Parquet", async () => {
    const { dir, record } = syntheticSweep();
    const summary = await buildResultsStore(dir);
    const db = join(dir, "results.duckdb");
    expect(summary.rows).toEqual({ runs: 6, metrics: 10, fisher: 6, adapt: 4 });

    const runs = await query(db, "select run_id, kind, stage, replicate, parent, status, error, loss, loss_name, best_epoch, test_mae_deg, config, condition from runs order by run_id");
    expect(runs.map((r) => [r.run_id, r.status])).toEqual([
      ["base__r0__adapt", "finished"], ["base__r0__adapt/iter_0/rep_0", "finished"],
      ["loss.name=angle_diff__r0__pretrain", "finished"], ["loss.name=angle_diff__r1__pretrain", "finished"],
      ["loss.name=sq_diff__r0__pretrain", "failed"], ["loss.name=sq_diff__r1__pretrain", "pending"],
    ]);
    const nested = runs[1];
    expect(nested).toMatchObject({ kind: "nested", stage: "adapt/iter_0/rep_0", replicate: 0, parent: "base__r0__adapt" });
    for (const job of record.jobs.filter((j) => j.kind === "train")) {
      const row = runs.find((r) => r.run_id === job.run_id)!;
      expect(JSON.parse(row.config as string)).toEqual(job.config);
      expect(JSON.parse(row.condition as string)).toEqual(job.condition);
      expect(row.loss).toBe(job.condition!["loss.name"]);
      expect(row.loss_name).toBe(job.condition!["loss.name"]);
      const contents = existsSync(join(dir, "runs", job.run_id)) ? readRunDir(join(dir, "runs", job.run_id)) : null;
      expect(row.best_epoch ?? undefined).toBe(contents?.summary?.best_epoch);
      const metrics = await query(db, `select epoch, train_loss, val_loss, val_mae_deg, output_norm, seconds from metrics where run_id = '${job.run_id}' order by epoch`);
      expect(metrics).toEqual(contents?.metrics ?? []);
      const fisher = await query(db, `select theta, fisher, stderr, ci_low, ci_high, n_samples, mean_term from fisher where run_id = '${job.run_id}' order by theta`);
      expect(fisher).toEqual((contents?.fisher[0]?.rows ?? []).map((r) => ({
        theta: r.theta, fisher: r.fisher, stderr: r.stderr, ci_low: r.ciLow, ci_high: r.ciHigh, n_samples: r.nSamples, mean_term: r.meanTerm })));
    }
    expect(runs.find((r) => r.status === "failed")!.error).toBe("diverged: loss is NaN");
    const adapt = await query(db, "select run_id, count(*) as n, sum(density) as mass from adapt group by run_id");
    expect(adapt).toEqual([{ run_id: "base__r0__adapt", n: 4, mass: 2 }]);

    // the query a user runs: mean I per loss
    const perLoss = await query(db, "select r.loss, avg(f.fisher) as mean_fisher, count(distinct f.run_id) as replicates from fisher f join runs r using (run_id) where f.method = 'derivative' group by r.loss order by r.loss");
    expect(perLoss).toEqual([{ loss: "angle_diff", mean_fisher: 11.5, replicates: 2 }]);

    for (const table of ["runs", "metrics", "fisher", "adapt"]) {
      const n = await query(db, `select count(*) as n from read_parquet('${join(dir, "parquet", `${table}.parquet`)}')`);
      expect(Number(n[0].n)).toBe(summary.rows[table as keyof typeof summary.rows]);
    }
    expect(readdirSync(dir).filter((f) => f.includes("tmp"))).toEqual([]);
    expect(readdirSync(join(dir, "parquet")).sort()).toEqual(["adapt.parquet", "fisher.parquet", "metrics.parquet", "runs.parquet"]);
  });

  it("a rebuild replaces the database with the run directories' new state", async () => {
    const { dir } = syntheticSweep();
    await buildResultsStore(dir);
    const failed = join(dir, "runs", "loss.name=sq_diff__r0__pretrain");
    createRunDir(failed, { resume: true });
    markFinished(failed);
    await buildResultsStore(dir);
    const rows = await query(join(dir, "results.duckdb"), "select status, count(*) as n from runs group by status order by status");
    expect(rows).toEqual([{ status: "finished", n: 5 }, { status: "pending", n: 1 }]);
  });

  it("a full disk while DuckDB writes is reported as ENOSPC naming results.duckdb, not its temporary file", () => {
    // DuckDB's own wording, as seen when a sweep filled a 64 KiB tmpfs
    const duck = new Error("FATAL Error: Failed to create checkpoint because of error: Could not write file \"/d/.results.duckdb.4711.tmp\": No space left on device");
    expect(storeBuildError(duck, "/d/results.duckdb").message).toBe("cannot write /d/results.duckdb: no space left on the device (ENOSPC); free disk space (df -h) or choose an output on another disk, then rerun");
    expect(storeBuildError(new Error("Catalog Error: x"), "/d/results.duckdb").message).toBe("buildResultsStore(): could not build /d/results.duckdb: Catalog Error: x");
  });

  it("queryResults() names a missing database", async () => {
    await expect(queryResults("/nonexistent/results.duckdb", "select 1")).rejects.toThrow("queryResults(): /nonexistent/results.duckdb not found; run the sweep (or buildResultsStore) first");
  });

  it("a run directory it cannot read fails the rebuild with the file named and leaves the previous database intact", async () => {
    const { dir } = syntheticSweep();
    await buildResultsStore(dir);
    const summaryPath = join(dir, "runs", "loss.name=angle_diff__r0__pretrain", "summary.json");
    writeFileSync(summaryPath, "{ not json");
    await expect(buildResultsStore(dir)).rejects.toThrow(`readRunDir(): ${summaryPath} is not valid JSON; rerun the job to rewrite it`);
    const rows = await query(join(dir, "results.duckdb"), "select count(*) as n from runs");
    expect(rows).toEqual([{ n: 6 }]);
    expect(readdirSync(dir).filter((f) => f.includes("tmp"))).toEqual([]);
  });

  it("works on run directories without a sweep.json, and on an empty directory", async () => {
    const dir = tempDir("store");
    expect((await buildResultsStore(dir)).rows).toEqual({ runs: 0, metrics: 0, fisher: 0, adapt: 0 });
    const runDir = join(dir, "runs", "solo");
    createRunDir(runDir);
    markFinished(runDir);
    const rows = await query((await buildResultsStore(dir)).database, "select run_id, kind, status from runs");
    expect(rows).toEqual([{ run_id: "solo", kind: "run", status: "finished" }]);
  });
});
