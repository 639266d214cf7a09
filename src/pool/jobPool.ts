import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { compiledModuleExists, compiledSibling, progress, systemError, writeFileAtomic } from "../io/index.js";
import { executeJob, moduleSpecifier, type HandlerOutcome, type HandlerRegistry, type JobContext } from "./handlers.js";
import type { PoolJob } from "./poolJob.js";
import { launchOrder, parentReady, skipDependentsOfFailures } from "./schedule.js";
import { createRunDir, isFinished, markFailed, readStatus, JOB_FILE, writeRunConfig } from "../rundir/index.js";

/** An error as the one line a failed job records: system errors name their path and a fix. */
const errorText = (err: unknown): string => { const e = systemError(err); return e instanceof Error ? e.message : String(e); };
import type { WorkerRequest } from "./worker.js";

export interface RunJobsOptions {
  /** each job runs in runsDir/<run_id> */
  runsDir: string;
  handlers: HandlerRegistry;
  /** worker threads; default one per core; 0 runs the jobs one by one in this thread */
  workers?: number;
  /** silence the progress lines */
  quiet?: boolean;
  /** progress label */
  label?: string;
  /** called once per job as its outcome is known */
  onOutcome?: (outcome: JobOutcome) => void;
}

/**
 * finished: ran now and succeeded; done_before: a finished run directory was found (resume);
 * failed: the handler threw (status failed + error in its run directory); skipped: a job it
 * depends on failed or was skipped, so it never started.
 */
export type JobState = "finished" | "done_before" | "failed" | "skipped";

export interface JobOutcome {
  run_id: string;
  state: JobState;
  error?: string;
  seconds?: number;
}

export interface PoolReport {
  total: number;
  finished: number;
  doneBefore: number;
  failed: number;
  skipped: number;
  outcomes: JobOutcome[];
  seconds: number;
}

/** The exit code of a sweep: the number of failed jobs, capped below the shell's reserved codes. */
export function exitCodeFor(report: PoolReport): number {
  return Math.min(report.failed, 100);
}

/** Default pool size: one worker per core (the jobs are CPU-bound). */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** worker.js beside this module, or its compiled copy under dist/ when running from .ts sources (vitest). */
export function workerScript(): string {
  const url = compiledSibling("./worker.js", import.meta.url);
  if (!compiledModuleExists(url)) throw new Error(`runJobs(): worker threads need compiled JS and ${fileURLToPath(url)} is missing; run npm run build:ts (or pass workers: 0)`);
  return fileURLToPath(url);
}

function validateJobs(jobs: readonly PoolJob[], handlers: HandlerRegistry): void {
  const ids = new Map<string, PoolJob>();
  for (const job of jobs) {
    if (!/^[A-Za-z0-9._=+~-]+$/.test(job.run_id) || job.run_id.startsWith(".")) {
      throw new Error(`runJobs(): run_id ${JSON.stringify(job.run_id)} is not a safe directory name; use letters, digits and . _ = + ~ -`);
    }
    if (ids.has(job.run_id)) throw new Error(`runJobs(): run_id ${job.run_id} appears twice; every job needs its own run directory`);
    ids.set(job.run_id, job);
    if (!(job.kind in handlers)) throw new Error(`runJobs(): no handler registered for job kind "${job.kind}" (job ${job.run_id}); registered: ${Object.keys(handlers).join(", ") || "none"}`);
  }
  for (const job of jobs) {
    if (job.parent !== null && !ids.has(job.parent)) throw new Error(`runJobs(): job ${job.run_id} depends on ${job.parent}, which is not in the job list`);
  }
  // a dependency cycle would deadlock: follow parents from every job
  for (const job of jobs) {
    const seen = new Set<string>();
    for (let j: PoolJob | undefined = job; j && j.parent !== null; j = ids.get(j.parent)) {
      if (seen.has(j.run_id)) throw new Error(`runJobs(): jobs depend on each other in a cycle through ${j.run_id}`);
      seen.add(j.run_id);
    }
  }
}

interface Slot {
  run(request: WorkerRequest): Promise<HandlerOutcome>;
  close(): Promise<void>;
}

function inlineSlot(): Slot {
  return { run: (r) => executeJob(r.job.kind, r.module, r.job, r.ctx), close: async () => {} };
}

/** A worker thread that runs one job at a time; a crashed thread fails its job and is replaced. */
function workerSlot(script: string): Slot {
  let worker: Worker | null = null;
  return {
    run(request) {
      const w = worker ?? (worker = new Worker(script));
      return new Promise<HandlerOutcome>((resolveJob) => {
        const done = (outcome: HandlerOutcome) => {
          w.off("message", onMessage); w.off("error", onError); w.off("exit", onExit);
          resolveJob(outcome);
        };
        const onMessage = (outcome: HandlerOutcome) => done(outcome);
        const onError = (err: Error) => { worker = null; void w.terminate(); done({ ok: false, error: `worker thread crashed: ${err.message}` }); };
        const onExit = (code: number) => { worker = null; done({ ok: false, error: `worker thread exited with code ${code} during the job` }); };
        w.on("message", onMessage); w.on("error", onError); w.on("exit", onExit);
        w.postMessage(request);
      });
    },
    async close() { if (worker) await worker.terminate(); worker = null; },
  };
}

