/**
 * Bias correction and variance of the plug-in linear Fisher information Î = μ̂'ᵀ Σ̂⁻¹ μ̂' when
 * μ̂' has noise covariance v·Σ and Σ̂ has ν degrees of freedom (Wishart). For the two-class
 * sampling design with T trials per class, v = 2/(T δ²) and ν = 2T − 2, and these reduce to
 * Kanitscheider et al. 2015 (PLoS Comput Biol 11:e1004218, eqs. 12 and 13):
 *   I_bc = Î (2T − N − 3)/(2T − 2) − 2N/(T δ²)
 *   Var(I_bc) = 2 I²/(2T − N − 5) · [1 + 4(2T − 3)/(T I δ²) + 4N(2T − 3)/(T I δ²)²].
 * In general form: I_bc = Î (ν − N − 1)/ν − N v and
 *   Var = [2 I² + 4 v I (ν − 1) + 2 N v² (ν − 1)] / (ν − N − 3),
 * which the smoothed-derivative and robust estimators use with their own v and ν.
 */
export function correctLinearFisher(raw: number, units: number, v: number, nu: number): { fisher: number; variance: number } {
  const fisher = (raw * (nu - units - 1)) / nu - units * v;
  // the variance is evaluated at max(I, 0): the true I is never negative, and this keeps it finite
  const i = Math.max(fisher, 0);
  const variance = (2 * i * i + 4 * v * i * (nu - 1) + 2 * units * v * v * (nu - 1)) / (nu - units - 3);
  return { fisher, variance };
}

/** True when a covariance with ν degrees of freedom can be inverted with the correction above. */
export function sampleCovarianceValid(units: number, nu: number, margin: number): boolean {
  return nu > units + margin;
}
