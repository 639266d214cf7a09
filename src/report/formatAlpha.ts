import { formatInterval, formatNumber } from "../plot/index.js";
import { TOO_FEW_REPLICATES } from "./replicateInterval.js";

/**
 * A replicate summary as text: "0.93 [0.71, 1.15]" with an interval (R ≥ 3), "0.93 (too few
 * replicates: R = 2)" without, "–" when nothing could be fitted.
 */
export function formatReplicateEstimate(s: { replicates: number; ci: [number, number] | null } & ({ alpha: number } | { mean: number })): string {
  const value = "alpha" in s ? s.alpha : s.mean;
  if (s.replicates === 0 || !Number.isFinite(value)) return "–";
  return s.ci ? formatInterval(value, s.ci) : `${formatNumber(value, 3)} (${TOO_FEW_REPLICATES}: R = ${s.replicates})`;
}
