import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { queryResults } from "../src/experiments/index.js";
import { readRunDir } from "../src/rundir/index.js";
import { describeWithRedis, startRedis, type TestRedis } from "./helpers/redisServer.js";

const bin = join(import.meta.dirname, "..", "dist", "src", "cli", "bin.js");
// 6 jobs: 2 pretrain replicates, each fine-tuned with 2 losses (the fine-tunes fetch their parent's weights)
const SPEC = `
name: twomachines
replicates: 2
config:
  data: { train_size: 128, val_size: 32, test_size: 32 }
  model: { hidden: [8] }
  train: { max_epochs: 3, patience: 3 }
sweep: { finetune.loss.name: [angle_diff, sq_diff] }
finetune:
  - name: ft
    set: { data.distribution.kappa: 4, train.max_epochs: 2 }
fisher: [{ method: derivative, layer: output, angles: 8 }]
`;
const TOKEN = "e2e-token-0123456789abcdef";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, FISHERLAB_TOKEN: TOKEN, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "", stderr = "";
  child.stdout!.on("data", (d) => { stdout += d; });
  child.stderr!.on("data", (d) => { stderr += d; });
  const exit = new Promise<{ code: number | null; signal: string | null }>((done) => child.on("exit", (code, signal) => done({ code, signal })));
  return { child, exit, out: () => stdout, err: () => stderr };
}

const root = mkdtempSync(join(tmpdir(), "fisherlab-queue-e2e-"));
const children: ChildProcess[] = [];
let redis: TestRedis | undefined;
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await redis?.stop();
  rmSync(root, { recursive: true, force: true });
});

describeWithRedis("fisherlab sweep --queue with two worker processes, one SIGKILLed mid-job", () => {
  it("completes with every run exactly once and the same numbers as a local sweep of the same experiment", async () => {
    expect(existsSync(bin), "run `npm run build:ts` first").toBe(true);
    redis = await startRedis();
    writeFileSync(join(root, "exp.yaml"), SPEC);
    const scratch = [join(root, "machine-a"), join(root, "machine-b")];
    for (const s of scratch) mkdirSync(s);
    // the workers start before the coordinator and wait for it
    const [a, b] = scratch.map((s) => run(["worker", "--queue", redis!.url, "--scratch", s]));
    children.push(a.child, b.child);
    const out = join(root, "distributed");
    const coordinator = run(["sweep", join(root, "exp.yaml"), "--out", out, "--queue", redis.url, "--stall-seconds", "2", "--backoff", "0.5", "--quiet"]);
    children.push(coordinator.child);

    // kill machine A as soon as it is working on a job
    const deadline = Date.now() + 60_000;
    while (readdirSync(scratch[0]).length === 0 && Date.now() < deadline) await sleep(20);
    const [jobDir] = readdirSync(scratch[0]);
    expect(jobDir, `machine A never took a job; its log: ${a.err()}`).toBeDefined();
    const killedJob = jobDir.slice(0, jobDir.lastIndexOf("."));
    a.child.kill("SIGKILL");
    expect((await a.exit).signal).toBe("SIGKILL");

    const done = await coordinator.exit;
    expect(done.code, coordinator.err()).toBe(0);
    expect(coordinator.out()).toContain("6 jobs: 6 finished now, 0 finished before, 0 failed, 0 skipped");
    // machine B finished the job machine A was killed in (BullMQ's stalled-job recovery)
    expect(b.err()).toContain(`job ${killedJob} done`);
    b.child.kill("SIGTERM");
    expect((await b.exit).code, b.err()).toBe(0);
    expect(readdirSync(scratch[1])).toEqual([]); // B cleaned its scratch

    // every run exactly once: six finished run directories, each epoch trained once
    const ids = readdirSync(join(out, "runs")).filter((n) => !n.startsWith("."));
    expect(ids).toHaveLength(6);
    for (const id of ids) {
      const c = readRunDir(join(out, "runs", id));
      expect(c.status?.status, id).toBe("finished");
      expect(c.metrics.map((r) => Number(r.epoch)), id).toEqual(c.metrics.map((_, i) => i + 1));
    }

    // a local sweep of the same experiment gives the same numbers (same seeds, same code: exactly equal)
    const local = spawnSync(process.execPath, [bin, "sweep", join(root, "exp.yaml"), "--out", join(root, "local"), "--workers", "2", "--quiet"], { encoding: "utf8" });
    expect(local.status, local.stderr).toBe(0);
    const numbers = async (dir: string) => ({
      runs: await queryResults(join(dir, "results.duckdb"), "select run_id, status, parent, seed, best_epoch, best_val_loss, test_loss, test_mae_deg from runs order by run_id"),
      fisher: await queryResults(join(dir, "results.duckdb"), "select run_id, method, layer, theta, fisher from fisher order by run_id, theta"),
      metrics: await queryResults(join(dir, "results.duckdb"), "select run_id, epoch, train_loss, val_loss from metrics order by run_id, epoch"),
    });
    const [mine, theirs] = [await numbers(out), await numbers(join(root, "local"))];
    expect(mine.runs).toHaveLength(6);
    expect(mine.fisher.length).toBeGreaterThan(0);
    expect(mine).toEqual(theirs);
  }, 600_000); // ~7 s of CPU for the two sweeps, but minutes of wall time on a loaded 2-core machine
});
