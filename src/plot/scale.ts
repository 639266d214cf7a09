import { linearTicks, logTicks, type Tick } from "./ticks.js";

/** A map from a data interval (the domain) onto a pixel interval (the range). */
export interface Scale {
  readonly domain: readonly [number, number];
  readonly log: boolean;
  /** Pixel position of `v`; values outside the domain are clamped to its ends (no clip paths needed). */
  map(v: number): number;
  ticks(): Tick[];
}

/** A linear scale from [d0, d1] onto [r0, r1]. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return {
    domain, log: false,
    map: (v) => r0 + ((Math.min(Math.max(v, Math.min(d0, d1)), Math.max(d0, d1)) - d0) / span) * (r1 - r0),
    ticks: () => linearTicks(Math.min(d0, d1), Math.max(d0, d1)),
  };
}

/** A base-10 log scale from [d0, d1] (both > 0) onto [r0, r1]; non-positive values map to the low end. */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  if (!(d0 > 0) || !(d1 > 0)) throw new Error(`logScale(): domain must be positive, got [${d0}, ${d1}]`);
  const l0 = Math.log10(d0), l1 = Math.log10(d1);
  const inner = linearScale([l0, l1], range);
  return {
    domain, log: true,
    map: (v) => inner.map(v > 0 ? Math.log10(v) : l0),
    ticks: () => logTicks(Math.min(d0, d1), Math.max(d0, d1)),
  };
}

/**
 * A domain covering `values` (non-finite ignored; for log scales only positive values count),
 * padded by `pad` of its span (log scales: in log units) and, for linear scales, extended to
 * include zero when `includeZero` is set. A degenerate domain is widened so the scale is defined.
 */
export function extent(values: Iterable<number>, opts: { log?: boolean; pad?: number; includeZero?: boolean } = {}): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (opts.log && !(v > 0))) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const pad = opts.pad ?? 0.04;
  if (opts.log) {
    if (!(hi >= lo)) return [0.1, 10];
    let a = Math.log10(lo), b = Math.log10(hi);
    if (b - a < 1e-9) { a -= 0.5; b += 0.5; }
    const p = (b - a) * pad;
    return [10 ** (a - p), 10 ** (b + p)];
  }
  if (!(hi >= lo)) return [0, 1];
  if (opts.includeZero) { lo = Math.min(lo, 0); hi = Math.max(hi, 0); }
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) { const w = Math.abs(hi) * 0.1 || 1; lo -= w; hi += w; }
  const p = (hi - lo) * pad;
  return [opts.includeZero && lo === 0 ? 0 : lo - p, opts.includeZero && hi === 0 ? 0 : hi + p];
}
