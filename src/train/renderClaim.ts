/**
 * The control block a chunk's renderers share (chunkRenderer.ts and its worker): Int32 slots in
 * the kernels' shared memory, and the claim of the next sub-chunk.
 */
export const CTL = {
  CLAIM: 0, // (job << CLAIM.SHIFT) | next unclaimed sub-chunk
  DONE: 1, // sub-chunks rendered so far (by either thread)
  FAILED: 2, // 1 once the worker failed on this chunk
  WORKER_SUBS: 3, // sub-chunks the worker has rendered, ever (diagnostics and tests)
  SLOTS: 4,
} as const;

export const CLAIM = { SHIFT: 16, JOB_MASK: 0x7fff, NEXT_MASK: 0xffff } as const;

/**
 * Claim the next sub-chunk of chunk `job` (of `subs`): its index, or −1 when none is left or the
 * block has moved on to another chunk. A compare-and-swap on the one word, so that a claim never
 * pairs one chunk's rows with another chunk's job number.
 */
export function claim(ctl: Int32Array, job: number, subs: number): number {
  for (;;) {
    const word = Atomics.load(ctl, CTL.CLAIM);
    const next = word & CLAIM.NEXT_MASK;
    if (word >>> CLAIM.SHIFT !== job || next >= subs) return -1;
    if (Atomics.compareExchange(ctl, CTL.CLAIM, word, word + 1) === word) return next;
  }
}
