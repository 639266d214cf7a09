import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseExperiment, queryResults } from "../experiments/index.js";
import type { JobOutcome } from "../pool/index.js";
import { readStatus } from "../rundir/index.js";
import { describeWithRedis, freePort, startRedis, type TestRedis } from "../../test/helpers/redisServer.js";
import { endpointClient } from "./fileEndpoint.js";
import { coordinatorKey, type CoordinatorRecord } from "./protocol.js";
import { packRun } from "./runBundle.js";
import { runQueuedSweep, type QueuedSweepOptions } from "./coordinator.js";
import { runQueueWorker, WorkerRefused, type QueueWorkerOptions } from "./worker.js";

const bin = fileURLToPath(new URL("../../dist/src/cli/bin.js", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../pool/fixtures/${name}`, import.meta.url));
const synthetic = { train: fixture("syntheticHandler.mjs"), finetune: fixture("syntheticHandler.mjs") };
const TOKEN = "test-token-0123456789";
// 2 pretrain jobs + 4 fine-tunes that each need their parent's run (fetched from the coordinator)
const SPEC = parseExperiment({ name: "q", sweep: { "finetune.loss.name": ["angle_diff", "sq_diff"] }, replicates: 2, finetune: [{ set: {} }] });

const dirs: string[] = [];
const tempDir = (prefix: string) => { const d = mkdtempSync(join(tmpdir(), prefix)); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A worker in this process (its jobs run in worker threads), with its log lines collected. */
function startWorker(redis: TestRedis, extra: Partial<QueueWorkerOptions> = {}) {
  const abort = new AbortController();
  const lines: string[] = [];
  const done = runQueueWorker({
    queue: redis.url, token: TOKEN, handlers: synthetic, scratch: tempDir("fisherlab-scratch-"), signal: abort.signal,
    log: (l) => lines.push(l), retrySeconds: 0.1, ...extra,
  });
  return { lines, done, stop: async () => { abort.abort(); await done.catch(() => {}); } };
}

const waitFor = async (what: string, cond: () => boolean | Promise<boolean>, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describeWithRedis("queue: coordinator and workers on a real redis-server", () => {
  let redis: TestRedis;
  beforeAll(async () => { redis = await startRedis(); });
  afterAll(async () => { await redis?.stop(); });
  const sweepOptions = (out: string, extra: Partial<QueuedSweepOptions> = {}): QueuedSweepOptions => ({
    out, queue: redis.url, token: TOKEN, quiet: true, log: () => {}, stallSeconds: 2, backoffSeconds: 0.1, pollMs: 100, ...extra,
  });

  it("runQueuedSweep() runs every job once through a worker, ingests each run as it lands, and a duplicate delivery lands once", async () => {
    const out = tempDir("fisherlab-qsweep-");
    const worker = startWorker(redis);
    const duplicate: Promise<unknown>[] = [];
    const seenInDb: string[] = [];
    const onOutcome = (o: JobOutcome) => {
      if (o.state !== "finished" || duplicate.length > 0) return;
      // deliver the first finished run a second time, as a worker that lost its lock would
      duplicate.push((async () => {
        const client = new Redis(redis.port, "127.0.0.1");
        const record = JSON.parse((await client.get(coordinatorKey("fisherlab")))!) as CoordinatorRecord;
        client.disconnect();
        const api = endpointClient(record.url, TOKEN, record.version, record.sweep);
        const before = statSync(join(out, "runs", o.run_id, "status.json")).mtimeMs;
        const answer = await api.put(`/v1/runs/${o.run_id}`, packRun(join(out, "runs", o.run_id)));
        return { answer, unchanged: statSync(join(out, "runs", o.run_id, "status.json")).mtimeMs === before };
      })());
      // the database is current while the sweep runs: this run's row turns finished before the sweep ends
      duplicate.push(waitFor("the first run in results.duckdb", async () => {
        const rows = await queryResults(join(out, "results.duckdb"), `select status from runs where run_id = '${o.run_id}'`).catch(() => []);
        if (rows[0]?.status === "finished") seenInDb.push(o.run_id);
        return rows[0]?.status === "finished";
      }));
    };
    const result = await runQueuedSweep(SPEC, sweepOptions(out, { onOutcome }));
    await worker.stop();
    expect(result.report).toMatchObject({ total: 6, finished: 6, failed: 0, skipped: 0 });
    expect(await duplicate[0]).toEqual({ answer: { stored: false }, unchanged: true });
    await duplicate[1];
    expect(seenInDb).toHaveLength(1);
    // each job ran once (the worker logs each completed job)
    const done = worker.lines.filter((l) => / done$/.test(l)).map((l) => l.split(" ")[1]).sort();
    expect(done).toEqual(result.jobs.map((j) => j.run_id).sort());
    for (const job of result.jobs) {
      const dir = join(out, "runs", job.run_id);
      expect(readStatus(dir)?.status, job.run_id).toBe("finished");
      expect(readdirSync(dir).sort(), job.run_id).toEqual(["config.yaml", "done.txt", "job.json", "status.json", "summary.json"]);
    }
    expect(readdirSync(join(out, "runs", ".incoming"))).toEqual([]); // nothing left half-stored
    const rows = await queryResults(result.store.database, "select status, count(*) as n from runs group by status");
    expect(rows).toEqual([{ status: "finished", n: 6 }]);
    expect(existsSync(join(out, "parquet", "runs.parquet"))).toBe(true);

    // rerunning the same command resumes: nothing is queued or run again
    const again = await runQueuedSweep(SPEC, sweepOptions(out));
    expect(again.report).toMatchObject({ finished: 0, doneBefore: 6 });
  });

  it("a failing job is retried with backoff, then recorded as failed with its error; its dependents are skipped and the rest finish", async () => {
    const out = tempDir("fisherlab-qfail-");
    const spec = parseExperiment({ name: "qf", replicates: 1, finetune: [{ name: "ft", set: {} }, { name: "ft2", set: {} }] });
    const worker = startWorker(redis, { handlers: { train: synthetic.train, finetune: fixture("failingHandler.mjs") } });
    const result = await runQueuedSweep(spec, sweepOptions(out, { attempts: 2 }));
    await worker.stop();
    expect(result.report).toMatchObject({ total: 3, finished: 1, failed: 1, skipped: 1 });
    const failed = result.report.outcomes.find((o) => o.state === "failed")!;
    expect(failed.error).toBe("failed on the workers after 2 attempts: ft cannot run here");
    expect(worker.lines.filter((l) => l.includes(`job ${failed.run_id} failed`))).toHaveLength(2);
    expect(readStatus(join(out, "runs", failed.run_id))).toMatchObject({ status: "failed", error: failed.error });
    const rows = await queryResults(result.store.database, "select stage, status from runs order by stage");
    expect(rows).toEqual([{ stage: "ft", status: "failed" }, { stage: "ft2", status: "skipped" }, { stage: "pretrain", status: "finished" }]);
  });

  it("a worker with the wrong token or another fisherlab version is refused and takes no job", async () => {
    const out = tempDir("fisherlab-qrefuse-");
    const outcomes: JobOutcome[] = [];
    const sweep = runQueuedSweep(parseExperiment({ name: "qr", replicates: 1 }), sweepOptions(out, { onOutcome: (o) => outcomes.push(o) }));
    const wrongToken = startWorker(redis, { token: "another-token-0123456789" });
    await expect(wrongToken.done).rejects.toThrow(/refused: the coordinator of queue "fisherlab" on redis:\/\/127\.0\.0\.1:\d+ \(pid \d+ on .*\) holds another token; set the same FISHERLAB_TOKEN/);
    const oldVersion = startWorker(redis, { version: "0.0.1" });
    await expect(oldVersion.done).rejects.toThrow(WorkerRefused);
    await expect(oldVersion.done).rejects.toThrow(/refused: this worker runs fisherlab 0\.0\.1 but the coordinator \(pid \d+ on .*\) runs fisherlab \d+\.\d+\.\d+; install fisherlab/);
    const queue = new Queue("fisherlab", { connection: { host: "127.0.0.1", port: redis.port } });
    expect(await queue.getJobState("base__r0__pretrain")).toBe("waiting");
    expect((await queue.getJob("base__r0__pretrain"))?.attemptsMade).toBe(0);
    await queue.close();
    expect(outcomes).toEqual([]);
    const good = startWorker(redis);
    expect((await sweep).report.finished).toBe(1);
    await good.stop();
  });

  it("a job put in the queue without the token, under a real run's id, is refused by workers and does not fail that run", async () => {
    // someone with access to Redis but not the token: workers refuse the job (UnrecoverableError), and the
    // coordinator must not take that as the run failing; the injected job also kept the real one out of
    // the queue (BullMQ ignores a second add with the same id), so the coordinator queues it again
    const own = await startRedis();
    const out = tempDir("fisherlab-qinject-");
    const queue = new Queue("fisherlab", { connection: { host: "127.0.0.1", port: own.port } });
    await queue.add("train", { payload: JSON.stringify({ job: { run_id: "base__r0__pretrain" } }), signature: "forged" }, { jobId: "base__r0__pretrain" });
    const logs: string[] = [];
    const worker = startWorker(own);
    const result = await runQueuedSweep(parseExperiment({ name: "qi", replicates: 1 }), sweepOptions(out, { queue: own.url, log: (l) => logs.push(l) }));
    expect(result.report.failed).toBe(0);
    expect(result.report.finished).toBe(1);
    expect(logs.some((l) => l.startsWith("removed job base__r0__pretrain from the queue: it was not signed with this sweep's token"))).toBe(true);
    await queue.close();
    await worker.stop();
    await own.stop();
  });

  it("Redis unreachable: the coordinator fails at once naming the URL; a worker retries, says so, and serves once Redis is up", async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const downOut = join(tempDir("fisherlab-qdown-"), "out");
    await expect(runQueuedSweep(SPEC, sweepOptions(downOut, { queue: url })))
      .rejects.toThrow(`cannot reach Redis at ${url} (ECONNREFUSED); start redis-server there, or fix --queue`);
    expect(existsSync(downOut)).toBe(false); // nothing written: the corrected command starts clean
    const late = await startRedis(port, false);
    const worker = startWorker({ ...late, url });
    await waitFor("a retry notice", () => worker.lines.some((l) => l.startsWith(`cannot reach Redis at ${url} (ECONNREFUSED); retrying in`)));
    await late.start();
    await waitFor("the worker to reach Redis", () => worker.lines.includes(`waiting for a coordinator on queue "fisherlab" at ${url}`));
    await worker.stop();
    await late.stop();
  });

  it("Redis restarted (empty) mid-sweep: coordinator and worker reconnect, lost jobs are queued again, the sweep finishes", async () => {
    const own = await startRedis();
    const out = tempDir("fisherlab-qrestart-");
    const worker = startWorker(own);
    let restarted: Promise<void> | null = null;
    const onOutcome = (o: JobOutcome) => {
      if (restarted || o.state !== "finished") return;
      restarted = own.stop().then(() => own.start());
    };
    const result = await runQueuedSweep(SPEC, { ...sweepOptions(out), queue: own.url, onOutcome });
    await restarted;
    await worker.stop();
    await own.stop();
    expect(result.report).toMatchObject({ total: 6, finished: 6, failed: 0 });
  });

  it("a coordinator killed mid-sweep and run again resumes: stored runs are kept, queued jobs are not queued twice, each job lands once", async () => {
    expect(existsSync(bin), "run `npm run build:ts` first").toBe(true);
    const root = tempDir("fisherlab-qcrash-");
    const out = join(root, "out");
    writeFileSync(join(root, "exp.yaml"), "name: q\nreplicates: 2\nsweep: { finetune.loss.name: [angle_diff, sq_diff] }\nfinetune: [{ set: {} }]\n");
    process.env.FISHERLAB_SYNTH_SLEEP_MS = "300"; // copied into the worker's job thread when it starts
    const worker = startWorker(redis);
    try {
      // the coordinator as its own process (the CLI), so it can really be killed
      const coordinator = spawn(process.execPath, [bin, "sweep", join(root, "exp.yaml"), "--out", out, "--queue", redis.url, "--stall-seconds", "2", "--backoff", "0.2", "--quiet"],
        { env: { ...process.env, FISHERLAB_TOKEN: TOKEN }, stdio: "ignore" });
      const stored = () => (existsSync(join(out, "runs")) ? readdirSync(join(out, "runs")).filter((id) => readStatus(join(out, "runs", id))?.status === "finished") : []);
      await waitFor("two stored runs", () => stored().length >= 2);
      coordinator.kill("SIGKILL");
      await new Promise((r) => coordinator.once("exit", r));
      const before = stored();
      expect(before.length).toBeLessThan(6);
      const queue = new Queue("fisherlab", { connection: { host: "127.0.0.1", port: redis.port } });
      const queuedBefore = await queue.getJobCountByTypes("waiting", "active", "delayed", "prioritized");
      expect(queuedBefore).toBeGreaterThan(0); // the dead coordinator's jobs are still queued
      const result = await runQueuedSweep(SPEC, sweepOptions(out));
      await queue.close();
      await worker.stop();
      expect(result.report).toMatchObject({ total: 6, doneBefore: before.length, finished: 6 - before.length, failed: 0 });
      for (const id of before) expect(result.report.outcomes.find((o) => o.run_id === id)?.state).toBe("done_before");
      // no job completed twice on the worker (it was not queued twice), and every job that had not
      // landed before the kill completed. A job stored just as the coordinator died may never log
      // "done": its upload's reply was lost, so its attempts fail and the new coordinator, finding
      // the run stored, drops it — it still landed exactly once (done_before above).
      const done = worker.lines.filter((l) => / done$/.test(l)).map((l) => l.split(" ")[1]);
      expect(new Set(done).size, done.join(", ")).toBe(done.length);
      for (const j of result.jobs) if (!before.includes(j.run_id)) expect(done).toContain(j.run_id);
    } finally {
      delete process.env.FISHERLAB_SYNTH_SLEEP_MS;
      await worker.stop();
    }
  });
});
