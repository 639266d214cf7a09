import type { Encoding } from "../nn/index.js";

/**
 * The period an encoding reads angles with: circular (cos θ, sin θ) tells θ apart modulo 2π,
 * half_angle (cos 2θ, sin 2θ) only modulo π; linear is not periodic (Infinity: no wrapping).
 */
export function encodingPeriod(encoding: Encoding): number {
  switch (encoding) {
    case "circular": return 2 * Math.PI;
    case "half_angle": return Math.PI;
    case "linear": return Infinity;
  }
}

/** |a − b| wrapped to the period: the shorter way round, in [0, period/2]. */
export function angleDistance(a: number, b: number, period: number): number {
  const d = Math.abs(a - b);
  if (!Number.isFinite(period)) return d;
  const r = d % period;
  return Math.min(r, period - r);
}

/** Σ |decoded − truth| (wrapped to the encoding's period) over n angles, in radians. */
export function sumAbsAngleError(encoding: Encoding, decoded: ArrayLike<number>, truth: ArrayLike<number>, n: number): number {
  const period = encodingPeriod(encoding);
  let s = 0;
  for (let i = 0; i < n; i++) s += angleDistance(decoded[i], truth[i], period);
  return s;
}
