/**
 * Cosine similarity of two 2-d vectors and its gradient with respect to the first, as
 * torch.nn.functional.cosine_similarity computes it: each norm clamped below at eps = 1e-8.
 */
export const COSINE_EPS = 1e-8; // PyTorch's cosine_similarity default: avoids 0/0 at a zero vector

/** cos(p, t); writes d cos/d p into g. */
export function cosineWithGrad(p0: number, p1: number, t0: number, t1: number, g: Float64Array): number {
  const np = Math.max(Math.hypot(p0, p1), COSINE_EPS);
  const nt = Math.max(Math.hypot(t0, t1), COSINE_EPS);
  const cos = (p0 * t0 + p1 * t1) / (np * nt);
  // ∂/∂p [⟨p,t⟩/(|p||t|)] = t/(|p||t|) − cos·p/|p|²  (the second term vanishes where |p| is clamped)
  const clamped = np === COSINE_EPS;
  g[0] = t0 / (np * nt) - (clamped ? 0 : (cos * p0) / (np * np));
  g[1] = t1 / (np * nt) - (clamped ? 0 : (cos * p1) / (np * np));
  return cos;
}
