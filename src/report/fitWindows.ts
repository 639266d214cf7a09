import { replicatePowerLaw, type ReplicatePowerLaw } from "./powerLawFit.js";

/** Which grid angles enter a fit of log I on log p: those where the training density p is high enough. */
export interface FitWindow {
  /** Short key for tables and CSV, e.g. "p>10%". */
  key: string;
  /** Label for readers, e.g. "p > 10% of max". */
  label: string;
  /** The window keeps grid angles with p(θ) > minFraction · max p (0: every angle). */
  minFraction: number;
}

/**
 * The exponent's fit windows. I(θ) of a trained network is rarely a power law over the whole
 * grid: it saturates near the training mode and levels off at a floor in the tail, where p is
 * tiny (docs/report.md, "Exponent by fit window"). The all-angles slope mixes those regimes; the
 * windows drop the tail step by step, so a slope that holds only where p is large shows up as a
 * change across windows instead of being averaged away.
 */
export const FIT_WINDOWS: readonly FitWindow[] = [
  { key: "all", label: "all angles", minFraction: 0 },
  { key: "p>1%", label: "p > 1% of max", minFraction: 0.01 },
  { key: "p>10%", label: "p > 10% of max", minFraction: 0.1 },
  { key: "p>30%", label: "p > 30% of max", minFraction: 0.3 },
];

/** α over one window, for the full I and (where recorded) for the mean term alone. */
export interface WindowFit {
  window: FitWindow;
  /** The density threshold in rad⁻¹ (minFraction · max p). */
  threshold: number;
  /** Grid angles inside the window. */
  points: number;
  /** Per-replicate fits of I over the window, summarised across replicates. */
  fit: ReplicatePowerLaw;
  /** The same for the mean term μ'ᵀΣ⁻¹μ' of the derivative estimator; null when it was not recorded. */
  meanTerm: ReplicatePowerLaw | null;
}

/** Indices of the grid angles in `window` (p > minFraction·max p, and p > 0). */
export function windowIndices(density: ArrayLike<number>, window: FitWindow): number[] {
  let max = -Infinity;
  for (let i = 0; i < density.length; i++) if (density[i] > max) max = density[i];
  const threshold = window.minFraction * max;
  const out: number[] = [];
  for (let i = 0; i < density.length; i++) if (density[i] > threshold && density[i] > 0) out.push(i);
  return out;
}

/**
 * Fit α per replicate in every window of `windows` (default FIT_WINDOWS). `curves` are the
 * replicates' I(θ) on the grid of `density`; `meanTerms` the replicates' mean terms on the same
 * grid, or null. Each window's interval needs ≥ 3 replicates (see replicateInterval).
 */
export function windowFits(density: ArrayLike<number>, curves: readonly ArrayLike<number>[], meanTerms: readonly ArrayLike<number>[] | null,
  windows: readonly FitWindow[] = FIT_WINDOWS, level = 0.95): WindowFit[] {
  for (const [r, c] of [...curves, ...(meanTerms ?? [])].entries()) {
    if (c.length !== density.length) throw new Error(`windowFits(): curve ${r} has ${c.length} values but the density grid has ${density.length}`);
  }
  let max = -Infinity;
  for (let i = 0; i < density.length; i++) if (density[i] > max) max = density[i];
  return windows.map((window) => {
    const idx = windowIndices(density, window);
    const pick = (c: ArrayLike<number>) => idx.map((i) => c[i]);
    const p = pick(density);
    return {
      window, threshold: window.minFraction * max, points: idx.length,
      fit: replicatePowerLaw(p, curves.map(pick), level),
      meanTerm: meanTerms && meanTerms.length > 0 ? replicatePowerLaw(p, meanTerms.map(pick), level) : null,
    };
  });
}
