import { z } from "zod";
import { FISHER_DEFAULTS } from "./defaults.js";
import { checkOptions } from "../rules/index.js";
import { rules } from "./options.js";
import { regimeWarning, type Regime } from "./regime.js";
import { cholesky, choleskySolve, jackknifeStderr, matrix, meanRows, pooledCovariance, quadraticForm, selectRows, type Matrix } from "../math/index.js";
import { shrunkQuadraticForms } from "./spanShrinkage.js";
import { correctLinearFisher, sampleCovarianceValid } from "./linearFisher.js";
import { ledoitWolf } from "./ledoitWolf.js";
import { assertFinite, normalInterval, type FisherEstimate } from "./estimate.js";
import { validateTwoClass, type TwoClassData } from "./twoClass.js";
import { createRng, permutation, type Rng } from "../engine/index.js";

/** The covariance estimates of sampling(): auto picks Ledoit–Wolf when the pooled covariance has too few dof. */
export const SAMPLING_COVARIANCES = ["auto", "sample", "ledoit-wolf"] as const;

const schema = z.object({
  confidence: rules.fraction().optional(),
  covariance: z.enum(SAMPLING_COVARIANCES, { error: "must be 'auto', 'sample' or 'ledoit-wolf'" }).optional(),
  seed: rules.seed().optional(),
}).strict();

export type SamplingOptions = z.infer<typeof schema>;

/** Where `sampling()` is calibrated (measured by `fisherlab validate`, docs/validation.md). */
export const SAMPLING_REGIME: Regime = {
  description: "5 ≤ N ≤ 20 units, T ≥ 50 trials per class, sample covariance (2T − 2 > N + 3), no outliers, T·I·δ² ≥ 5N and I·δ² ≤ 2. Unbiased outside it too wherever the sample covariance is used (|bias| ≤ 10% beyond 2 Monte-Carlo errors in every such clean cell of docs/validation.md), but the normal interval under-covers at N = 2 (0.80–0.89), over-covers at N = 60 (stderr/sd 1.2–1.7) and at T·I·δ² < 5N (sd ≫ I), and under-covers at T = 25 and I·δ² = 10",
  contains: (c) => c.units >= 5 && c.units <= 20 && c.samples >= 50 && 2 * c.samples - 2 > c.units + 3 && !c.outliers && c.samples * c.fisher * (c.delta ?? 0) ** 2 >= 5 * c.units && c.fisher * (c.delta ?? 0) ** 2 <= 2,
};

/**
 * Linear Fisher information from samples at θ ± δ/2 (docs/estimators.md, `sampling`; Kanitscheider et al. 2015):
 * Î = Δμᵀ Σ̄⁻¹ Δμ / δ², Σ̄ the pooled covariance, bias-corrected and with the variance of
 * Kanitscheider et al. 2015 (eqs. 12–13, see linearFisher.ts). When the pooled covariance has
 * too few degrees of freedom (ν = T_low + T_high − 2 ≤ N + 3) `covariance: "auto"` switches to
 * Ledoit–Wolf shrinkage (with a warning) and split-half mean differences that remove the
 * mean-noise bias (shrinkageFisher); the standard error then comes from a delete-one jackknife
 * over trials with the splits held fixed.
 */
export function sampling(options: SamplingOptions = {}) {
  const o = checkOptions("sampling()", schema, options ?? {});
  const confidence = o.confidence ?? FISHER_DEFAULTS.confidence;
  const mode = o.covariance ?? "auto";
  const seed = o.seed ?? FISHER_DEFAULTS.seed;
  return {
    method: "sampling" as const,
    options: { confidence, covariance: mode, seed },
    estimate(data: TwoClassData): FisherEstimate {
      const fn = "sampling()";
      const d = validateTwoClass(fn, data);
      const { low, high, delta } = d;
      const units = low.cols, nu = low.rows + high.rows - 2;
      const v = (1 / low.rows + 1 / high.rows) / (delta * delta);
      const warnings: string[] = [];
      const useSample = mode === "sample" || (mode === "auto" && sampleCovarianceValid(units, nu, FISHER_DEFAULTS.shrinkageMargin));
      if (mode === "sample" && nu <= units + 3) {
        throw new Error(`${fn}: the bias correction needs 2T > N + 5 (covariance dof ${nu} > units ${units} + 3); record more trials or use covariance 'auto' or 'ledoit-wolf' (fisherlab fisher --covariance ledoit-wolf)`);
      }
      let est: Omit<FisherEstimate, "ciLow" | "ciHigh">;
      if (useSample) {
        const sigma = pooledCovariance([low, high]);
        const l = cholesky(sigma);
        if (!l) throw new Error(`${fn}: the pooled covariance is singular (constant or linearly dependent units); drop those units or use covariance 'ledoit-wolf' (fisherlab fisher --covariance ledoit-wolf)`);
        const raw = quadraticForm(l, meanDifference(low, high)) / (delta * delta);
        const { fisher, variance } = correctLinearFisher(raw, units, v, nu);
        warnings.push(...regimeWarning(fn, SAMPLING_REGIME, { units, samples: Math.min(low.rows, high.rows), fisher: Math.max(fisher, 0), delta, covTerm: false, outliers: false },
          "unbiased there too, but the normal interval is unreliable: measured −1% ± 11%, coverage 0.87 at the network defaults N = 2, T = 25, δ = 0.1, I = 50 (sd 4.9× I at δ = 0.03)"));
        est = { theta: d.theta, fisher, stderr: Math.sqrt(variance), method: "sampling", nSamples: low.rows + high.rows,
          fisherUncorrected: raw, covariance: "sample", warnings };
      } else {
        if (mode === "auto") warnings.push(`sampling(): ${low.rows}+${high.rows} trials for ${units} units (covariance dof ${nu} ≤ units + 3): using Ledoit–Wolf shrinkage, whose I can be biased (measured up to +145% on correlated noise; README, "More units than trials"); record more trials (2T > N + 5) for an unbiased value`);
        const rng = createRng(seed).fork(`sampling:${d.theta}`);
        const { fisher, raw, stderr } = shrinkageFisher(low, high, delta, rng);
        est = { theta: d.theta, fisher, stderr, method: "sampling", nSamples: low.rows + high.rows,
          fisherUncorrected: raw, covariance: "ledoit-wolf", warnings };
      }
      return assertFinite(fn, { ...est, ...normalInterval(est.fisher, est.stderr, confidence) });
    },
  };
}

