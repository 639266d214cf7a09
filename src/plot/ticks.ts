import { formatNumber, powerOfTen } from "./formatNumber.js";

/** A tick: its position in data units and its label. */
export interface Tick {
  value: number;
  label: string;
}

/** The "nice" step (1, 2 or 5 × 10^k) for about `count` intervals over `span` (as in d3-array's tickIncrement). */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  // d3-array's thresholds √50, √10, √2: round to the nice step nearest in log scale
  return (f >= Math.SQRT2 * 5 ? 10 : f >= Math.sqrt(10) ? 5 : f >= Math.SQRT2 ? 2 : 1) * mag;
}

/** Ticks at multiples of a nice step inside [lo, hi]. */
export function linearTicks(lo: number, hi: number, count = 5): Tick[] {
  if (!(hi > lo)) return [{ value: lo, label: formatNumber(lo) }];
  const step = niceStep(hi - lo, count);
  const out: Tick[] = [];
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  for (let k = first; k <= last; k++) {
    const value = k * step;
    // rounding to the step's decimals avoids labels like 0.30000000000000004
    out.push({ value, label: formatNumber(Number(value.toPrecision(12)), 4) });
  }
  return out;
}

/**
 * Ticks for a log axis over [lo, hi] (both > 0): powers of ten, labelled 10ᵏ; 1, 2, 5 × 10ᵏ
 * labelled as plain numbers when the domain spans fewer than two decades; plain linear ticks when it spans less than
 * one (a log axis over 0.8–1.3 has no power of ten on it).
 */
export function logTicks(lo: number, hi: number): Tick[] {
  if (!(lo > 0) || !(hi > lo)) return linearTicks(lo, hi);
  const k0 = Math.floor(Math.log10(lo)), k1 = Math.ceil(Math.log10(hi));
  const decades = Math.log10(hi / lo);
  if (decades < 1) return linearTicks(lo, hi, 4);
  const stride = Math.max(1, Math.ceil((k1 - k0) / 6)); // at most ~6 labelled powers
  const out: Tick[] = [];
  for (let k = k0; k <= k1; k++) {
    for (const m of decades < 2 ? [1, 2, 5] : [1]) {
      const value = m * 10 ** k;
      if (value < lo * (1 - 1e-9) || value > hi * (1 + 1e-9)) continue;
      if (m === 1 && (k - k0) % stride !== 0) continue;
      // within two decades plain numbers read better (0.2, 0.5, 1); wider ranges read as 10ᵏ
      out.push({ value, label: decades < 2 ? formatNumber(Number(value.toPrecision(6))) : powerOfTen(k) });
    }
  }
  return out;
}

/**
 * Ticks for an angle axis in radians at multiples of π/4, π/2 or π (whichever gives 3–9 ticks),
 * labelled 0, π/4, π/2, 3π/4, π, …: the values a reader knows by heart.
 */
export function piTicks(lo: number, hi: number): Tick[] {
  const span = hi - lo;
  const denom = span <= 1.6 * Math.PI ? 4 : span <= 4.1 * Math.PI ? 2 : 1;
  const step = Math.PI / denom;
  const out: Tick[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k <= Math.floor(hi / step + 1e-9); k++) {
    out.push({ value: k * step, label: piLabel(k, denom) });
  }
  return out;
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}

function piLabel(k: number, denom: number): string {
  if (k === 0) return "0";
  const g = gcd(k, denom);
  const num = k / g, den = denom / g;
  const sign = num < 0 ? "−" : "";
  const a = Math.abs(num);
  const top = a === 1 ? "π" : `${a}π`;
  return den === 1 ? sign + top : `${sign}${top}/${den}`;
}

/** Ticks for an angle axis in degrees at multiples of 90°, 45° or 15°, depending on the span. */
export function degreeTicks(lo: number, hi: number): Tick[] {
  const span = hi - lo;
  const step = span > 200 ? 90 : span > 60 ? 45 : span > 20 ? 15 : 0;
  if (step === 0) return linearTicks(lo, hi);
  const out: Tick[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k <= Math.floor(hi / step + 1e-9); k++) out.push({ value: k * step, label: formatNumber(k * step) });
  return out;
}
