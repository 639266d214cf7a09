import { Worker } from "node:worker_threads";
import { compiledSibling } from "../io/index.js";
import type { HandlerRegistry, PoolJob, PoolReport } from "../pool/index.js";
import type { JobThreadReply, JobThreadRequest } from "./jobThread.js";

/**
 * One job at a time in a long-lived worker thread (jobThread.ts). CPU-bound training must not run
 * on the main thread: BullMQ renews the job's lock from there, and a blocked event loop would let
 * the job look stalled and be handed to a second worker. A thread that dies fails its job and is
 * replaced by a fresh one for the next.
 */
export class JobSlot {
  private worker: Worker | null = null;
  private readonly handlers: Record<string, string>;

  constructor(handlers: HandlerRegistry) {
    this.handlers = Object.fromEntries(Object.entries(handlers).map(([k, v]) => [k, v instanceof URL ? v.href : v]));
  }

  run(jobs: PoolJob[], runsDir: string): Promise<PoolReport> {
    const w = this.worker ?? (this.worker = new Worker(compiledSibling("jobThread.js", import.meta.url)));
    return new Promise<PoolReport>((resolve, reject) => {
      const settle = (fn: () => void) => { w.off("message", onMessage); w.off("error", onError); w.off("exit", onExit); fn(); };
      const onMessage = (reply: JobThreadReply) => settle(() => ("report" in reply ? resolve(reply.report) : reject(new Error(reply.error))));
      const onError = (err: Error) => { this.worker = null; void w.terminate(); settle(() => reject(new Error(`the job's thread crashed: ${err.message}`))); };
      const onExit = (code: number) => { this.worker = null; settle(() => reject(new Error(`the job's thread exited with code ${code} during the job`))); };
      w.on("message", onMessage); w.on("error", onError); w.on("exit", onExit);
      w.postMessage({ jobs, runsDir, handlers: this.handlers } satisfies JobThreadRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
