import { interpolateCircular } from "../math/index.js";
import { FINISHED } from "../rundir/index.js";
import { concentrationRatio, type ConcentrationRatio } from "./concentrationRatio.js";
import { fitPowerLaw, replicatePowerLaw, type PowerLawFit, type ReplicatePowerLaw } from "./powerLawFit.js";
import type { ReportData, ReportCondition } from "./reportData.js";
import { summariseCurves, type CurveSummary } from "./summariseCurves.js";
import { theoreticalAlpha, type TheoreticalAlpha } from "./theoreticalAlpha.js";

/** Everything the report says about one condition. */
export interface ConditionSummary {
  condition: ReportCondition;
  period: number;
  /** Null when the condition has no Fisher curves. */
  curves: CurveSummary | null;
  /** Training density on the curves' grid, rad⁻¹. */
  density: number[] | null;
  /** OLS fit on the replicate-mean curve (interval optimistic: correlated grid points). */
  pooledFit: PowerLawFit | null;
  /** Per-replicate fits; its interval is the main one when ≥ 2 replicates have a fit. */
  replicateFit: ReplicatePowerLaw | null;
  theory: TheoreticalAlpha;
  concentration: ConcentrationRatio | null;
  runsDone: number;
  runsFailed: number;
  /** Mean and sd over replicates of the test error (radians); NaN when not recorded. */
  testErrorMean: number;
  testErrorSd: number;
}

/** α estimate to show: the replicate interval when it exists, else the OLS one. */
export function mainAlpha(s: ConditionSummary): { alpha: number; ci: [number, number] | null; kind: "replicates" | "ols" } | null {
  if (s.replicateFit && s.replicateFit.ci) return { alpha: s.replicateFit.alpha, ci: s.replicateFit.ci, kind: "replicates" };
  if (s.pooledFit) return { alpha: s.pooledFit.alpha, ci: s.pooledFit.ci, kind: "ols" };
  return null;
}

/** Summarise one condition of `data`: curves, power-law fits, theory, concentration ratio, test error. */
export function summariseCondition(data: ReportData, condition: ReportCondition): ConditionSummary {
  const [lo, hi] = condition.domain;
  const period = hi - lo;
  if (!(period > 0)) throw new Error(`summariseCondition(): condition "${condition.name}" has domain [${lo}, ${hi}]; need hi > lo`);
  const own = data.fisher.filter((c) => c.condition === condition.name).sort((a, b) => a.replicate - b.replicate);
  const runs = data.runs.filter((r) => r.condition === condition.name);
  const errors = runs.map((r) => r.testError).filter((e): e is number => e !== undefined && Number.isFinite(e));
  const testErrorMean = errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : NaN;
  const testErrorSd = errors.length > 1 ? Math.sqrt(errors.reduce((a, b) => a + (b - testErrorMean) ** 2, 0) / (errors.length - 1)) : NaN;
  const theory = theoreticalAlpha(condition.loss);
  const base = {
    condition, period, theory, testErrorMean, testErrorSd,
    runsDone: runs.filter((r) => r.status === FINISHED).length,
    runsFailed: runs.filter((r) => r.status === "failed").length,
  };
  if (own.length === 0) return { ...base, curves: null, density: null, pooledFit: null, replicateFit: null, concentration: null };
  const curves = summariseCurves(own, period);
  const td = condition.trainingDensity;
  const density = interpolateCircular(td.theta, td.density, curves.theta, period);
  return {
    ...base, curves, density,
    pooledFit: fitPowerLaw(density, curves.mean),
    replicateFit: replicatePowerLaw(density, curves.curves),
    concentration: concentrationRatio(curves.theta, curves.mean, density, period),
  };
}