/**
 * Run jobs with dependencies on a pool of worker threads. A job starts when its parent finished
 * (now or in an earlier run); a job whose run directory is already finished is skipped (resume);
 * each job runs at most once per call; a failing job is recorded (status failed + error) and its
 * dependents are skipped while the others continue.
 */
export async function runJobs<J extends PoolJob>(jobs: readonly J[], options: RunJobsOptions): Promise<PoolReport> {
  validateJobs(jobs, options.handlers);
  const started = Date.now();
  const workers = options.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 0) throw new Error(`runJobs(): workers must be an integer >= 0, got ${workers}; use 0 to run in this thread`);
  const state = new Map<string, JobState | "running">();
  const outcomes: JobOutcome[] = [];
  const bar = progress(options.label ?? "jobs", jobs.length, { quiet: options.quiet, plainEverySeconds: 0 });
  const record = (outcome: JobOutcome) => {
    state.set(outcome.run_id, outcome.state);
    outcomes.push(outcome);
    try {
      options.onOutcome?.(outcome);
    } catch (err) {
      // a throwing callback must not stall the pool (the outcome is already recorded)
      process.stderr.write(`runJobs(): onOutcome threw for ${outcome.run_id}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    const note = `${outcome.run_id} ${outcome.state}${outcome.error ? `: ${outcome.error.split("\n")[0]}` : ""}`;
    bar.update(outcomes.length, note);
  };
  for (const job of jobs) {
    if (isFinished(join(options.runsDir, job.run_id))) record({ run_id: job.run_id, state: "done_before" });
  }
  const count = Math.max(1, Math.min(workers, jobs.length));
  const script = workers > 0 ? workerScript() : "";
  const slots: Slot[] = Array.from({ length: workers > 0 ? count : 1 }, () => (workers > 0 ? workerSlot(script) : inlineSlot()));
  const idle = [...slots];
  const order = launchOrder(jobs);

  await new Promise<void>((allDone) => {
    const pump = () => {
      skipDependentsOfFailures(jobs, state, record);
      for (const job of order) {
        if (idle.length === 0) break;
        if (state.has(job.run_id) || !parentReady(state, job.parent)) continue;
        state.set(job.run_id, "running");
        const slot = idle.pop()!;
        void runOne(job, slot).then((outcome) => {
          record(outcome);
          idle.push(slot);
          pump();
        });
      }
      if (outcomes.length === jobs.length) allDone();
    };
    pump();
  });
  await Promise.all(slots.map((s) => s.close()));

  async function runOne(job: J, slot: Slot): Promise<JobOutcome> {
    const t0 = Date.now();
    const runDir = join(options.runsDir, job.run_id);
    let handle;
    try {
      handle = createRunDir(runDir, { resume: true });
    } catch (err) {
      // e.g. another live process owns the directory: report, but leave its status alone
      return { run_id: job.run_id, state: "failed", error: errorText(err), seconds: 0 };
    }
    try {
      writeFileAtomic(join(runDir, JOB_FILE), JSON.stringify(job, null, 2) + "\n");
      const config = (job as unknown as { config?: unknown }).config;
      if (config !== undefined) writeRunConfig(runDir, config);
      const ctx: JobContext = {
        runDir, parentDir: job.parent === null ? null : join(options.runsDir, job.parent),
        runsDir: options.runsDir, resume: handle.resumed, attempt: handle.attempt,
      };
      const outcome = await slot.run({ job, ctx, module: moduleSpecifier(options.handlers[job.kind]) });
      const seconds = (Date.now() - t0) / 1000;
      if (!outcome.ok) {
        // the job's thread recorded the failure, unless the thread itself died
        if (readStatus(runDir)?.status !== "failed") markFailed(runDir, outcome.error);
        return { run_id: job.run_id, state: "failed", error: outcome.error, seconds };
      }
      return { run_id: job.run_id, state: "finished", seconds };
    } catch (err) {
      const message = errorText(err);
      try { markFailed(runDir, message); } catch { /* the run directory itself is unusable; the outcome still says why */ }
      return { run_id: job.run_id, state: "failed", error: message, seconds: (Date.now() - t0) / 1000 };
    }
  }

  const tally = (s: JobState) => outcomes.filter((o) => o.state === s).length;
  const report: PoolReport = {
    total: jobs.length, finished: tally("finished"), doneBefore: tally("done_before"), failed: tally("failed"),
    skipped: tally("skipped"), outcomes, seconds: (Date.now() - started) / 1000,
  };
  bar.finish(`${report.finished} finished, ${report.doneBefore} done before, ${report.failed} failed, ${report.skipped} skipped`);
  return report;
}
