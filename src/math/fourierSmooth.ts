/**
 * Parametric smoothing on a circular grid: keep the mean and the first `harmonics` Fourier
 * harmonics of the values (a least-squares fit of a trigonometric polynomial; on a uniform
 * grid the discrete Fourier coefficients are exactly that fit). docs/adaptation.md lists parametric
 * smoothing among the stabilisers the original loop lacked; the study uses it to split a curve
 * into its smooth trend and its small-scale part (`fourierHighPass`).
 */
export function fourierSmooth(values: readonly number[], harmonics: number): number[] {
  const n = values.length;
  if (!Number.isInteger(harmonics) || harmonics < 0) {
    throw new Error(`fourierSmooth(): harmonics must be a non-negative integer, got ${harmonics}`);
  }
  if (n === 0) return [];
  const kMax = Math.min(harmonics, Math.floor((n - 1) / 2)); // keep below Nyquist
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  const out = new Array<number>(n).fill(mean);
  for (let k = 1; k <= kMax; k++) {
    let a = 0, b = 0;
    for (let i = 0; i < n; i++) {
      const phase = (2 * Math.PI * k * i) / n;
      a += values[i] * Math.cos(phase);
      b += values[i] * Math.sin(phase);
    }
    a *= 2 / n; b *= 2 / n;
    for (let i = 0; i < n; i++) {
      const phase = (2 * Math.PI * k * i) / n;
      out[i] += a * Math.cos(phase) + b * Math.sin(phase);
    }
  }
  return out;
}

/**
 * The small-scale part of values on a circular grid: values − fourierSmooth(values, harmonics),
 * i.e. every Fourier harmonic above `harmonics` (the smooth trend removed). Its mean is 0.
 */
export function fourierHighPass(values: readonly number[], harmonics: number): number[] {
  const trend = fourierSmooth(values, harmonics);
  return values.map((v, i) => v - trend[i]);
}
