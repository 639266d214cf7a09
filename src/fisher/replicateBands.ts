import type { FisherEstimate } from "./estimate.js";

/** Per-angle summary of R replicate curves, keeping measurement noise and replicate variation apart. */
export interface ReplicateBand {
  theta: number;
  /** mean of I over replicates */
  fisher: number;
  replicates: number;
  /** sd of I across replicates (network-to-network variation plus measurement noise) */
  replicateSd: number;
  /** √(mean stderr²): the typical measurement noise of one replicate's estimate */
  estimatorStderr: number;
  /** √max(replicateSd² − estimatorStderr², 0): the spread the measurement noise does not explain */
  networkSd: number;
  /** standard error of the mean curve, replicateSd/√R */
  meanStderr: number;
}

/**
 * Combine replicate curves measured on the same angles (e.g. fine-tuned networks from different
 * seeds): bands for the replicate spread and for the estimator uncertainty, reported separately,
 * so a reader can tell measurement noise from network-to-network variation.
 */
export function replicateBands(curves: readonly (readonly FisherEstimate[])[]): ReplicateBand[] {
  const fn = "replicateBands()";
  if (curves.length < 2) throw new Error(`${fn}: needs ≥ 2 replicate curves, got ${curves.length}`);
  const n = curves[0].length;
  curves.forEach((c, r) => {
    if (c.length !== n) throw new Error(`${fn}: replicate ${r} has ${c.length} angles but replicate 0 has ${n}; measure every replicate on the same angles`);
    c.forEach((e, i) => {
      if (Math.abs(e.theta - curves[0][i].theta) > 1e-9) throw new Error(`${fn}: replicate ${r} angle ${i} is ${e.theta}, replicate 0 has ${curves[0][i].theta}`);
    });
  });
  const r = curves.length;
  return Array.from({ length: n }, (_, i) => {
    const values = curves.map((c) => c[i].fisher);
    const mean = values.reduce((s, v) => s + v, 0) / r;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (r - 1));
    const est = Math.sqrt(curves.reduce((s, c) => s + c[i].stderr ** 2, 0) / r);
    return { theta: curves[0][i].theta, fisher: mean, replicates: r, replicateSd: sd, estimatorStderr: est,
      networkSd: Math.sqrt(Math.max(sd * sd - est * est, 0)), meanStderr: sd / Math.sqrt(r) };
  });
}
