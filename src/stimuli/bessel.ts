/**
 * Exponentially scaled modified Bessel function of order 0: i0e(x) = exp(-|x|)·I₀(x).
 * Scaled so that the von Mises normaliser does not overflow for κ up to 10⁶ (I₀(1000) ≈ e¹⁰⁰⁰).
 * Power series for |x| ≤ 30 (all terms positive: no cancellation), the asymptotic series
 * (Abramowitz & Stegun 9.7.1) above, truncated at its smallest term: both reach ~1e-15 relative.
 */
export function i0e(x: number): number {
  const ax = Math.abs(x);
  if (ax <= 30) {
    const q = (ax * ax) / 4;
    let term = 1, sum = 1;
    for (let k = 1; k < 500; k++) {
      term *= q / (k * k);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return sum * Math.exp(-ax);
  }
  // I₀(x) ~ eˣ/√(2πx) · Σ_k ((2k-1)!!)² / (k! (8x)^k)
  let term = 1, sum = 1;
  for (let k = 1; k < 100; k++) {
    const next = (term * (2 * k - 1) * (2 * k - 1)) / (k * 8 * ax);
    if (next >= term) break;
    term = next;
    sum += term;
    if (term < 1e-17) break;
  }
  return sum / Math.sqrt(2 * Math.PI * ax);
}
