import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { Queue } from "bullmq";
import { fisherlabVersion, progress, writeFileAtomic } from "../io/index.js";
import {
  buildResultsStore, exportParquet, ingestRuns, prepareSweep, queryResults, type ExperimentSpec, type Job, type SweepResult,
} from "../experiments/index.js";
import { launchOrder, lineageOf, parentReady, skipDependentsOfFailures, type JobOutcome, type JobState, type PoolReport } from "../pool/index.js";
import { createRunDir, DATABASE_FILE, isFinished, JOB_FILE, markFailed, RUNS_DIR, writeRunConfig } from "../rundir/index.js";
import { sha256, sign } from "./auth.js";
import { HttpError, startFileEndpoint, unreachableEndpointOf } from "./fileEndpoint.js";
import { coordinatorKey, DEFAULT_QUEUE_NAME, openJob, RECORD_TTL_SECONDS, recordProofParts, signJob, sweepKey, type CoordinatorRecord, type JobMessage } from "./protocol.js";
import { connectRedis, parseRedisUrl, probeRedis, reasonOf } from "./redisTarget.js";
import { packRun } from "./runBundle.js";
import { storeRun } from "./storeRun.js";

export interface QueuedSweepOptions {
  /** output directory, laid out as a local sweep's */
  out: string;
  /** redis://HOST:PORT of the queue */
  queue: string;
  /** the shared secret (see auth.ts) */
  token: string;
  /** BullMQ queue name (default "fisherlab"): one sweep per queue name at a time */
  queueName?: string;
  /** address the file endpoint listens on (default 127.0.0.1) */
  bind?: string;
  /** its port (default 0: any free port) */
  port?: number;
  /** host (or host:port) workers use to reach the endpoint; default the bind address, or this host's name when binding all interfaces */
  advertise?: string;
  /** tries per job before it is recorded as failed (default 3) */
  attempts?: number;
  /** first retry delay in seconds, doubling each retry (default 5) */
  backoffSeconds?: number;
  /** a lost worker's job is handed on after about this many seconds (default 30) */
  stallSeconds?: number;
  quiet?: boolean;
  onOutcome?: (outcome: JobOutcome) => void;
  /** notes for the operator (default: stderr) */
  log?: (line: string) => void;
  /** fisherlab version announced to workers (default: this package's) */
  version?: string;
  /** how often the queue is checked for failed and lost jobs, ms (default 500) */
  pollMs?: number;
}

export const QUEUE_DEFAULTS = {
  attempts: 3, // a transient fault (a machine lost mid-upload) is retried; a deterministic error fails three times, quickly
  backoffSeconds: 5, // 5 s, 10 s: long enough for a restarted Redis or coordinator to come back
  stallSeconds: 30, // BullMQ's default lock duration
} as const;

/**
 * `fisherlab sweep EXP --out DIR --queue redis://…`: the coordinator of a sweep across machines.
 * It expands the experiment as a local sweep does, enqueues each job whose parent has finished
 * (BullMQ, jobId = run_id, so a rerun never queues a job twice), serves parents' runs and receives
 * finished runs on its file endpoint, stores each under DIR/runs/<run_id> and ingests it into
 * results.duckdb at once. It returns when every job has finished, failed for good or been skipped.
 * Rerunning after a crash resumes: runs stored before are kept and jobs still queued are reused.
 */
