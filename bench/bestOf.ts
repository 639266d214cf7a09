/**
 * Seconds of the fastest of `reps` runs after one warm-up run. With `cpuTime`, the CPU time of this
 * process instead of wall time: the right clock for one-thread workloads, since it does not count
 * time the thread waited for a core that another process held (the PyTorch scripts use
 * `time.process_time` for their one-thread workloads likewise).
 */
export function bestOf(fn: () => void, reps: number, options: { cpuTime?: boolean } = {}): number {
  const clock = options.cpuTime ? () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; } : () => performance.now() / 1000;
  fn();
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = clock();
    fn();
    best = Math.min(best, clock() - t0);
  }
  return best;
}
