import { z } from "zod";
import { FISHER_DEFAULTS } from "./defaults.js";
import { checkOptions } from "../rules/index.js";
import { rules } from "./options.js";
import { regimeWarning, type Regime } from "./regime.js";
import { cholesky, choleskySolve, covariance, matrix, meanRows, type Matrix } from "../math/index.js";
import { gramOfRows } from "./spanShrinkage.js";
import { assertFinite, sqrtInterval, type FisherEstimate } from "./estimate.js";
import { validateTwoClass, type TwoClassData } from "./twoClass.js";
import { decoderFisher, dprimeOf, foldAssignment } from "./dprime.js";
import { createRng, permutation } from "../engine/index.js";

const schema = z.object({
  confidence: rules.fraction().optional(),
  folds: rules.intAtLeast(2).optional(),
  ridge: rules.nonNegative().optional(),
  seed: rules.seed().optional(),
}).strict();

export type LinearDecoderOptions = z.infer<typeof schema>;

/** Where `linearDecoder()` is calibrated (measured by `fisherlab validate`, docs/validation.md). */
export const LINEAR_DECODER_REGIME: Regime = {
  description: "no outliers, T ≥ 5N, T·I·δ² ≥ 20N, I·δ² ≤ 2 (measured −10% ± 4% at T·I·δ² = 4.5N; coverage 1.00 at I·δ² = 10)",
  contains: (c) => !c.outliers && c.samples >= 5 * c.units && c.samples * c.fisher * (c.delta ?? 0) ** 2 >= 20 * c.units && c.fisher * (c.delta ?? 0) ** 2 <= 2,
};

/**
 * Least-squares linear decoder of the stimulus (docs/estimators.md, `linear-decoder`): on each training fold,
 * regress the class label (±½) on the activity with an intercept, w = Cov(X)⁻¹ Cov(X, y) (the
 * Fisher discriminant direction); held-out decision values wᵀx of every trial give d′ and
 * I = (d′/δ)². Cross-validation makes d′ free of the in-sample overfitting bias (it is slightly
 * biased low instead). Uncertainty: normal approximation of Var(d̂′) (dprime.ts).
 * Not robust: gross outliers inflate the decision-value spread and collapse d′.
 */
export function linearDecoder(options: LinearDecoderOptions = {}) {
  const o = checkOptions("linearDecoder()", schema, options ?? {});
  const resolved = {
    confidence: o.confidence ?? FISHER_DEFAULTS.confidence,
    folds: o.folds ?? FISHER_DEFAULTS.folds,
    ridge: o.ridge ?? 0, // relative ridge (× mean variance) for singular covariances; 0 = plain least squares
    seed: o.seed ?? FISHER_DEFAULTS.seed,
  };
  return {
    method: "linear-decoder" as const,
    options: resolved,
    estimate(data: TwoClassData): FisherEstimate {
      const fn = "linearDecoder()";
      const d = validateTwoClass(fn, data, resolved.folds);
      const decision = crossValidated(fn, d.low, d.high, resolved.folds, resolved.seed, d.theta,
        (train, labels) => fitLeastSquares(fn, train, labels, resolved.ridge));
      const { dprime } = dprimeOf(decision.low, decision.high);
      // the plug-in decoder's loss is only corrected where its model holds: no ridge and training dof ν_tr > N + 3
      const nuTrain = ((d.low.rows + d.high.rows) * (resolved.folds - 1)) / resolved.folds - 2;
      const corrected = resolved.ridge === 0 && nuTrain > d.low.cols + 3;
      const { fisher, stderr } = decoderFisher(dprime, d.low.rows, d.high.rows, d.delta, corrected ? d.low.cols : 0, resolved.folds);
      return assertFinite(fn, { theta: d.theta, fisher, stderr, ...sqrtInterval(fisher, stderr, resolved.confidence),
        method: "linear-decoder", nSamples: d.low.rows + d.high.rows, fisherUncorrected: (dprime / d.delta) ** 2, dprime,
        warnings: regimeWarning(fn, LINEAR_DECODER_REGIME, { units: d.low.cols, samples: Math.min(d.low.rows, d.high.rows), fisher: Math.max(fisher, 0), delta: d.delta, covTerm: false, outliers: false },
          "measured −4% ± 9%, coverage 0.80 at the network defaults N = 2, T = 25, δ = 0.1, I = 50 (+179% ± 61% at δ = 0.03, where d′ ≈ 0.2 is below the noise)") });
    },
  };
}

/** A fitted decision function: maps one activity row to a scalar (larger = more like `high`). */
export type Decision = (row: Float64Array) => number;

/**
 * K-fold cross-validated decision values: trials of both classes are shuffled (seeded by seed
 * and θ), split into folds, and every trial is scored by the decoder trained without its fold.
 */