export function meanDifference(low: Matrix, high: Matrix): Float64Array {
  const a = meanRows(low), b = meanRows(high);
  return b.map((x, i) => x - a[i]);
}

/** Rows of both classes, each centred on its own class mean, [T_low + T_high, N]. */
export function centeredClasses(classes: readonly Matrix[]): Matrix {
  const n = classes[0].cols;
  const out = matrix(classes.reduce((s, c) => s + c.rows, 0), n);
  let r = 0;
  for (const c of classes) {
    const m = meanRows(c);
    for (let t = 0; t < c.rows; t++, r++) for (let j = 0; j < n; j++) out.data[r * n + j] = c.data[t * n + j] - m[j];
  }
  return out;
}

/**
 * Linear FI with a Ledoit–Wolf covariance Ĉ in the N > T regime, free of the mean-noise bias by
 * split halves: each class is split at random into halves a and b, Ĉ is fitted to the residuals
 * about the four half-class means, and I = Δμ_aᵀ Ĉ⁻¹ Δμ_b / δ². For Gaussian noise the half means
 * are independent of each other and of Ĉ, so E[I] = Δμᵀ E[Ĉ⁻¹] Δμ / δ² exactly: the only bias
 * left is the shrinkage's own (measured in test/fisher/shrinkage.test.ts). Averaged over `splits`
 * random splits. `raw` is the plug-in Δμᵀ Ĉ⁻¹ Δμ / δ² on all trials (biased up by ≈ v·tr(Ĉ⁻¹Σ)).
 *
 * `stderr`: delete-one jackknife over the trials of both classes with the splits held fixed (a
 * dropped trial leaves its half). A bootstrap over trials over-stated it 3.5× at N = 60, T = 25
 * (copies of a trial make Ĉ noisier than the data's own) and 7–30× at N = 8 192, where the two
 * halves can share a copy's noise; the jackknife measured stderr/sd 1.0–1.2 at N = 60
 * (docs/estimators.md, "More units than trials").
 */
export function shrinkageFisher(low: Matrix, high: Matrix, delta: number, rng: Rng, splits = 8): { fisher: number; raw: number; stderr: number } {
  const d2 = delta * delta;
  const dm = meanDifference(low, high);
  const raw = shrunkBilinear(centeredClasses([low, high]), dm, dm) / d2;
  const assignments = Array.from({ length: splits }, () => [halfSplit(low.rows, rng), halfSplit(high.rows, rng)] as const);
  const estimate = (dropLow: number, dropHigh: number) => {
    let sum = 0;
    for (const [l, h] of assignments) {
      const keep = (rows: Int32Array, drop: number) => (drop < 0 ? rows : rows.filter((r) => r !== drop));
      const la = selectRows(low, keep(l[0], dropLow)), lb = selectRows(low, keep(l[1], dropLow));
      const ha = selectRows(high, keep(h[0], dropHigh)), hb = selectRows(high, keep(h[1], dropHigh));
      sum += shrunkBilinear(centeredClasses([la, lb, ha, hb]), meanDifference(la, ha), meanDifference(lb, hb)) / d2;
    }
    return sum / splits;
  };
  const fisher = estimate(-1, -1);
  const leaveOneOut: number[] = [];
  for (let t = 0; t < low.rows; t++) leaveOneOut.push(estimate(t, -1));
  for (let t = 0; t < high.rows; t++) leaveOneOut.push(estimate(-1, t));
  return { fisher, raw, stderr: jackknifeStderr(leaveOneOut) };
}

/**
 * uᵀ Ĉ⁻¹ w for the Ledoit–Wolf covariance Ĉ of `centered` [n, N]: densely (ledoitWolf + Cholesky,
 * O(N³) time, O(N²) memory) or, when the units outnumber the rows (a backbone block: thousands of
 * units, 50 trials), in the span of the rows (spanShrinkage.ts, O(N·n²) and O(N·n)); the same numbers.
 */
function shrunkBilinear(centered: Matrix, u: Float64Array, w: Float64Array): number {
  const singular = "the shrunk covariance is singular (all units constant?); drop constant units";
  const units = centered.cols;
  if (units > centered.rows + 2) {
    const v = matrix(2, units);
    v.data.set(u, 0); v.data.set(w, units);
    return shrunkQuadraticForms("shrinkageFisher()", centered, v, singular)[1];
  }
  const l = cholesky(ledoitWolf(centered).covariance);
  if (!l) throw new Error(`shrinkageFisher(): ${singular}`);
  const y = choleskySolve(l, w);
  let q = 0;
  for (let i = 0; i < u.length; i++) q += u[i] * y[i];
  return q;
}

/** Rows 0..n−1 split at random into two halves (⌊n/2⌋ and the rest). */
function halfSplit(n: number, rng: Rng): [Int32Array, Int32Array] {
  const p = permutation(n, rng);
  return [p.slice(0, n >> 1), p.slice(n >> 1)];
}
