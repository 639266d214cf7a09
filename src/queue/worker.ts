import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DelayedError, UnrecoverableError, Worker, type Job as BullJob } from "bullmq";
import type { HandlerRegistry, PoolJob } from "../pool/index.js";
import { JobSlot } from "./jobSlot.js";
import { fisherlabVersion } from "../io/index.js";
import { verify } from "./auth.js";
import { endpointClient } from "./fileEndpoint.js";
import { coordinatorKey, DEFAULT_QUEUE_NAME, openJob, recordProofParts, type CoordinatorRecord, type JobMessage } from "./protocol.js";
import { connectRedis, parseRedisUrl, probeRedis, reasonOf } from "./redisTarget.js";
import { packRun, unpackRun } from "./runBundle.js";

export interface QueueWorkerOptions {
  /** redis://HOST:PORT of the queue */
  queue: string;
  token: string;
  queueName?: string;
  /** jobs run side by side, each in its own worker thread (default 1) */
  workers?: number;
  /** where jobs run (default a fresh folder under the system temp dir); each job's folder is removed after it */
  scratch?: string;
  /** job kind → handler module, as for the local pool */
  handlers: HandlerRegistry;
  /** fisherlab version this worker runs (default: this package's) */
  version?: string;
  /** notes for the operator (default: stderr) */
  log?: (line: string) => void;
  /** stop taking jobs, finish the running ones and return */
  signal?: AbortSignal;
  /** seconds between the first retries of an unreachable Redis (doubling, at most 30; default 1) */
  retrySeconds?: number;
}

/** A worker that must not go on: wrong token or another fisherlab version than the coordinator's. */
export class WorkerRefused extends Error {}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((done) => {
  const t = setTimeout(done, ms);
  signal?.addEventListener("abort", () => { clearTimeout(t); done(); }, { once: true });
});

