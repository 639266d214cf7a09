import { interpolateCircular } from "../math/index.js";
import { FINISHED } from "../rundir/index.js";
import { concentrationRatio, predictedConcentrationRatio, type ConcentrationRatio } from "./concentrationRatio.js";
import { windowFits, type WindowFit } from "./fitWindows.js";
import { replicateInterval, type ReplicateSummary } from "./replicateInterval.js";
import type { ReportData, ReportCondition } from "./reportData.js";
import { summariseCurves, type CurveSummary } from "./summariseCurves.js";
import { theoreticalAlpha, type TheoreticalAlpha } from "./theoreticalAlpha.js";

/** The near/far ratio theory predicts, once per budget (docs/science.md, "Which exponent to expect"). */
export interface PredictedConcentration {
  /** With α = 2/(q+1): a budget on ∫√I dθ. Null without a prediction or for a uniform density. */
  sqrtFisher: number | null;
  /** With α = 2/(q+2): a budget on ∫I dθ. */
  fisher: number | null;
}

/** Everything the report says about one condition. */
export interface ConditionSummary {
  condition: ReportCondition;
  period: number;
  /** Null when the condition has no Fisher curves. */
  curves: CurveSummary | null;
  /** Training density on the curves' grid, rad⁻¹. */
  density: number[] | null;
  /** α per fit window (FIT_WINDOWS, first = all angles), for I and its mean term; null without curves. */
  windows: WindowFit[] | null;
  theory: TheoreticalAlpha;
  /** Near/far ratio of the replicate-mean I(θ). */
  concentration: ConcentrationRatio | null;
  /** Near/far ratio per replicate, summarised across replicates (interval from R ≥ 3). */
  concentrationReplicates: ReplicateSummary | null;
  predictedConcentration: PredictedConcentration;
  runsDone: number;
  runsFailed: number;
  /** Mean and sd over replicates of the test error (radians); NaN when not recorded. */
  testErrorMean: number;
  testErrorSd: number;
}

/** Summarise one condition of `data`: curves, α per fit window, theory, concentration ratios, test error. */
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
  if (own.length === 0) {
    return { ...base, curves: null, density: null, windows: null, concentration: null, concentrationReplicates: null,
      predictedConcentration: { sqrtFisher: null, fisher: null } };
  }
  const curves = summariseCurves(own, period);
  const td = condition.trainingDensity;
  const density = interpolateCircular(td.theta, td.density, curves.theta, period);
  const predict = (alpha: number | null) => (alpha === null ? null : predictedConcentrationRatio(curves.theta, density, period, alpha));
  const perReplicate = curves.curves.map((c) => concentrationRatio(curves.theta, c, density, period).ratio ?? NaN);
  return {
    ...base, curves, density,
    windows: windowFits(density, curves.curves, curves.meanTerms),
    concentration: concentrationRatio(curves.theta, curves.mean, density, period),
    concentrationReplicates: replicateInterval(perReplicate),
    predictedConcentration: { sqrtFisher: predict(theory.alpha), fisher: predict(theory.alphaFisherBudget) },
  };
}
