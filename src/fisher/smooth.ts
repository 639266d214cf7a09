import { z } from "zod";
import { FISHER_DEFAULTS } from "./defaults.js";
import { checkOptions } from "../rules/index.js";
import { rules } from "./options.js";
import { cholesky, choleskyInverse, matrix, quadraticForm, type Matrix } from "../math/index.js";
import { correctLinearFisher, sampleCovarianceValid } from "./linearFisher.js";
import { ledoitWolf } from "./ledoitWolf.js";
import { circularDerivative, savitzkyGolayDerivativeWeights } from "./savitzkyGolay.js";
import { toMatrix, type Activity } from "./activity.js";
import { assertFinite, normalInterval, type FisherEstimate } from "./estimate.js";

/** Trials on a dense, equally spaced grid of stimulus values covering one period. */
export interface GridData {
  responses: Activity;
  stimuli: ArrayLike<number>;
  /** the circular domain: 2π for objects, π for gratings */
  period: number;
}

const schema = z.object({
  confidence: rules.fraction().optional(),
  window: rules.intAtLeast(3).refine((w) => w % 2 === 1, "must be odd").optional(),
  points: rules.positiveInt().optional(),
}).strict();

export type SmoothOptions = z.infer<typeof schema>;

/**
 * Smoothed-derivative linear FI (docs/estimators.md, `smooth`; Savitzky & Golay 1964): means on the dense grid, their
 * derivative by a circular Savitzky–Golay filter (polyorder 2), covariances of the residuals
 * (trial minus its grid mean) pooled over the grid values nearest each of `points` coarse
 * angles, and I = μ'ᵀΣ⁻¹μ' there. Bias correction and variance as linearFisher.ts with
 * v = Σ_k c_k²/m_k (the SG derivative's noise, c the filter weights, m trials per grid value)
 * and ν = residual degrees of freedom (trials − grid values in the window). In the N > T regime
 * the residual covariance is Ledoit–Wolf shrunk, fisher = raw − v·tr(Σ̂⁻¹S) and the stderr keeps
 * only the mean-noise part √(4vI + 2Nv²) (optimistic; warned).
 */
export function smooth(options: SmoothOptions = {}) {
  const o = checkOptions("smooth()", schema, options ?? {});
  const resolved = {
    confidence: o.confidence ?? FISHER_DEFAULTS.confidence,
    window: o.window ?? FISHER_DEFAULTS.sgWindow,
    points: o.points ?? FISHER_DEFAULTS.smoothPoints,
  };
  return {
    method: "smooth" as const,
    options: resolved,
    estimate(data: GridData): FisherEstimate[] {
      const fn = "smooth()";
      const x = toMatrix(fn, "responses", data.responses);
      const grid = gridOf(fn, data.stimuli, x.rows, data.period);
      const units = x.cols, g = grid.values.length;
      // both limits in one message, so that following its advice cannot meet the other refusal
      const over = [resolved.window > g ? `window ${resolved.window}` : "", resolved.points > g ? `points ${resolved.points}` : ""].filter(Boolean);
      if (over.length > 0) {
        // the largest valid window: odd, ≥ 3 (gridOf guarantees g ≥ 3)
        const fixes = [resolved.window > g ? `window ${g % 2 === 1 ? g : g - 1} or less (odd, ≥ 3)` : "", resolved.points > g ? `points ${g} or less` : ""].filter(Boolean);
        throw new Error(`smooth(): ${over.join(" and ")} ${over.length > 1 ? "exceed" : "exceeds"} the ${g} grid values; pass ${fixes.join(" and ")} (fisher --window, --points), or record responses at more angles`);
      }
      // grid means [G, N]
      const means = new Float64Array(g * units);
      for (let t = 0; t < x.rows; t++) for (let j = 0; j < units; j++) means[grid.index[t] * units + j] += x.data[t * units + j];
      for (let k = 0; k < g; k++) for (let j = 0; j < units; j++) means[k * units + j] /= grid.counts[k];
      const slope = circularDerivative(means, g, units, resolved.window, grid.spacing);
      const c = savitzkyGolayDerivativeWeights(resolved.window, grid.spacing);
      const half = (resolved.window - 1) / 2;
      const out: FisherEstimate[] = [];
      for (let p = 0; p < resolved.points; p++) {
        const centre = Math.round((p * g) / resolved.points) % g;
        // grid values assigned to this coarse point: the nearest ⌈G/points⌉ around it
        const lo = Math.round(((p - 0.5) * g) / resolved.points), hi = Math.round(((p + 0.5) * g) / resolved.points);
        const members = new Set<number>();
        for (let k = lo; k < hi; k++) members.add(((k % g) + g) % g);
        const rows: number[] = [];
        for (let t = 0; t < x.rows; t++) if (members.has(grid.index[t])) rows.push(t);
        const resid = matrix(rows.length, units);
        rows.forEach((t, r) => { for (let j = 0; j < units; j++) resid.data[r * units + j] = x.data[t * units + j] - means[grid.index[t] * units + j]; });
        const nu = rows.length - members.size;
        let v = 0;
        for (let w = 0; w < c.length; w++) v += (c[w] * c[w]) / grid.counts[(((centre + w - half) % g) + g) % g];
        const dmu = slope.subarray(centre * units, (centre + 1) * units);
        const warnings: string[] = [];
        let fisher: number, raw: number, stderr: number, kind: "sample" | "ledoit-wolf";
        if (sampleCovarianceValid(units, nu, FISHER_DEFAULTS.shrinkageMargin)) {
          const sigma = scaled(resid, 1 / nu);
          const l = cholesky(sigma);
          if (!l) throw new Error(`${fn}: the residual covariance near θ = ${grid.values[centre]} is singular (constant or dependent units); drop those units`);
          raw = quadraticForm(l, dmu);
          const corrected = correctLinearFisher(raw, units, v, nu);
          fisher = corrected.fisher; stderr = Math.sqrt(corrected.variance); kind = "sample";
        } else {
          warnings.push(`smooth(): ${rows.length} trials for ${units} units near θ = ${grid.values[centre]}: using Ledoit–Wolf shrinkage, whose I can be biased (README, "More units than trials"), and the stderr ignores covariance noise; record more trials per angle`);
          const lw = ledoitWolf(resid);
          const l = cholesky(lw.covariance);
          if (!l) throw new Error(`${fn}: the shrunk covariance is singular (all units constant?)`);
          raw = quadraticForm(l, dmu);
          const inv = choleskyInverse(l), s = scaled(resid, 1 / Math.max(nu, 1));
          let tr = 0;
          for (let i = 0; i < units * units; i++) tr += inv.data[i] * s.data[i];
          fisher = raw - v * tr;
          const i0 = Math.max(fisher, 0);
          stderr = Math.sqrt(4 * v * i0 + 2 * units * v * v);
          kind = "ledoit-wolf";
        }
        out.push(assertFinite(fn, { theta: grid.values[centre], fisher, stderr, ...normalInterval(fisher, stderr, resolved.confidence),
          method: "smooth", nSamples: rows.length, fisherUncorrected: raw, covariance: kind, warnings }));
      }
      return out;
    },
  };
}