/**
 * `fisherlab worker --queue redis://…`: take jobs from a coordinator's queue until stopped. It
 * waits (and says so) for Redis and for a coordinator, checks the coordinator's record against
 * its token and version, then for each job: fetches the parent's run from the file endpoint,
 * runs the job in scratch exactly as the local pool would, sends the run directory back, and
 * deletes its scratch copy. A failing job is thrown back to BullMQ, which retries it with backoff.
 */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<void> {
  const target = parseRedisUrl(options.queue);
  const log = options.log ?? ((line: string) => process.stderr.write(`fisherlab worker: ${line}\n`));
  const version = options.version ?? fisherlabVersion();
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  const concurrency = options.workers ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`runQueueWorker(): workers must be an integer >= 1, got ${concurrency}`);
  const scratch = resolve(options.scratch ?? mkdtempSync(join(tmpdir(), "fisherlab-worker-")));
  mkdirSync(scratch, { recursive: true });
  const signal = options.signal;

  for (let delay = (options.retrySeconds ?? 1) * 1000; !signal?.aborted; delay = Math.min(delay * 2, 30_000)) {
    try {
      await probeRedis(target);
      break;
    } catch (err) {
      log(`cannot reach Redis at ${target.display} (${reasonOf(err)}); retrying in ${Math.round(delay / 1000)} s`);
      await sleep(delay, signal);
    }
  }
  if (signal?.aborted) return;
  const client = connectRedis(target);
  let outage = false;
  client.on("error", (err) => {
    if (!outage) log(`lost Redis at ${target.display} (${reasonOf(err)}); reconnecting`);
    outage = true;
  });
  client.on("ready", () => { if (outage) log(`reconnected to Redis at ${target.display}`); outage = false; });

  /** The live coordinator's record, checked against this worker's token and version (throws WorkerRefused). */
  const coordinator = async (): Promise<CoordinatorRecord | null> => {
    const text = await client.get(coordinatorKey(name));
    if (text === null) return null;
    const r = JSON.parse(text) as CoordinatorRecord;
    if (!verify(options.token, r.proof, ...recordProofParts(r))) {
      throw new WorkerRefused(`refused: the coordinator of queue "${name}" on ${target.display} (pid ${r.pid} on ${r.host}) holds another token; set the same FISHERLAB_TOKEN (or --token) on every machine`);
    }
    if (r.version !== version) {
      throw new WorkerRefused(`refused: this worker runs fisherlab ${version} but the coordinator (pid ${r.pid} on ${r.host}) runs fisherlab ${r.version}; install fisherlab ${r.version} here`);
    }
    return r;
  };

  let worker: Worker | null = null;
  try {
    let first: CoordinatorRecord | null = null;
    for (let said = false; !signal?.aborted; said = true) {
      first = await coordinator();
      if (first) break;
      if (!said) log(`waiting for a coordinator on queue "${name}" at ${target.display}`);
      await sleep(1000, signal);
    }
    if (!first) return;
    log(`serving queue "${name}" at ${target.display} for the coordinator at ${first.url} (${concurrency} job${concurrency === 1 ? "" : "s"} at a time, scratch ${scratch})`);

    let refusal: WorkerRefused | null = null;
    let stop: () => void = () => {};
    const stopped = new Promise<void>((done) => { stop = done; });
    signal?.addEventListener("abort", () => stop(), { once: true });

    // BullMQ runs at most `concurrency` processors at once, so at most that many slots exist
    const idle: JobSlot[] = [];
    let waiting = false;
    const processor = async (bull: BullJob<JobMessage>, lockToken?: string) => {
      const queued = openJob(options.token, bull.data);
      if (!queued) throw new UnrecoverableError(`job ${bull.id} is not signed with this worker's token; it was not enqueued by a coordinator holding it`);
      let r: CoordinatorRecord | null;
      try {
        r = await coordinator();
        if (queued.version !== version) throw new WorkerRefused(`refused: job ${bull.id} was enqueued by fisherlab ${queued.version} but this worker runs fisherlab ${version}; install fisherlab ${queued.version} here`);
      } catch (err) {
        if (!(err instanceof WorkerRefused)) throw err;
        // hand the job back untouched (no attempt used up) and stop taking jobs
        refusal = err;
        stop();
        await bull.moveToDelayed(Date.now() + 1000, lockToken);
        throw new DelayedError();
      }
      if (!r) {
        // the coordinator is restarting (or gone): hand the job back without using up an attempt
        if (!waiting) log(`no coordinator is running for queue "${name}"; jobs wait for one`);
        waiting = true;
        await bull.moveToDelayed(Date.now() + 2000, lockToken);
        throw new DelayedError();
      }
      waiting = false;
      if (queued.sweep !== r.sweep) throw new UnrecoverableError(`job ${bull.id} belongs to sweep ${queued.sweep}, but the coordinator runs sweep ${r.sweep}`);
      const job = queued.job;
      const api = endpointClient(r.url, options.token, version, r.sweep);
      const work = mkdtempSync(join(scratch, `${job.run_id}.`));
      try {
        const runsDir = join(work, "runs");
        const poolJobs: PoolJob[] = [];
        if (job.parent !== null) {
          unpackRun(await api.get(`/v1/runs/${job.parent}`), join(runsDir, job.parent));
          poolJobs.push({ run_id: job.parent, kind: job.kind, parent: null }); // finished: the pool takes it as done before
        }
        poolJobs.push(job);
        const slot = idle.pop() ?? new JobSlot(options.handlers);
        let report;
        try {
          report = await slot.run(poolJobs, runsDir);
        } finally {
          idle.push(slot);
        }
        const outcome = report.outcomes.find((o) => o.run_id === job.run_id)!;
        if (outcome.state !== "finished") throw new Error(outcome.error ?? `job ${job.run_id} ${outcome.state}`);
        return await api.put(`/v1/runs/${job.run_id}`, packRun(join(runsDir, job.run_id)));
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    };

    const stallMs = first.stall_seconds * 1000;
    worker = new Worker(name, processor, {
      connection: { ...target.options, retryStrategy: (times: number) => Math.min(times * 200, 2000) },
      concurrency, lockDuration: stallMs, stalledInterval: stallMs, maxStalledCount: 2,
    });
    worker.on("error", () => {}); // outages are reported once, by `client` above
    worker.on("failed", (job, err) => {
      if (job && !(err instanceof DelayedError)) log(`job ${job.id} failed (attempt ${job.attemptsMade}): ${err.message.split("\n")[0]}`);
    });
    worker.on("completed", (job) => log(`job ${job.id} done`));
    await stopped;
    await worker.close();
    worker = null;
    await Promise.all(idle.map((s) => s.close()));
    if (refusal) throw refusal;
  } finally {
    if (worker) await worker.close(true).catch(() => {});
    await client.quit().catch(() => client.disconnect());
  }
}
