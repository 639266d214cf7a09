/**
 * `count` angles evenly spaced over [low, high): the grid of every network measurement and of
 * the adaptation loop's densities (the end point is left out, so a circular domain has no
 * duplicated angle).
 */
export function angleGrid(low: number, high: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`angleGrid(): count must be a positive integer, got ${count}`);
  return Array.from({ length: count }, (_, i) => low + ((high - low) * i) / count);
}