export async function runQueuedSweep(experiment: string | ExperimentSpec, options: QueuedSweepOptions): Promise<SweepResult> {
  const target = parseRedisUrl(options.queue);
  try {
    await probeRedis(target);
  } catch (err) {
    throw new Error(`cannot reach Redis at ${target.display} (${reasonOf(err)}); start redis-server there, or fix --queue`);
  }
  const log = options.log ?? ((line: string) => process.stderr.write(`fisherlab sweep: ${line}\n`));
  const version = options.version ?? fisherlabVersion();
  const name = options.queueName ?? DEFAULT_QUEUE_NAME;
  const attempts = options.attempts ?? QUEUE_DEFAULTS.attempts;
  const backoffMs = (options.backoffSeconds ?? QUEUE_DEFAULTS.backoffSeconds) * 1000;
  const stallSeconds = options.stallSeconds ?? QUEUE_DEFAULTS.stallSeconds;
  const out = resolve(options.out);
  const runsDir = join(out, RUNS_DIR);
  const host = hostname();
  const sweep = sha256(`${host}\n${out}`).slice(0, 16);

  const { spec, jobs, release } = prepareSweep(experiment, out);
  const cleanup: (() => Promise<unknown> | unknown)[] = [release];
  try {
    const started = Date.now();
    const byId = new Map(jobs.map((j) => [j.run_id, j]));
    const lineage = (job: Job): string[] => lineageOf(job, byId);
    const order = launchOrder(jobs);

    const state = new Map<string, JobState>();
    const outcomes: JobOutcome[] = [];
    const enqueuedAt = new Map<string, number>();
    const bar = progress(`sweep ${spec.name} (queue ${name})`, jobs.length, { quiet: options.quiet, plainEverySeconds: 0 });
    let allDone: () => void = () => {};
    const finished = new Promise<void>((done) => { allDone = done; });
    const record = (outcome: JobOutcome) => {
      state.set(outcome.run_id, outcome.state);
      outcomes.push(outcome);
      try { options.onOutcome?.(outcome); } catch (err) { log(`onOutcome threw for ${outcome.run_id}: ${err instanceof Error ? err.message : String(err)}`); }
      bar.update(outcomes.length, `${outcome.run_id} ${outcome.state}${outcome.error ? `: ${outcome.error.split("\n")[0]}` : ""}`);
      if (outcomes.length === jobs.length) allDone();
    };
    for (const job of jobs) if (isFinished(join(runsDir, job.run_id))) record({ run_id: job.run_id, state: "done_before" });

    // the database holds every job from the start (pending rows) and each run as it lands
    await buildResultsStore(out);
    // runs that land while an ingest is running are ingested together in the next one, so the
    // database keeps up however fast runs arrive (one DuckDB open + transaction per batch)
    const toIngest = new Set<string>();
    let ingesting: Promise<void> | null = null;
    let ingestFailed = false;
    const drainIngest = async () => {
      while (toIngest.size > 0) {
        const batch = [...toIngest];
        toIngest.clear();
        try {
          await ingestRuns(out, batch);
        } catch (err) {
          ingestFailed = true;
          log(`${err instanceof Error ? err.message : String(err)}; the database is rebuilt from the run directories at the end`);
        }
      }
      ingesting = null;
    };
    const ingest = (ids: string[]) => {
      for (const id of ids) toIngest.add(id);
      ingesting ??= drainIngest();
    };

    const endpoint = await startFileEndpoint({
      token: options.token, version, sweep, bind: options.bind, port: options.port,
      handlers: {
        get(runId) {
          const s = state.get(runId);
          return s === "finished" || s === "done_before" ? packRun(join(runsDir, runId)) : null;
        },
        async put(runId, bundle) {
          const job = byId.get(runId);
          if (!job) throw new HttpError(404, `run ${runId} is not a job of this sweep`);
          const s = state.get(runId);
          if (s === "finished" || s === "done_before") return { stored: false };
          if (s !== undefined) throw new HttpError(409, `run ${runId} was already recorded as ${s}`);
          const stored = storeRun(runsDir, job, bundle);
          if (!state.has(runId)) {
            record({ run_id: runId, state: "finished", seconds: (Date.now() - (enqueuedAt.get(runId) ?? started)) / 1000 });
            ingest([runId]);
            pump();
          }
          return { stored };
        },
      },
    });
    cleanup.push(() => endpoint.close());
    const url = `http://${advertised(options.advertise, options.bind ?? "127.0.0.1", endpoint.port, host)}`;

    const client = connectRedis(target);
    cleanup.push(() => client.quit().catch(() => client.disconnect()));
    let outage = false, resync = false;
    client.on("error", (err) => {
      if (!outage) log(`lost Redis at ${target.display} (${reasonOf(err)}); reconnecting and carrying on — finished runs still land on the file endpoint`);
      outage = true;
    });
    client.on("ready", () => {
      if (outage) log(`reconnected to Redis at ${target.display}; re-checking the queue`);
      outage = false;
      resync = true;
    });
    const queue = new Queue(name, { connection: { ...target.options, retryStrategy: (times: number) => Math.min(times * 200, 2000) } });
    queue.on("error", () => {}); // outages are reported once, by `client` above
    cleanup.push(() => queue.close());

    const recordKey = coordinatorKey(name);
    const previous = await client.get(recordKey);
    if (previous) {
      const r = JSON.parse(previous) as CoordinatorRecord;
      const mine = r.host === host && (r.pid === process.pid || !alive(r.pid));
      if (!mine) {
        throw new Error(`another coordinator (pid ${r.pid} on ${r.host}, --out ${r.out}) is using queue "${name}" on ${target.display}; stop it (its claim expires ${RECORD_TTL_SECONDS} s after it dies) or pass --queue-name`);
      }
    }
    const publish = async () => {
      const proof = sign(options.token, ...recordProofParts({ url, version, sweep }));
      const rec: CoordinatorRecord = { url, version, sweep, host, pid: process.pid, out, stall_seconds: stallSeconds, proof };
      await client.set(recordKey, JSON.stringify(rec), "EX", RECORD_TTL_SECONDS);
    };
    const earlier = await client.get(sweepKey(name));
    if (earlier !== null && earlier !== sweep) {
      await queue.obliterate({ force: true });
      log(`cleared the jobs of an earlier sweep (${earlier}) from queue "${name}"`);
    }
    await client.set(sweepKey(name), sweep);
    await publish();
    cleanup.push(() => client.del(recordKey));
    // jobs that failed for good before a restart are tried again, as a local rerun does
    for (const j of await queue.getFailed(0, -1)) await j.remove();
    log(`file endpoint ${url} (listening on ${endpoint.address}); queue "${name}" on ${target.display}; ${jobs.length} jobs, ${outcomes.length} finished before`);

    const enqueued = new Set<string>();
    function pump(): void {
      const skipped = skipDependentsOfFailures(jobs, state, record);
      if (skipped.length > 0) ingest(skipped);
      for (const job of order) {
        if (state.has(job.run_id) || enqueued.has(job.run_id) || !parentReady(state, job.parent)) continue;
        enqueued.add(job.run_id);
        const message = signJob(options.token, { sweep, version, lineage: lineage(job), job });
        queue.add(job.kind, message, {
          jobId: job.run_id, attempts, backoff: { type: "exponential", delay: backoffMs }, removeOnComplete: true, removeOnFail: false,
        }).then(() => { enqueuedAt.set(job.run_id, Date.now()); }, (err: unknown) => {
          enqueued.delete(job.run_id); // enqueued again at the next check
          log(`could not enqueue ${job.run_id} (${reasonOf(err)}); retrying`);
        });
      }
    }

    const failForGood = (id: string, reason: string, attemptsMade: number) => {
      const job = byId.get(id)!;
      const error = `failed on the workers after ${attemptsMade} attempt${attemptsMade === 1 ? "" : "s"}: ${reason}`;
      const dir = join(runsDir, id);
      try {
        createRunDir(dir, { resume: true });
        writeFileAtomic(join(dir, JOB_FILE), JSON.stringify(job, null, 2) + "\n");
        writeRunConfig(dir, job.config);
        markFailed(dir, error);
      } catch (err) {
        log(`could not record the failure of ${id} in ${dir}: ${err instanceof Error ? err.message : String(err)}`);
      }
      record({ run_id: id, state: "failed", error, seconds: (Date.now() - (enqueuedAt.get(id) ?? started)) / 1000 });
      ingest([id]);
    };

    /** The job message `data` was signed with this sweep's token for the run `id` (protocol.ts). */
    const signedFor = (id: string, data: unknown): boolean => openJob(options.token, data as JobMessage)?.job.run_id === id;

    let ticks = 0, busy = false;
    const check = async () => {
      if (busy || outcomes.length === jobs.length) return;
      busy = true;
      try {
        await publish();
        for (const j of await queue.getFailed(0, -1)) {
          if (j.id && byId.has(j.id) && !state.has(j.id) && !signedFor(j.id, j.data)) {
            // someone with access to Redis but not the token put a job under this run's id (workers refuse
            // it, and it kept ours out of the queue): not the run's failure; drop it and queue the real one
            log(`removed job ${j.id} from the queue: it was not signed with this sweep's token (added by someone with access to Redis but not the token); queuing the real one`);
            enqueued.delete(j.id);
          } else if (j.id && byId.has(j.id) && !state.has(j.id)) {
            const gone = unreachableEndpointOf(j.failedReason);
            // a job that failed only because an earlier coordinator of this sweep died under it is not
            // the job's failure: queue it again (pump() below), as a restart does with failed jobs
            if (gone !== null && gone !== url) enqueued.delete(j.id);
            else failForGood(j.id, j.failedReason ?? "no reason given", j.attemptsMade);
          }
          await j.remove();
        }
        // a Redis restarted without persistence has lost the queue: enqueue what is missing again
        if (resync || ++ticks % 20 === 0) {
          resync = false;
          for (const id of [...enqueued]) {
            if (!state.has(id) && (await queue.getJobState(id)) === "unknown") enqueued.delete(id);
          }
        }
        pump();
      } catch (err) {
        if (!outage) log(`checking the queue failed (${reasonOf(err)}); retrying`);
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void check(), options.pollMs ?? 500);
    cleanup.push(() => clearInterval(timer));
    pump();
    if (outcomes.length === jobs.length) allDone();
    await finished;
    clearInterval(timer);
    while (busy) await new Promise((r) => setTimeout(r, 20));
    while (ingesting) await ingesting;
    if (ingestFailed) await buildResultsStore(out);
    const parquet = await exportParquet(out);
    const database = join(out, DATABASE_FILE);
    const counts = (await queryResults(database,
      "select (select count(*) from runs) as runs, (select count(*) from metrics) as metrics, (select count(*) from fisher) as fisher, (select count(*) from adapt) as adapt"))[0];
    const tally = (s: JobState) => outcomes.filter((o) => o.state === s).length;
    const report: PoolReport = {
      total: jobs.length, finished: tally("finished"), doneBefore: tally("done_before"), failed: tally("failed"),
      skipped: tally("skipped"), outcomes, seconds: (Date.now() - started) / 1000,
    };
    bar.finish(`${report.finished} finished, ${report.doneBefore} done before, ${report.failed} failed, ${report.skipped} skipped`);
    const n = (k: string) => Number(counts[k]);
    return { jobs, report, store: { database, parquet, rows: { runs: n("runs"), metrics: n("metrics"), fisher: n("fisher"), adapt: n("adapt") } } };
  } finally {
    for (const step of cleanup.reverse()) {
      try { await step(); } catch { /* closing what is already closed or unreachable */ }
    }
  }
}

/** host:port the workers reach the endpoint at. */
function advertised(advertise: string | undefined, bind: string, port: number, host: string): string {
  if (advertise) return /:\d+$/.test(advertise) ? advertise : `${advertise}:${port}`;
  const wildcard = bind === "0.0.0.0" || bind === "::";
  const h = wildcard ? host : bind;
  return `${h.includes(":") ? `[${h}]` : h}:${port}`;
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === "EPERM"; }
}
