/**
 * First-derivative Savitzky–Golay filter, polyorder 2, on a circular (wrapped) grid (Savitzky &
 * Golay 1964). For a symmetric window of 2K+1 points the quadratic fit's slope at the centre is
 * the least-squares line's slope, so the weights are c_k = k / (h Σ_{k=-K..K} k²).
 */
export function savitzkyGolayDerivativeWeights(window: number, spacing: number): Float64Array {
  if (!(Number.isInteger(window) && window >= 3 && window % 2 === 1)) {
    throw new Error(`savitzkyGolayDerivativeWeights(): window must be an odd integer ≥ 3 (polyorder 2), got ${window}`);
  }
  const k = (window - 1) / 2;
  const sumK2 = (k * (k + 1) * (2 * k + 1)) / 3;
  return Float64Array.from({ length: window }, (_, i) => (i - k) / (spacing * sumK2));
}

/** Derivative of each column of values [G, N] on a periodic grid with spacing h, [G, N]. */
export function circularDerivative(values: Float64Array, grid: number, units: number, window: number, spacing: number): Float64Array {
  const c = savitzkyGolayDerivativeWeights(window, spacing);
  const k = (window - 1) / 2;
  if (window > grid) throw new Error(`circularDerivative(): window ${window} is longer than the grid (${grid} points); use a smaller window`);
  const out = new Float64Array(grid * units);
  for (let g = 0; g < grid; g++) for (let w = 0; w < window; w++) {
    const src = (((g + w - k) % grid) + grid) % grid;
    const cw = c[w];
    if (cw === 0) continue;
    for (let j = 0; j < units; j++) out[g * units + j] += cw * values[src * units + j];
  }
  return out;
}
