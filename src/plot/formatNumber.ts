const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
};

/** `10^k` written with superscript digits, e.g. 10⁻³ (for log-axis ticks). */
export function powerOfTen(k: number): string {
  return "10" + String(k).split("").map((c) => SUPERSCRIPT[c] ?? c).join("");
}

/**
 * A number for a label: `digits` significant digits, no trailing zeros, scientific notation
 * (1.2e-5) outside [1e-3, 1e5) so that tick labels stay short. NaN and ±∞ print as such.
 */
export function formatNumber(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : v > 0 ? "∞" : "−∞";
  if (v === 0) return "0";
  const a = Math.abs(v);
  const text = a >= 1e5 || a < 1e-3 ? v.toExponential(digits - 1).replace(/\.?0+e/, "e").replace("e+", "e") : String(Number(v.toPrecision(digits)));
  return text.replace(/^-/, "−");
}

/** Coordinates in SVG: two decimals are below a pixel's resolution and keep output deterministic. */
export function px(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/** An estimate with its interval, e.g. "0.93 [0.71, 1.15]"; just the estimate when there is none. */
export function formatInterval(value: number, ci: [number, number] | null): string {
  return ci ? `${formatNumber(value, 3)} [${formatNumber(ci[0], 3)}, ${formatNumber(ci[1], 3)}]` : formatNumber(value, 3);
}
