import { replicateInterval } from "../../report/index.js";
import { welchInterval } from "../../math/index.js";
import type { Statistic, Verdict } from "../finding.js";

/** The mean of per-network values with its 95% t interval (NaN bounds with fewer than 3 networks). */
export function tStatistic(name: string, values: readonly number[]): Statistic {
  const s = replicateInterval(values);
  return { name, value: s.mean, lo: s.ci ? s.ci[0] : NaN, hi: s.ci ? s.ci[1] : NaN, level: `95% t interval over ${s.replicates} networks` };
}

/** mean(a) − mean(b) with Welch's 95% interval (NaN bounds when a group has fewer than 2 networks). */
export function welchStatistic(name: string, a: readonly number[], b: readonly number[]): Statistic {
  const na = a.filter(Number.isFinite).length, nb = b.filter(Number.isFinite).length;
  if (na < 2 || nb < 2) {
    const mean = (x: readonly number[]) => x.filter(Number.isFinite).reduce((s, v) => s + v, 0) / Math.max(1, x.filter(Number.isFinite).length);
    return { name, value: mean(a) - mean(b), lo: NaN, hi: NaN, level: `too few networks for an interval (${na} vs ${nb})` };
  }
  const w = welchInterval(a, b);
  return { name, value: w.diff, lo: w.lo, hi: w.hi, level: `95% Welch interval, ${na} vs ${nb} networks` };
}

/** A value without an interval (a count, a ratio of means). */
export function plainStatistic(name: string, value: number, level: string): Statistic {
  return { name, value, lo: NaN, hi: NaN, level };
}

/** Whether a statistic's interval lies entirely above 0 (false without an interval). */
export const aboveZero = (s: Statistic): boolean => Number.isFinite(s.lo) && s.lo > 0;

/** Whether a statistic's interval lies entirely below `bound` (false without an interval). */
export const below = (s: Statistic, bound: number): boolean => Number.isFinite(s.hi) && s.hi < bound;

/** reproduced when every part holds, not reproduced when none does, mixed otherwise. */
export function verdictOf(parts: readonly boolean[]): Verdict {
  const held = parts.filter(Boolean).length;
  return held === parts.length && held > 0 ? "reproduced" : held === 0 ? "not reproduced" : "mixed";
}

export const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;
