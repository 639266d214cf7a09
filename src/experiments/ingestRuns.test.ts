import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runJobs } from "../pool/index.js";
import { exportParquet, ingestRuns } from "./ingestRuns.js";
import { buildResultsStore } from "./resultsStore.js";
import { RUNS_DIR } from "../rundir/index.js";
import { queryResults } from "./queryResults.js";
import { parseExperiment } from "./experimentSpec.js";
import { prepareSweep } from "./runSweep.js";

const handler = fileURLToPath(new URL("../pool/fixtures/syntheticHandler.mjs", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "fisherlab-ingest-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const everything = async (db: string) => ({
  runs: await queryResults(db, "select * exclude (wall_seconds) from runs order by run_id"),
  metrics: await queryResults(db, "select * from metrics order by run_id"),
});

describe("ingestRuns()", () => {
  it("brings the database to what a full rebuild gives, one run at a time, leaving the pending rows of the jobs not run yet", async () => {
    const out = join(root, "sweep");
    const { jobs, release } = prepareSweep(parseExperiment({ name: "ing", replicates: 2, finetune: [{ set: {} }] }), out);
    release();
    await buildResultsStore(out); // every job pending
    const db = join(out, "results.duckdb");
    expect((await queryResults(db, "select distinct status from runs")).map((r) => r.status)).toEqual(["pending"]);
    for (const job of jobs.filter((j) => j.parent === null)) {
      await runJobs([job], { runsDir: join(out, RUNS_DIR), handlers: { train: handler }, workers: 0, quiet: true });
      await ingestRuns(out, [job.run_id]);
      expect(await queryResults(db, `select status, best_epoch from runs where run_id = '${job.run_id}'`)).toEqual([{ status: "finished", best_epoch: 3 }]);
    }
    await ingestRuns(out, [jobs[0].run_id]); // ingesting again replaces, never duplicates
    const incremental = await everything(db);
    await buildResultsStore(out);
    expect(incremental).toEqual(await everything(db));
    expect(incremental.runs.map((r) => r.status).sort()).toEqual(["finished", "finished", "pending", "pending"]);
    expect(Object.keys(await exportParquet(out)).sort()).toEqual(["adapt", "fisher", "metrics", "runs"]);
  });
});
