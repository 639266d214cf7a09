/**
 * `node dist/bench/queue.js [--jobs N] [--workers W]`: what the queue costs per job. Runs N no-op jobs (the
 * synthetic test handler: a few small files per run) once on the local pool (W worker threads)
 * and once through a throwaway redis-server with one queue worker process (W jobs at a time), and reports
 *   - per-job queue overhead: (queue wall − local wall) / N, in ms
 *   - Redis commands per job (INFO stats, total_commands_processed, the bench's own calls removed)
 *   - the coordinator's ingest time per run (ingestRuns on the finished database, repeated)
 * A benchmark, not a test: nothing here asserts a speed. Numbers in docs/distributed.md.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { ingestRuns, parseExperiment, runSweep } from "../src/experiments/index.js";
import { runQueuedSweep } from "../src/queue/index.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg("jobs", 40);
const W = arg("workers", 1);
// dist/bench/queue.js → src/pool/fixtures (the .mjs handlers are not compiled)
const handler = fileURLToPath(new URL("../../src/pool/fixtures/syntheticHandler.mjs", import.meta.url));
const handlers = { train: handler, finetune: handler };
const spec = parseExperiment({ name: "bench", replicates: N });
const token = "bench-token-0123456789";

const port = await new Promise<number>((done) => {
  const s = createServer().listen(0, "127.0.0.1", () => { const p = (s.address() as { port: number }).port; s.close(() => done(p)); });
});
const redisServer = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
const client = new Redis({ port, host: "127.0.0.1", retryStrategy: (t) => (t > 100 ? null : 20) });
client.on("error", () => {}); // refused until redis-server is up; retried
await client.ping();
const commands = async () => Number(/total_commands_processed:(\d+)/.exec(await client.info("stats"))![1]);
/** calls per Redis command (INFO commandstats) */
const commandStats = async () => new Map([...(await client.info("commandstats")).matchAll(/cmdstat_(\w+):calls=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
const root = mkdtempSync(join(tmpdir(), "fisherlab-bench-queue-"));
try {
  let t0 = Date.now();
  await runSweep(spec, { out: join(root, "local"), handlers, workers: W, quiet: true });
  const local = (Date.now() - t0) / 1000;

  // the worker is its own process, as on another machine
  const workerScript = `
    import { runQueueWorker } from ${JSON.stringify(new URL("../src/queue/index.js", import.meta.url).href)};
    const abort = new AbortController();
    process.on("SIGTERM", () => abort.abort());
    await runQueueWorker({ queue: "redis://127.0.0.1:${port}", token: "${token}", handlers: ${JSON.stringify(handlers)}, workers: ${W},
      scratch: ${JSON.stringify(join(root, "scratch"))}, signal: abort.signal, log: () => {} });`;
  writeFileSync(join(root, "worker.mjs"), workerScript);
  const worker = spawn(process.execPath, [join(root, "worker.mjs")], { stdio: "inherit" });
  const statsBefore = await commandStats();
  const before = await commands();
  t0 = Date.now();
  const result = await runQueuedSweep(spec, { out: join(root, "queue"), queue: `redis://127.0.0.1:${port}`, token, quiet: true, log: () => {} });
  const queued = (Date.now() - t0) / 1000;
  if (result.report.finished !== N) throw new Error(`bench/queue: only ${result.report.finished} of ${N} jobs finished`);
  const ops = (await commands()) - before - 1; // the second INFO itself
  const statsAfter = await commandStats();
  const perCommand = Object.fromEntries([...statsAfter].map(([k, v]) => [k, v - (statsBefore.get(k) ?? 0)]).filter(([, v]) => (v as number) > 0));
  const exited = new Promise((done) => worker.once("exit", done));
  worker.kill("SIGTERM");
  await exited;

  const ids = spec.replicates > 0 ? ["base__r0__pretrain"] : [];
  const reps = 20;
  t0 = Date.now();
  for (let i = 0; i < reps; i++) await ingestRuns(join(root, "queue"), ids);
  const ingestMs = (Date.now() - t0) / reps;
  t0 = Date.now();
  await ingestRuns(join(root, "queue"), result.jobs.map((j) => j.run_id));
  const batchMs = Date.now() - t0;
  console.log(JSON.stringify({
    jobs: N, local_seconds: local, queue_seconds: queued,
    overhead_ms_per_job: Math.round(((queued - local) / N) * 1000),
    redis_commands_per_job: Math.round(ops / N), redis_commands: perCommand, queue_wall_per_job_ms: Math.round((queued / N) * 1000),
    ingest_ms_one_run: Math.round(ingestMs), ingest_ms_all_runs_in_one_batch: batchMs,
    note: "redis commands include the coordinator's 2 Hz checks and the worker's lock renewals over the whole run",
  }, null, 1));
} finally {
  client.disconnect();
  redisServer.kill("SIGTERM");
  rmSync(root, { recursive: true, force: true });
}
