/** Signed circular difference a − b wrapped into [−L/2, L/2). */
export function circularDifference(a: number, b: number, period: number): number {
  const d = (a - b) % period;
  const w = d < -period / 2 ? d + period : d >= period / 2 ? d - period : d;
  return w;
}
