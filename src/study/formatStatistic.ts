import { formatNumber } from "../plot/index.js";
import type { Statistic } from "./finding.js";

/** "value [lo, hi]", or the value alone when the statistic has no interval. */
export function formatStatistic(s: Statistic): string {
  const v = formatNumber(s.value, 3);
  return Number.isFinite(s.lo) && Number.isFinite(s.hi) ? `${v} [${formatNumber(s.lo, 3)}, ${formatNumber(s.hi, 3)}]` : v;
}

/** Seconds as "1 min 8 s" / "42 s". */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** A load average to one decimal, or "—" when unknown (NaN, or null after a JSON round trip). */
export function formatLoad(v: number | null | undefined): string {
  return typeof v === "number" && Number.isFinite(v) ? v.toFixed(1) : "—";
}
