/**
 * Moving average on a circular grid: each value is replaced by the mean of the `width` values
 * centred on it, wrapping at the ends (the grid covers a full period of θ). The original work used
 * width ≈ 31 of 500 grid points to tame the roughness of measured I(θ) before updating p.
 */
export function circularMovingAverage(values: readonly number[], width: number): number[] {
  const n = values.length;
  if (!Number.isInteger(width) || width < 1) {
    throw new Error(`circularMovingAverage(): width must be a positive integer, got ${width}`);
  }
  if (n === 0) return [];
  const w = Math.min(width, n);
  const left = Math.floor((w - 1) / 2);
  const out = new Array<number>(n);
  // running sum over a window of w values starting at i − left
  let sum = 0;
  for (let j = 0; j < w; j++) sum += values[(((j - left) % n) + n) % n];
  for (let i = 0; i < n; i++) {
    out[i] = sum / w;
    sum -= values[(((i - left) % n) + n) % n];
    sum += values[(((i - left + w) % n) + n) % n];
  }
  return out;
}