/** Scatter of rows about zero, times `factor`. */
function scaled(resid: Matrix, factor: number): Matrix {
  const n = resid.cols;
  const s = matrix(n, n);
  for (let t = 0; t < resid.rows; t++) for (let i = 0; i < n; i++) {
    const a = resid.data[t * n + i];
    for (let j = 0; j < n; j++) s.data[i * n + j] += a * resid.data[t * n + j] * factor;
  }
  return s;
}

/** Validate and index the stimulus grid: distinct values equally spaced over one period, ≥ 2 trials each. */
function gridOf(fn: string, stimuli: ArrayLike<number>, trials: number, period: number) {
  if (!(Number.isFinite(period) && period > 0)) throw new Error(`${fn}: period must be > 0 (2π for objects, π for gratings), got ${period}`);
  if (stimuli.length !== trials) throw new Error(`${fn}: stimuli has ${stimuli.length} values but responses has ${trials} trials; pass one stimulus value per trial`);
  const values = Array.from(new Set(Array.from(stimuli))).sort((a, b) => a - b);
  if (values.some((s) => !Number.isFinite(s))) throw new Error(`${fn}: stimuli must be finite`);
  const g = values.length;
  if (g < 3) {
    // the smallest Savitzky–Golay window has 3 points: no window fits, so suggesting a smaller one would mislead
    throw new Error(`${fn}: smooth needs responses on a grid of ≥ 3 distinct stimulus values (a derivative across neighbours), found ${g}; record responses at more angles, or use a two-class method (sampling, linear-decoder) for two values`);
  }
  const spacing = period / g;
  for (let k = 1; k < g; k++) {
    if (Math.abs(values[k] - values[k - 1] - spacing) > 1e-6 * spacing + 1e-9) {
      throw new Error(`${fn}: stimuli must be ${g} equally spaced values covering one period (${period}), spacing ${spacing}; found a gap ${values[k] - values[k - 1]} after ${values[k - 1]}`);
    }
  }
  const pos = new Map(values.map((v, k) => [v, k]));
  const index = Int32Array.from(Array.from(stimuli), (s) => pos.get(s)!);
  const counts = new Int32Array(g);
  for (const k of index) counts[k]++;
  const min = Math.min(...counts);
  if (min < 2) throw new Error(`${fn}: every grid value needs ≥ 2 trials (residual covariances), found ${min}; record repeats or coarsen the grid`);
  return { values, spacing, index, counts };
}
