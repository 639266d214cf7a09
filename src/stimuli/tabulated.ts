import type { Rng } from "../engine/index.js";
import type { AngleDistribution } from "./distribution.js";
import { type Domain, domainLength, wrapAngle } from "./domain.js";

/**
 * The tabulated distribution: non-negative values on an increasing grid, linear between grid
 * points, normalised to integrate to 1 (the adaptation loop produces these; docs/science.md). On a
 * circular domain the last grid point connects linearly to the first one a period later, so a grid
 * like 500 points on [0, π) describes a closed curve; a grid spanning exactly one period (first and
 * last point the same angle) is accepted as well. On the linear domain the density is 0 outside
 * [grid[0], grid[last]].
 * Sampling is exact: a segment is chosen by its trapezoid mass, then the position within it by
 * inverting the segment's quadratic CDF — not the bin midpoints.
 */
export function tabulated(grid: ArrayLike<number>, values: ArrayLike<number>, domain: Domain): AngleDistribution {
  const fn = "tabulated()";
  const n = grid.length;
  if (n < 2) throw new Error(`${fn}: grid must have at least 2 points, got ${n}; give values on a grid covering the domain`);
  if (values.length !== n) throw new Error(`${fn}: values must have one entry per grid point (${n}), got ${values.length}; check the table`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(grid[i])) throw new Error(`${fn}: grid[${i}] must be a finite number, got ${grid[i]}; fix the table`);
    if (!(values[i] >= 0) || !Number.isFinite(values[i])) throw new Error(`${fn}: values[${i}] must be a finite number >= 0, got ${values[i]}; densities cannot be negative`);
    if (i > 0 && !(grid[i] > grid[i - 1])) throw new Error(`${fn}: grid must be strictly increasing, got grid[${i - 1}] = ${grid[i - 1]}, grid[${i}] = ${grid[i]}; sort the table`);
  }
  const period = domainLength(domain);
  const span = grid[n - 1] - grid[0];
  if (domain.circular && span > period * (1 + 1e-12)) {
    throw new Error(`${fn}: grid spans ${span}, more than one period (${period}) of the '${domain.name}' domain; give one period`);
  }
  if (!domain.circular && (grid[0] < domain.low - 1e-12 || grid[n - 1] > domain.high + 1e-12)) {
    throw new Error(`${fn}: grid [${grid[0]}, ${grid[n - 1]}] must lie inside the linear domain [${domain.low}, ${domain.high}]; clip the table`);
  }
  // knots of the piecewise-linear density; the circular closing segment is appended when needed
  const closes = domain.circular && span < period * (1 - 1e-12);
  const m = closes ? n + 1 : n;
  const xs = new Float64Array(m), ys = new Float64Array(m);
  for (let i = 0; i < n; i++) { xs[i] = grid[i]; ys[i] = values[i]; }
  if (closes) { xs[n] = grid[0] + period; ys[n] = values[0]; }
  const cum = new Float64Array(m); // unnormalised mass from xs[0] to xs[i]
  for (let i = 1; i < m; i++) cum[i] = cum[i - 1] + 0.5 * (ys[i - 1] + ys[i]) * (xs[i] - xs[i - 1]);
  const total = cum[m - 1];
  if (!(total > 0)) throw new Error(`${fn}: values integrate to 0; at least one value (or two neighbours) must be > 0`);

  const x0 = xs[0];
  // map θ into the knots' frame [x0, x0 + P) on a circular domain
  const toFrame = (theta: number): number => (domain.circular ? x0 + (wrapAngle(theta - x0 + domain.low, domain) - domain.low) : theta);
  /** index i of the segment [xs[i], xs[i+1]] holding x (x within [xs[0], xs[m-1]]) */
  const segmentOf = (x: number): number => {
    let lo = 0, hi = m - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (xs[mid] <= x) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  const massTo = (x: number): number => { // unnormalised mass from x0 to x
    if (x <= x0) return 0;
    if (x >= xs[m - 1]) return total;
    const i = segmentOf(x), w = xs[i + 1] - xs[i], t = (x - xs[i]) / w;
    return cum[i] + w * (ys[i] * t + 0.5 * (ys[i + 1] - ys[i]) * t * t);
  };

  return {
    spec: { kind: "tabulated", grid: Array.from(grid), density: Array.from(values) },
    domain,
    pdf(theta: number): number {
      const x = toFrame(theta);
      if (x < x0 || x > xs[m - 1]) return 0;
      const i = segmentOf(x), t = (x - xs[i]) / (xs[i + 1] - xs[i]);
      return (ys[i] + (ys[i + 1] - ys[i]) * t) / total;
    },
    cdf(theta: number): number {
      if (theta >= domain.high) return 1;
      if (theta <= domain.low) return 0;
      if (!domain.circular) return massTo(theta) / total;
      const a = massTo(toFrame(domain.low)), b = massTo(toFrame(theta));
      return (b >= a ? b - a : total - a + b) / total;
    },
    sample(count: number, rng: Rng): Float64Array {
      const out = new Float64Array(count);
      for (let k = 0; k < count; k++) {
        const s = rng.uniform() * total;
        let lo = 0, hi = m - 2; // last segment whose start mass is <= s
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (cum[mid] <= s) lo = mid; else hi = mid - 1;
        }
        const i = lo, w = xs[i + 1] - xs[i], a = ys[i], b = ys[i + 1];
        // solve a·t + (b − a)·t²/2 = c for t ∈ [0, 1]; this form is stable for a = 0 and for a = b
        const c = (s - cum[i]) / w;
        const root = a + Math.sqrt(Math.max(0, a * a + 2 * (b - a) * c));
        const t = root > 0 ? Math.min(1, Math.max(0, (2 * c) / root)) : 0;
        out[k] = domain.circular ? wrapAngle(xs[i] + t * w, domain) : xs[i] + t * w;
      }
      return out;
    },
  };
}
