/**
 * The second thread of a two-thread GEMM: its control block layout and the worker's source.
 *
 * The main thread and the worker instantiate the same module on one shared WebAssembly.Memory.
 * A job is a rectangle of C: the main thread writes the kernel's arguments into a small control
 * block in that memory, flips STATE to JOB and wakes the worker with Atomics.notify, computes its
 * own rectangle, then sleeps in Atomics.wait until the worker flips STATE to DONE. No messages,
 * no copies; the worker never allocates (it gets its own scratch area in the arguments).
 *
 * The worker's source is a string (run with `eval: true`) so that it works unchanged from the
 * TypeScript sources under Vitest and from the compiled JavaScript in dist/.
 */

/** Int32 slots of the control block. */
export const CTL = {
  STATE: 0, // IDLE → JOB (main) → DONE or FAILED (worker) → IDLE (main); QUIT ends the worker
  READY: 1, // 1 once the worker has instantiated the module
  OP: 2, // OP_AXPY or OP_DOT
  ARGS: 3, // 14 int32 arguments follow (see gemmAxpy / gemmDot in src/engine/asm/gemm.ts)
  SLOTS: 17,
} as const;

export const STATE = { IDLE: 0, JOB: 1, DONE: 2, QUIT: 3, FAILED: 4 } as const;
export const OP_AXPY = 0;
export const OP_DOT = 1;

/** Bytes the control block occupies (rounded to a cache line by the allocator). */
export const CTL_BYTES = CTL.SLOTS * 4;

/** Worker body (CommonJS, as Node runs `eval` workers); workerData = { module, memory, ctl }. */
export const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, ctl: ctlPtr } = workerData;
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
const c = new Int32Array(memory.buffer, ctlPtr, ${CTL.SLOTS});
const A = ${CTL.ARGS};
Atomics.store(c, ${CTL.READY}, 1);
Atomics.notify(c, ${CTL.READY});
for (;;) {
  const s = Atomics.load(c, ${CTL.STATE});
  if (s === ${STATE.QUIT}) break;
  if (s !== ${STATE.JOB}) { Atomics.wait(c, ${CTL.STATE}, s); continue; }
  let next = ${STATE.DONE};
  try {
    if (c[${CTL.OP}] === ${OP_AXPY}) {
      ex.gemmAxpy(c[A], c[A + 1], c[A + 2], c[A + 3], c[A + 4], c[A + 5], c[A + 6], c[A + 7],
        c[A + 8], c[A + 9], c[A + 10], c[A + 11], c[A + 12], c[A + 13]);
    } else {
      ex.gemmDot(c[A], c[A + 1], c[A + 2], c[A + 3], c[A + 4], c[A + 5], c[A + 8], c[A + 10],
        c[A + 11], c[A + 12], c[A + 13]);
    }
  } catch (err) {
    next = ${STATE.FAILED};
  }
  Atomics.store(c, ${CTL.STATE}, next);
  Atomics.notify(c, ${CTL.STATE});
}
`;