export function crossValidated(fn: string, low: Matrix, high: Matrix, folds: number, seed: number, theta: number,
  fit: (train: Matrix, labels: Float64Array) => Decision): { low: Float64Array; high: Float64Array } {
  const n = low.rows + high.rows, p = low.cols;
  const all = matrix(n, p);
  all.data.set(low.data, 0); all.data.set(high.data, low.rows * p);
  const labels = Float64Array.from({ length: n }, (_, i) => (i < low.rows ? -0.5 : 0.5));
  const rng = createRng(seed).fork(`${fn}:${theta}`);
  const fold = foldAssignment(n, folds, permutation(n, rng));
  const out = new Float64Array(n);
  for (let k = 0; k < folds; k++) {
    const trainIdx: number[] = [];
    for (let i = 0; i < n; i++) if (fold[i] !== k) trainIdx.push(i);
    const train = matrix(trainIdx.length, p);
    trainIdx.forEach((i, r) => train.data.set(all.data.subarray(i * p, (i + 1) * p), r * p));
    const decide = fit(train, Float64Array.from(trainIdx, (i) => labels[i]));
    for (let i = 0; i < n; i++) if (fold[i] === k) out[i] = decide(all.data.subarray(i * p, (i + 1) * p));
  }
  return { low: out.subarray(0, low.rows), high: out.subarray(low.rows) };
}

export function fitLeastSquares(fn: string, x: Matrix, y: Float64Array, ridge: number): Decision {
  const p = x.cols;
  const mx = meanRows(x);
  let my = 0;
  for (let i = 0; i < y.length; i++) my += y[i];
  my /= y.length;
  const singular = `${fn}: the activity covariance is singular (${x.rows} training trials, ${p} units, or constant units); pass ridge > 0 (e.g. 1e-3) or drop constant units`;
  if (p >= x.rows) {
    // rank ≤ trials − 1 < units: singular without a ridge; with one, the dual form below
    if (ridge === 0) throw new Error(singular);
    return dualRidge(fn, x, mx, y, my, ridge);
  }
  const cxx = covariance(x, 1, mx);
  if (ridge > 0) {
    let meanVar = 0;
    for (let j = 0; j < p; j++) meanVar += cxx.data[j * p + j] / p;
    for (let j = 0; j < p; j++) cxx.data[j * p + j] += ridge * meanVar;
  }
  const cxy = new Float64Array(p);
  for (let t = 0; t < x.rows; t++) for (let j = 0; j < p; j++) cxy[j] += (x.data[t * p + j] - mx[j]) * (y[t] - my) / (x.rows - 1);
  const l = cholesky(cxx);
  if (!l) throw new Error(singular);
  return linearDecision(choleskySolve(l, cxy), mx);
}

const linearDecision = (w: Float64Array, mx: Float64Array): Decision =>
  (row) => { let s = 0; for (let j = 0; j < w.length; j++) s += w[j] * (row[j] - mx[j]); return s; };

/**
 * The same ridge fit with more units than trials (a backbone block: thousands of units, tens of
 * trials), in the span of the trials: with X₀ the centred trials [n, N] and G = X₀X₀ᵀ,
 * (X₀ᵀX₀ + μI)⁻¹X₀ᵀy₀ = X₀ᵀ(G + μI)⁻¹y₀ (μ = (n − 1)·ridge·tr(C)/N, C = X₀ᵀX₀/(n − 1), the primal's
 * ridge). O(N·n²) instead of O(N³) time and O(N·n) instead of O(N²) memory; the same weights.
 */
function dualRidge(fn: string, x: Matrix, mx: Float64Array, y: Float64Array, my: number, ridge: number): Decision {
  const n = x.rows, p = x.cols;
  const x0 = new Float64Array(n * p);
  for (let t = 0; t < n; t++) for (let j = 0; j < p; j++) x0[t * p + j] = x.data[t * p + j] - mx[j];
  const g = gramOfRows(x0, n, p);
  let trace = 0;
  for (let t = 0; t < n; t++) trace += g[t * n + t];
  const mu = ridge * trace / p; // (n − 1)·ridge·meanVar with meanVar = tr(G)/((n − 1)·N)
  const h = matrix(n, n, g);
  for (let t = 0; t < n; t++) h.data[t * n + t] += mu;
  const l = mu > 0 ? cholesky(h) : null;
  if (!l) throw new Error(`${fn}: the activity covariance is singular (constant units across ${n} training trials); drop constant units`);
  const alpha = choleskySolve(l, Float64Array.from(y, (v) => v - my));
  const w = new Float64Array(p);
  for (let t = 0; t < n; t++) for (let j = 0; j < p; j++) w[j] += alpha[t] * x0[t * p + j];
  return linearDecision(w, mx);
}
