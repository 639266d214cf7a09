import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { queryResults } from "./queryResults.js";
import { runSweep } from "./runSweep.js";
import { parseExperiment } from "./experimentSpec.js";
import { LOCK_FILE } from "./sweepLock.js";
import { readStatus } from "../rundir/runDir.js";
import { tempDir } from "../../test/tempDir.js";

const handler = fileURLToPath(new URL("../pool/fixtures/syntheticHandler.mjs", import.meta.url));
const handlers = { train: handler, finetune: handler };
const distIndex = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../dist/src/experiments/index.js");

const SPEC = `name: killme
config: { train: { max_epochs: 2 } }
sweep: { finetune.loss.name: [angle_diff, sq_diff, sqrt_diff] }
replicates: 4
finetune: [{ set: { data.distribution.kappa: 4 } }]
fisher: [{ method: derivative, layer: output }]
`;

function logLines(dir: string): string[] {
  const path = join(dir, "log.txt");
  return existsSync(path) ? readFileSync(path, "utf8").trim().split("\n") : [];
}

async function runsTable(db: string): Promise<{ run_id: string; status: string }[]> {
  return (await queryResults(db, "select run_id, status from runs order by run_id")) as { run_id: string; status: string }[];
}

describe("runSweep()", () => {
  it("runs an experiment, writes sweep.json and the results store, and a rerun does nothing new", async () => {
    const dir = tempDir("sweep");
    const spec = parseExperiment({ sweep: { "finetune.loss.name": ["angle_diff", "sq_diff"] }, replicates: 2, finetune: [{ set: {} }] });
    const first = await runSweep(spec, { out: dir, handlers, workers: 0, quiet: true });
    expect(first.jobs).toHaveLength(6);
    expect(first.report.finished).toBe(6);
    expect(first.store.rows.runs).toBe(6);
    const again = await runSweep(spec, { out: dir, handlers, workers: 0, quiet: true });
    expect({ finished: again.report.finished, doneBefore: again.report.doneBefore }).toEqual({ finished: 0, doneBefore: 6 });
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("refuses to reuse a finished run whose job now has a different config, and a directory another live sweep holds", async () => {
    const dir = tempDir("sweep");
    await runSweep(parseExperiment({ replicates: 1 }), { out: dir, handlers, workers: 0, quiet: true });
    await expect(runSweep(parseExperiment({ replicates: 1, config: { train: { lr: 0.5 } } }), { out: dir, handlers, workers: 0, quiet: true }))
      .rejects.toThrow(/base__r0__pretrain finished with a different config than the experiment now gives it/);
    writeFileSync(join(dir, LOCK_FILE), String(process.ppid));
    await expect(runSweep(parseExperiment({ replicates: 1 }), { out: dir, handlers, workers: 0, quiet: true }))
      .rejects.toThrow(`runSweep(): another sweep (pid ${process.ppid}) is running in ${dir}`);
  });

  it("after a real SIGKILL mid-sweep, rerunning the same command finishes every job exactly once", async () => {
    expect(existsSync(distIndex), `${distIndex} missing: run npm run build:ts first`).toBe(true);
    const dir = tempDir("kill");
    writeFileSync(join(dir, "exp.yaml"), SPEC);
    writeFileSync(join(dir, "child.mjs"), `
      import { runSweep } from ${JSON.stringify(pathToFileURL(distIndex).href)};
      const result = await runSweep(process.argv[2], { out: process.argv[3], handlers: { train: process.argv[4], finetune: process.argv[4] }, workers: 2, quiet: true });
      console.log(JSON.stringify({ finished: result.report.finished, doneBefore: result.report.doneBefore, failed: result.report.failed }));
      process.exitCode = result.report.failed;
    `);
    const out = join(dir, "out");
    const start = () => spawn(process.execPath, [join(dir, "child.mjs"), join(dir, "exp.yaml"), out, handler],
      { env: { ...process.env, FISHERLAB_SYNTH_SLEEP_MS: "200" }, stdio: ["ignore", "pipe", "pipe"] });
    const exited = (child: ReturnType<typeof start>) => new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((done) => {
      let stdout = "", stderr = "";
      child.stdout!.on("data", (d) => { stdout += d; });
      child.stderr!.on("data", (d) => { stderr += d; });
      child.on("exit", (code, signal) => done({ code, signal, stdout, stderr }));
    });

    const first = start();
    const firstExit = exited(first);
    const finishedDirs = () => readdirSync(join(out, "runs")).filter((id) => readStatus(join(out, "runs", id))?.status === "finished");
    const deadline = Date.now() + 30_000;
    while ((!existsSync(join(out, "runs")) || finishedDirs().length < 5) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    first.kill("SIGKILL");
    const killed = await firstExit;
    expect(killed.signal).toBe("SIGKILL");
    const committed = new Set(finishedDirs());
    expect(committed.size).toBeGreaterThanOrEqual(5);
    expect(committed.size).toBeLessThan(16);

    const second = await exited(start());
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout.trim().split("\n").pop()!);
    expect(report).toEqual({ finished: 16 - committed.size, doneBefore: committed.size, failed: 0 });

    const lines = logLines(out);
    const count = (prefix: string) => {
      const m = new Map<string, number>();
      for (const l of lines.filter((x) => x.startsWith(prefix))) m.set(l.split(" ")[1], (m.get(l.split(" ")[1]) ?? 0) + 1);
      return m;
    };
    const finishes = count("finish "), starts = count("start ");
    expect(finishes.size).toBe(16);
    // a job committed before the kill never runs again
    for (const id of committed) expect([id, starts.get(id), finishes.get(id)]).toEqual([id, 1, 1]);
    // only the jobs in flight at the kill (at most one per worker) ran a second time; a second
    // finish line is possible only if the kill fell between the handler's last write and its
    // status commit (one rename), which the rerun repeats by design (handlers are idempotent)
    const rerun = [...starts].filter(([, n]) => n > 1).map(([id]) => id);
    expect(rerun.length).toBeLessThanOrEqual(2);
    for (const [id, n] of finishes) expect(n === 1 || (n === 2 && rerun.includes(id))).toBe(true);
    const runs = await runsTable(join(out, "results.duckdb"));
    expect(runs).toHaveLength(16);
    expect(runs.every((r) => r.status === "finished")).toBe(true);
    expect(new Set(runs.map((r) => r.run_id)).size).toBe(16);
  });
});
