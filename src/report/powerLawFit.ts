import { studentTQuantile } from "../math/index.js";

/** An ordinary-least-squares fit of log I = log c + α·log p. */
export interface PowerLawFit {
  /** The exponent α (slope in log–log). */
  alpha: number;
  /** log c (natural log): the fitted line is I = exp(logC)·p^α. */
  logC: number;
  /** Standard error of α under the OLS assumptions (independent residuals). */
  stderr: number;
  /** Confidence interval for α from the t-distribution with n − 2 degrees of freedom. */
  ci: [number, number];
  /** Grid points used (both p > 0 and I > 0, finite). */
  n: number;
  /** Grid points dropped because p or I was ≤ 0 or not finite (bias-corrected I can be negative). */
  excluded: number;
  /** Coefficient of determination of the log–log fit. */
  r2: number;
}

/**
 * Fit I ∝ p^α by OLS of ln I on ln p over the grid (docs/science.md: efficient coding predicts
 * I ∝ p^α). The interval is the textbook one and assumes independent residuals; neighbouring grid
 * points of a measured I(θ) are strongly correlated (smooth curves, shared networks), so the
 * effective sample size is far below n and this interval is optimistic. Prefer
 * `replicatePowerLaw`, which treats each network as one independent observation of α.
 * Returns null when fewer than 3 usable points remain or ln p does not vary (a uniform training
 * density carries no information about α).
 */
export function fitPowerLaw(density: ArrayLike<number>, fisher: ArrayLike<number>, level = 0.95): PowerLawFit | null {
  if (density.length !== fisher.length) {
    throw new Error(`fitPowerLaw(): density and fisher must have equal lengths, got ${density.length} and ${fisher.length}`);
  }
  if (!(level > 0 && level < 1)) throw new Error(`fitPowerLaw(): level must be in (0, 1), got ${level}`);
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < density.length; i++) {
    const p = density[i], I = fisher[i];
    if (p > 0 && I > 0 && Number.isFinite(p) && Number.isFinite(I)) { xs.push(Math.log(p)); ys.push(Math.log(I)); }
  }
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n, my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx, dy = ys[i] - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  if (sxx < 1e-12 * n) return null;
  const alpha = sxy / sxx;
  const logC = my - alpha * mx;
  const rss = Math.max(0, syy - alpha * sxy);
  const stderr = Math.sqrt(rss / (n - 2) / sxx);
  const t = studentTQuantile(1 - (1 - level) / 2, n - 2);
  return { alpha, logC, stderr, ci: [alpha - t * stderr, alpha + t * stderr], n, excluded: density.length - n, r2: syy > 0 ? 1 - rss / syy : 1 };
}

/** α estimated per replicate network and summarised across replicates. */
export interface ReplicatePowerLaw {
  /** Mean of the per-replicate α. */
  alpha: number;
  /** Sample standard deviation of the per-replicate α (NaN with one replicate). */
  sd: number;
  /** mean ± t(R−1)·sd/√R; null with fewer than 2 replicates. */
  ci: [number, number] | null;
  /** Each replicate's own OLS fit (null where that replicate's fit was undefined). */
  fits: (PowerLawFit | null)[];
  /** Replicates with a defined fit. */
  replicates: number;
}

/**
 * The block (replicate) interval for α: fit α separately on each replicate's I(θ), then report
 * mean ± t_{R−1}·sd/√R. Replicates are independently trained networks, so their α are
 * independent draws and this interval accounts for network-to-network variation and for the
 * within-curve correlation that makes the pooled OLS interval too narrow. It is the main interval
 * whenever R ≥ 2.
 */
export function replicatePowerLaw(density: ArrayLike<number>, curves: readonly ArrayLike<number>[], level = 0.95): ReplicatePowerLaw {
  const fits = curves.map((c) => fitPowerLaw(density, c, level));
  const alphas = fits.filter((f): f is PowerLawFit => f !== null).map((f) => f.alpha);
  const R = alphas.length;
  const alpha = R ? alphas.reduce((a, b) => a + b, 0) / R : NaN;
  const sd = R > 1 ? Math.sqrt(alphas.reduce((a, b) => a + (b - alpha) ** 2, 0) / (R - 1)) : NaN;
  let ci: [number, number] | null = null;
  if (R >= 2) {
    const h = studentTQuantile(1 - (1 - level) / 2, R - 1) * (sd / Math.sqrt(R));
    ci = [alpha - h, alpha + h];
  }
  return { alpha, sd, ci, fits, replicates: R };
}
