import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exitCodeFor, runJobs } from "./jobPool.js";
import { readStatus } from "../rundir/runDir.js";
import type { PoolJob } from "../experiments/job.js";
import { tempDir } from "../../test/tempDir.js";

const handler = fileURLToPath(new URL("./fixtures/syntheticHandler.mjs", import.meta.url));
const handlers = { train: handler, finetune: handler };

interface SynthJob extends PoolJob { sleep_ms?: number; fail?: boolean; exit?: boolean }

function setup(): { root: string; runsDir: string; log: () => string[] } {
  const root = tempDir("pool");
  const runsDir = join(root, "runs");
  return { root, runsDir, log: () => (existsSync(join(root, "log.txt")) ? readFileSync(join(root, "log.txt"), "utf8").trim().split("\n") : []) };
}

// a → b → c, a → d; e fails, f depends on e; g independent
const graph = (): SynthJob[] => [
  { run_id: "a", kind: "train", parent: null },
  { run_id: "b", kind: "finetune", parent: "a" },
  { run_id: "c", kind: "finetune", parent: "b" },
  { run_id: "d", kind: "finetune", parent: "a" },
  { run_id: "e", kind: "train", parent: null, fail: true },
  { run_id: "f", kind: "finetune", parent: "e" },
  { run_id: "g", kind: "train", parent: null },
];

describe("runJobs() in this thread (workers: 0)", () => {
  it("runs parents before children, records a failure with its error, skips its dependents and finishes the rest", async () => {
    const { runsDir, log } = setup();
    const report = await runJobs(graph(), { runsDir, handlers, workers: 0, quiet: true });
    expect({ finished: report.finished, failed: report.failed, skipped: report.skipped, doneBefore: report.doneBefore })
      .toEqual({ finished: 5, failed: 1, skipped: 1, doneBefore: 0 });
    expect(exitCodeFor(report)).toBe(1);
    const lines = log();
    expect(lines.indexOf("finish a")).toBeLessThan(lines.indexOf("start b"));
    expect(lines.indexOf("finish b")).toBeLessThan(lines.indexOf("start c"));
    expect(readStatus(join(runsDir, "e"))).toMatchObject({ status: "failed", error: "synthetic failure of e" });
    expect(existsSync(join(runsDir, "f"))).toBe(false);
    expect(report.outcomes.find((o) => o.run_id === "f")).toMatchObject({ state: "skipped", error: "depends on e, which failed" });
    expect(JSON.parse(readFileSync(join(runsDir, "a", "summary.json"), "utf8"))).toMatchObject({ best_epoch: 3, resumed: false });
    expect(JSON.parse(readFileSync(join(runsDir, "c", "job.json"), "utf8"))).toMatchObject({ run_id: "c", parent: "b" });
  });

  it("a rerun skips finished jobs and retries the failed one (resuming its directory) and its dependents", async () => {
    const { root, runsDir, log } = setup();
    await runJobs(graph(), { runsDir, handlers, workers: 0, quiet: true });
    writeFileSync(join(root, "allow-e"), "");
    const report = await runJobs(graph(), { runsDir, handlers, workers: 0, quiet: true });
    expect({ finished: report.finished, doneBefore: report.doneBefore, failed: report.failed }).toEqual({ finished: 2, doneBefore: 5, failed: 0 });
    expect(log().filter((l) => l.startsWith("finish")).sort()).toEqual(["a", "b", "c", "d", "e", "f", "g"].map((id) => `finish ${id}`));
    expect(JSON.parse(readFileSync(join(runsDir, "e", "summary.json"), "utf8"))).toMatchObject({ resumed: true, attempt: 2 });
  });

  it("rejects duplicate ids, unknown parents, cycles, unsafe ids and kinds without a handler before running anything", async () => {
    const { runsDir } = setup();
    const run = (jobs: PoolJob[]) => runJobs(jobs, { runsDir, handlers, workers: 0, quiet: true });
    await expect(run([{ run_id: "a", kind: "train", parent: null }, { run_id: "a", kind: "train", parent: null }])).rejects.toThrow("runJobs(): run_id a appears twice");
    await expect(run([{ run_id: "a", kind: "train", parent: "z" }])).rejects.toThrow("job a depends on z, which is not in the job list");
    await expect(run([{ run_id: "a", kind: "train", parent: "b" }, { run_id: "b", kind: "train", parent: "a" }])).rejects.toThrow(/cycle/);
    await expect(run([{ run_id: "../x", kind: "train", parent: null }])).rejects.toThrow(/not a safe directory name/);
    await expect(run([{ run_id: "a", kind: "adapt", parent: null }])).rejects.toThrow('no handler registered for job kind "adapt" (job a); registered: train, finetune');
    expect(existsSync(runsDir)).toBe(false);
  });

  it("a handler module without a handler export fails its jobs with a message naming the module", async () => {
    const { runsDir } = setup();
    const bad = fileURLToPath(new URL("./fixtures/notAHandler.mjs", import.meta.url));
    const report = await runJobs([{ run_id: "a", kind: "train", parent: null }], { runsDir, handlers: { train: bad }, workers: 0, quiet: true });
    expect(report.outcomes[0].error).toMatch(/notAHandler\.mjs for job kind "train" must export a function/);
  });
});

describe("runJobs() on worker threads (needs npm run build:ts)", () => {
  it("runs independent jobs in parallel on two workers, each exactly once", async () => {
    const { runsDir, log } = setup();
    const jobs: SynthJob[] = Array.from({ length: 6 }, (_, i) => ({ run_id: `j${i}`, kind: "train", parent: null, sleep_ms: 300 }));
    const report = await runJobs(jobs, { runsDir, handlers, workers: 2, quiet: true });
    expect(report.finished).toBe(6);
    // the log shows two jobs in flight at once (sequential runs would never exceed one)
    let inFlight = 0, most = 0;
    for (const line of log()) { inFlight += line.startsWith("start") ? 1 : -1; most = Math.max(most, inFlight); }
    expect(most).toBe(2);
    expect(log().filter((l) => l.startsWith("start")).sort()).toEqual(jobs.map((j) => `start ${j.run_id}`));
  });

  it("isolates failures: a throwing job and a crashing worker thread fail alone, the rest finish", async () => {
    const { runsDir } = setup();
    const report = await runJobs(graph().concat([{ run_id: "x", kind: "train", parent: null, exit: true } as SynthJob, { run_id: "y", kind: "finetune", parent: "x" }]),
      { runsDir, handlers, workers: 2, quiet: true });
    expect({ finished: report.finished, failed: report.failed, skipped: report.skipped }).toEqual({ finished: 5, failed: 2, skipped: 2 });
    expect(readStatus(join(runsDir, "x"))).toMatchObject({ status: "failed", error: "worker thread exited with code 3 during the job" });
    expect(readStatus(join(runsDir, "e"))?.error).toBe("synthetic failure of e");
    for (const id of ["a", "b", "c", "d", "g"]) expect(readStatus(join(runsDir, id))?.status).toBe("finished");
  });
});
