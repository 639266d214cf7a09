import { angleGrid } from "./angleGrid.js";

/**
 * The one grammar of angle grids, for `fisherlab fisher --angles` and `angles:` in experiment
 * files and adapt configs alike:
 * - `N` (a positive integer): N angles evenly spaced over the domain [low, high);
 * - `start:stop:count`: count angles evenly spaced over [start, stop) (stop excluded, like the domain).
 */
export const ANGLE_GRID_GRAMMAR = "a count N (N angles over the domain) or start:stop:count (radians, stop excluded)";

/** Is `spec` a valid angle grid (a positive integer or "start:stop:count")? null if so, else why not. */
export function angleGridProblem(spec: number | string): string | null {
  const text = String(spec).trim();
  if (/^\d+$/.test(text)) return Number(text) >= 1 ? null : "the count must be ≥ 1";
  const parts = text.split(":");
  if (parts.length !== 3) return `must be ${ANGLE_GRID_GRAMMAR}`;
  const [a, b, n] = parts.map((p) => (p.trim() === "" ? NaN : Number(p)));
  if (![a, b, n].every(Number.isFinite)) return `start, stop and count must be numbers; must be ${ANGLE_GRID_GRAMMAR}`;
  if (!(b > a)) return "stop must be > start";
  if (!(Number.isInteger(n) && n >= 1)) return "count must be an integer ≥ 1";
  return null;
}

/** The angles of a grid spec on the domain [low, high); `where` names the option or key in errors. */
export function angleGridFromSpec(spec: number | string, low: number, high: number, where: string): number[] {
  const problem = angleGridProblem(spec);
  if (problem) throw new Error(`${where} ${problem}, got ${JSON.stringify(spec)}`);
  const text = String(spec).trim();
  if (/^\d+$/.test(text)) return angleGrid(low, high, Number(text));
  const [a, b, n] = text.split(":").map(Number);
  return angleGrid(a, b, n);
}
