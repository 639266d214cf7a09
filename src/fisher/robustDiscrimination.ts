import { z } from "zod";
import { FISHER_DEFAULTS } from "./defaults.js";
import { checkOptions } from "../rules/index.js";
import { rules } from "./options.js";
import { regimeWarning, type Regime } from "./regime.js";
import { cholesky, matrix, quadraticForm } from "../math/index.js";
import { correctLinearFisher } from "./linearFisher.js";
import { mcd, reweightConsistency, type McdFit } from "./mcd.js";
import { assertFinite, normalInterval, type FisherEstimate } from "./estimate.js";
import { validateTwoClass, type TwoClassData } from "./twoClass.js";
import { createRng } from "../engine/index.js";

const schema = z.object({
  confidence: rules.fraction().optional(),
  supportFraction: rules.fraction().optional(),
  seed: rules.seed().optional(),
}).strict();

export type RobustOptions = z.infer<typeof schema>;

/** Where `robustDiscrimination()` is calibrated (measured by `fisherlab validate`, docs/validation.md). */
export const ROBUST_REGIME: Regime = {
  description: "T ≥ 100 and T ≥ 50N trials per class, T·I·δ² ≥ 20N, I·δ² ≤ 2; clean or up to 10% outliers (measured +13% ± 8% at N = 5, T = 100 and +51% at N = 20, T = 100)",
  contains: (c) => c.samples >= 100 && c.samples >= 50 * c.units && c.samples * c.fisher * (c.delta ?? 0) ** 2 >= 20 * c.units && c.fisher * (c.delta ?? 0) ** 2 <= 2,
};

/**
 * Robust discrimination (docs/estimators.md, `robust`): FastMCD per class (mcd.ts,
 * scikit-learn MinCovDet definition), robust means m_low, m_high and the pooled reweighted
 * covariance Σ = (n_l Σ_l + n_h Σ_h)/(n_l + n_h − 2)/c_p, where n are the reweighted support sizes
 * and c_p the reweighting consistency factor (Croux & Haesbroeck 1999) that scikit-learn omits.
 * d′² = Δmᵀ Σ⁻¹ Δm, I_raw = d′²/δ², then the Kanitscheider correction with T → support sizes
 * (linearFisher.ts). Uncertainty: the same analytic variance with the support sizes (it ignores
 * the MCD's slightly lower efficiency than the sample mean, so it is a little optimistic).
 */
export function robustDiscrimination(options: RobustOptions = {}) {
  const o = checkOptions("robustDiscrimination()", schema, options ?? {});
  const resolved = {
    confidence: o.confidence ?? FISHER_DEFAULTS.confidence,
    supportFraction: o.supportFraction,
    seed: o.seed ?? FISHER_DEFAULTS.seed,
  };
  return {
    method: "robust" as const,
    options: resolved,
    estimate(data: TwoClassData): FisherEstimate & { fits: [McdFit, McdFit] } {
      const fn = "robustDiscrimination()";
      const d = validateTwoClass(fn, data);
      const p = d.low.cols;
      if (d.low.rows < 2 * p + 2 || d.high.rows < 2 * p + 2) {
        throw new Error(`${fn}: MCD needs more than 2·units + 1 trials per class, got ${d.low.rows} and ${d.high.rows} for ${p} units; record more trials or project on fewer dimensions`);
      }
      const rng = createRng(resolved.seed).fork(`robust:${d.theta}`);
      const fits: [McdFit, McdFit] = [
        mcd(d.low, rng.fork("low"), { supportFraction: resolved.supportFraction }),
        mcd(d.high, rng.fork("high"), { supportFraction: resolved.supportFraction }),
      ];
      const counts = fits.map((f) => f.support.reduce((s, v) => s + v, 0));
      const c = reweightConsistency(p);
      const sigma = matrix(p, p);
      for (let i = 0; i < p * p; i++) {
        sigma.data[i] = (counts[0] * fits[0].covariance.data[i] + counts[1] * fits[1].covariance.data[i]) / (counts[0] + counts[1] - 2) / c;
      }
      const l = cholesky(sigma);
      if (!l) throw new Error(`${fn}: the pooled robust covariance is singular (constant or dependent units); drop those units`);
      const dm = fits[1].location.map((x, i) => x - fits[0].location[i]);
      const delta = d.delta;
      const raw = quadraticForm(l, dm) / (delta * delta);
      const nu = counts[0] + counts[1] - 2;
      const v = (1 / counts[0] + 1 / counts[1]) / (delta * delta);
      if (nu <= p + 3) throw new Error(`${fn}: too few inliers (${counts.join(" + ")}) for ${p} units`);
      const { fisher, variance } = correctLinearFisher(raw, p, v, nu);
      const warnings = regimeWarning(fn, ROBUST_REGIME, { units: p, samples: Math.min(d.low.rows, d.high.rows), fisher: Math.max(fisher, 0), delta, covTerm: false, outliers: false },
        "measured +325% ± 127% at the network defaults N = 2, T = 25, δ = 0.03, I = 50, +51% ± 14% at N = 20, T = 100");
      const stderr = Math.sqrt(variance);
      const est = assertFinite(fn, { theta: d.theta, fisher, stderr, ...normalInterval(fisher, stderr, resolved.confidence),
        method: "robust", nSamples: d.low.rows + d.high.rows, fisherUncorrected: raw,
        dprime: delta * Math.sqrt(Math.max(fisher, 0)), covariance: "sample", warnings });
      return { ...est, fits };
    },
  };
}
