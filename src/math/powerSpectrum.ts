/**
 * Power of each Fourier harmonic k = 0 … ⌊n/2⌋ of n values on an evenly spaced circular grid:
 * |Σ_j v_j e^{−2πi jk/n}|² / n² (a plain O(n²) DFT: curves here have a few hundred points). For
 * k ≥ 1 below n/2 this is a quarter of the squared amplitude of the k-th cosine — a curve
 * c + a·cos(2πkj/n) has power a²/4 at k and c² at 0.
 */
export function powerSpectrum(values: readonly number[]): number[] {
  const n = values.length;
  if (n < 2) throw new Error(`powerSpectrum(): needs at least 2 values, got ${n}`);
  const out: number[] = [];
  for (let k = 0; k <= Math.floor(n / 2); k++) {
    let re = 0, im = 0;
    for (let j = 0; j < n; j++) {
      const a = (2 * Math.PI * j * k) / n;
      re += values[j] * Math.cos(a);
      im -= values[j] * Math.sin(a);
    }
    out.push((re * re + im * im) / (n * n));
  }
  return out;
}
