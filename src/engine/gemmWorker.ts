/**
 * The second thread of a two-thread GEMM: its control block layout, the chunk loop both threads
 * run, and the worker's source.
 *
 * The main thread and the worker instantiate the same module on one shared WebAssembly.Memory.
 * A job is a product cut into chunks (bands of rows, or of columns when the batch is small, each
 * a whole number of register tiles). The main thread writes the arguments into a small control
 * block in that memory, flips STATE to JOB and wakes the worker with Atomics.notify; then both
 * threads claim chunks with Atomics.add on one counter until none are left. Claiming rather than
 * halving means a worker that the OS schedules late (another process on the other core) costs
 * nothing: the main thread simply takes more chunks, and if the worker has not started by the
 * end, the main thread withdraws the job. Chunks never overlap, and every element of C is
 * computed by the same tile code either way, so results are bit-identical to one thread.
 *
 * The worker's source is a string (run with `eval: true`) so that it works unchanged from the
 * TypeScript sources under Vitest and from the compiled JavaScript in dist/.
 */

/** Order of the job arguments after CTL.ARGS. */
export const JOB_ARGS = ["m", "n", "k", "a", "rsa", "csa", "b", "ldb", "c", "beta", "scratch", "byRows", "chunk", "chunks"] as const;

/** Int32 slots of the control block. */
export const CTL = {
  STATE: 0, // IDLE → JOB (main) → RUNNING (worker) → DONE or FAILED (worker) → IDLE (main); QUIT ends the worker
  READY: 1, // 1 once the worker has instantiated the module
  NEXT: 2, // next unclaimed chunk
  OP: 3, // OP_AXPY or OP_DOT
  ARGS: 4, // JOB_ARGS.length int32 arguments follow
  HELPER_CHUNKS: 4 + JOB_ARGS.length, // chunks the worker has computed, ever (diagnostics and tests)
  SLOTS: 4 + JOB_ARGS.length + 1,
} as const;

export const STATE = { IDLE: 0, JOB: 1, RUNNING: 2, DONE: 3, FAILED: 4, QUIT: 5 } as const;
export const OP_AXPY = 0;
export const OP_DOT = 1;

/** Bytes the control block occupies (rounded to a cache line by the allocator). */
export const CTL_BYTES = CTL.SLOTS * 4;

interface GemmExports {
  gemmAxpy(i0: number, i1: number, j0: number, j1: number, k: number, a: number, rsa: number, csa: number,
    b: number, ldb: number, c: number, ldc: number, beta: number, scratch: number): void;
  gemmDot(i0: number, i1: number, j0: number, j1: number, k: number, a: number, b: number,
    c: number, ldc: number, beta: number, scratch: number): void;
}

/**
 * Claim and compute chunks of the job in `ctl` until none are left; `scratch` is this thread's.
 * Returns how many it computed. Run by both threads (the worker gets this function's source).
 */
export function runChunks(ex: GemmExports, ctl: Int32Array, scratch: number): number {
  const A = 4; // CTL.ARGS, literal: this function is also stringified into the worker
  const op = ctl[3], m = ctl[A], n = ctl[A + 1], k = ctl[A + 2], a = ctl[A + 3], rsa = ctl[A + 4], csa = ctl[A + 5];
  const b = ctl[A + 6], ldb = ctl[A + 7], c = ctl[A + 8], beta = ctl[A + 9];
  const byRows = ctl[A + 11] === 1, chunk = ctl[A + 12], chunks = ctl[A + 13];
  for (let done = 0; ; done++) {
    const q = Atomics.add(ctl, 2, 1); // CTL.NEXT
    if (q >= chunks) return done;
    const lo = q * chunk, hi = Math.min(byRows ? m : n, lo + chunk);
    const i0 = byRows ? lo : 0, i1 = byRows ? hi : m, j0 = byRows ? 0 : lo, j1 = byRows ? n : hi;
    if (op === 0) ex.gemmAxpy(i0, i1, j0, j1, k, a, rsa, csa, b, ldb, c, n, beta, scratch);
    else ex.gemmDot(i0, i1, j0, j1, k, a, b, c, n, beta, scratch);
  }
}

/** Worker body (CommonJS, as Node runs `eval` workers); workerData = { module, memory, ctl }. */
export const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, ctl: ctlPtr } = workerData;
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
const c = new Int32Array(memory.buffer, ctlPtr, ${CTL.SLOTS});
const runChunks = ${runChunks.toString()};
Atomics.store(c, ${CTL.READY}, 1);
Atomics.notify(c, ${CTL.READY});
for (;;) {
  const s = Atomics.load(c, ${CTL.STATE});
  if (s === ${STATE.QUIT}) break;
  if (s !== ${STATE.JOB}) { Atomics.wait(c, ${CTL.STATE}, s); continue; }
  // the main thread may have withdrawn the job (it ran out of chunks before we woke)
  if (Atomics.compareExchange(c, ${CTL.STATE}, ${STATE.JOB}, ${STATE.RUNNING}) !== ${STATE.JOB}) continue;
  let next = ${STATE.DONE};
  try {
    Atomics.add(c, ${CTL.HELPER_CHUNKS}, runChunks(ex, c, c[${CTL.ARGS + JOB_ARGS.indexOf("scratch")}]));
  } catch (err) {
    next = ${STATE.FAILED};
  }
  Atomics.store(c, ${CTL.STATE}, next);
  Atomics.notify(c, ${CTL.STATE});
}
`;
