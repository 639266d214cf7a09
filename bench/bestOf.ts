/** Seconds of the fastest of `reps` runs after one warm-up run. */
export function bestOf(fn: () => void, reps: number): number {
  fn();
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}
