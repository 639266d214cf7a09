import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { systemError } from "../io/index.js";
import { markFailed, markFinished, SUMMARY_FILE, writeSummary } from "../rundir/index.js";
import { pathToFileURL } from "node:url";
import type { PoolJob } from "./poolJob.js";

/** What a handler learns about where and how its job runs. */
export interface JobContext {
  /** the job's run directory (created, status "running"; job.json and config.yaml already written) */
  runDir: string;
  /** the parent job's finished run directory (fine-tuning starts from its checkpoint), or null */
  parentDir: string | null;
  /** directory holding every run directory of the pool */
  runsDir: string;
  /** true when an earlier attempt left files in runDir: continue from them (e.g. train --resume) */
  resume: boolean;
  /** 1 for the first attempt */
  attempt: number;
}

/** What a handler may return; `summary` is written as summary.json if the handler did not write one. */
export interface JobResult {
  summary?: Record<string, unknown>;
}

/**
 * A job handler: does the work of one job kind, writing its files into `ctx.runDir`. It must not
 * write status.json (the pool owns it) and should throw on failure.
 */
export type JobHandler<J extends PoolJob = PoolJob> = (job: J, ctx: JobContext) => Promise<JobResult | void> | JobResult | void;

/**
 * Job kind → handler module (absolute path, file URL or package specifier). Each module exports
 * its handler as `default` (or as `handler`). Modules, not functions, because worker threads
 * cannot receive functions: every worker imports the module itself.
 */
export type HandlerRegistry = Record<string, string | URL>;

export function moduleSpecifier(spec: string | URL): string {
  if (spec instanceof URL) return spec.href;
  return isAbsolute(spec) ? pathToFileURL(spec).href : spec;
}

const cache = new Map<string, JobHandler>();

/** Import (once per thread) the handler module registered for `kind`. */
export async function loadHandler(kind: string, spec: string | URL): Promise<JobHandler> {
  const url = moduleSpecifier(spec);
  const cached = cache.get(url);
  if (cached) return cached;
  const mod = (await import(url)) as { default?: unknown; handler?: unknown };
  const fn = mod.default ?? mod.handler;
  if (typeof fn !== "function") {
    throw new Error(`loadHandler(): module ${url} for job kind "${kind}" must export a function (job, ctx) => Promise<JobResult> as default or as handler`);
  }
  cache.set(url, fn as JobHandler);
  return fn as JobHandler;
}

/** Run one job's handler, turning a throw into an error message (used in workers and inline). */
export async function invokeHandler(kind: string, spec: string | URL, job: PoolJob, ctx: JobContext): Promise<HandlerOutcome> {
  try {
    const handler = await loadHandler(kind, spec);
    const result = await handler(job, ctx);
    return { ok: true, summary: result && result.summary ? result.summary : null };
  } catch (err) {
    const readable = systemError(err); // an errno error becomes one line naming its path and a fix
    return { ok: false, error: readable instanceof Error ? readable.message : String(readable) };
  }
}

export type HandlerOutcome = { ok: true; summary: Record<string, unknown> | null } | { ok: false; error: string };

/**
 * Run a job's handler and commit its outcome to the run directory (summary.json if the handler
 * returned one and wrote none, then status finished or failed). Committing right here, in the
 * thread that ran the handler, keeps the gap between "work done" and "status finished" to one
 * file rename: a kill inside that gap reruns the job, a kill after it never does.
 */
export async function executeJob(kind: string, spec: string | URL, job: PoolJob, ctx: JobContext): Promise<HandlerOutcome> {
  const outcome = await invokeHandler(kind, spec, job, ctx);
  try {
    if (outcome.ok) {
      if (outcome.summary && !existsSync(join(ctx.runDir, SUMMARY_FILE))) writeSummary(ctx.runDir, outcome.summary);
      markFinished(ctx.runDir);
    } else {
      markFailed(ctx.runDir, outcome.error);
    }
    return outcome;
  } catch (err) {
    return { ok: false, error: `could not record the outcome in ${ctx.runDir}: ${err instanceof Error ? err.message : String(err)}` };
  }
}
