import { interpolateCircular } from "../math/index.js";

/**
 * `values` sampled at `theta`, put on `grid`: a copy when the two grids agree (to 1e-9 rad),
 * otherwise circular linear interpolation with `period`. Replicate curves of a sweep usually share
 * one grid, so the copy keeps their values exact.
 */
export function onGrid(theta: ArrayLike<number>, values: ArrayLike<number>, grid: ArrayLike<number>, period: number): number[] {
  let same = theta.length === grid.length;
  for (let i = 0; same && i < grid.length; i++) same = Math.abs(theta[i] - grid[i]) < 1e-9;
  return same ? Array.from(values) : interpolateCircular(theta, values, grid, period);
}
