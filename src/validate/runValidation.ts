import { createRng } from "../engine/index.js";
import { plantedPopulation } from "./population.js";
import type { Cell } from "./grid.js";
import type { ValidatedEstimator } from "./estimators.js";

/** What one cell measured over its Monte-Carlo datasets (relative quantities are ÷ the truth). */
export interface CellResult {
  estimator: string;
  units: number;
  samples: number;
  fisher: number;
  delta: number | null;
  covTerm: boolean;
  outliers: boolean;
  /** the value the estimator targets (two-class: the finite-δ linear target; derivative: I) */
  truth: number;
  reps: number;
  /** (mean − truth)/truth, its Monte-Carlo error, and the sd over datasets ÷ truth */
  bias: number;
  biasMcError: number;
  sd: number;
  /** mean stderr ÷ empirical sd */
  stderrRatio: number;
  /** fraction of 95% intervals containing the truth */
  coverage: number;
  /** the condition is a network measurement's default (grid.ts, NETWORK_DEFAULT) */
  networkDefault: boolean;
  /** the estimator's declared regime contains this condition */
  inRegime: boolean;
  /** |bias| ≤ 10% and coverage in [0.90, 0.98], each beyond 2 Monte-Carlo errors (meetsTargets) */
  pass: boolean;
  /** set when the estimator refused the condition (the first line of its error) */
  refused: string | null;
  /** datasets with warnings (regime warnings, shrinkage) */
  warned: number;
}

export const BIAS_TARGET = 0.1;
export const COVERAGE_RANGE: readonly [number, number] = [0.9, 0.98];
/** the interval's nominal level */
export const NOMINAL_COVERAGE = 0.95;

/**
 * Monte-Carlo error of a coverage measured on `reps` datasets: the binomial sd of a calibrated 95%
 * interval, √(0.95·0.05/reps) (Morris, White & Crowther 2019, "Using simulation studies to evaluate
 * statistical methods"). At 25 datasets it is 0.044: a calibrated interval covers all 25 with
 * probability 0.28, so a coverage read off a few datasets is judged with its error, as the bias is.
 */
export const coverageMcError = (reps: number): number => Math.sqrt(NOMINAL_COVERAGE * (1 - NOMINAL_COVERAGE) / reps);

/** Run one cell: `reps` planted datasets (seeded by `seed`, the estimator and the condition). */
export function runCell(cell: Cell, seed: number): CellResult {
  const { estimator: e, condition: c } = cell;
  const pop = plantedPopulation(cell.population);
  const truth = e.truth(pop, c);
  const key = `${e.name}|${c.units}|${c.samples}|${c.fisher}|${c.delta ?? "-"}|${c.covTerm}|${c.outliers}`;
  const rng = createRng(seed).fork(key);
  const base = {
    estimator: e.name, units: c.units, samples: c.samples, fisher: c.fisher, delta: c.delta ?? null,
    covTerm: c.covTerm, outliers: c.outliers, truth, reps: cell.reps, networkDefault: cell.networkDefault, inRegime: e.regime.contains(c),
  };
  const values: number[] = [], stderrs: number[] = [];
  let covered = 0, warned = 0;
  for (let r = 0; r < cell.reps; r++) {
    let est;
    try {
      est = e.estimate(pop, c, rng.fork(r), seed + r);
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).split("\n")[0];
      return { ...base, reps: 0, bias: NaN, biasMcError: NaN, sd: NaN, stderrRatio: NaN, coverage: NaN, pass: false, refused: message, warned: 0 };
    }
    values.push(est.fisher); stderrs.push(est.stderr);
    if (est.ciLow <= truth && truth <= est.ciHigh) covered++;
    if (est.warnings.length > 0) warned++;
  }
  const n = values.length;
  const mean = values.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const bias = mean / truth - 1, biasMcError = sd / Math.sqrt(n) / truth;
  const coverage = covered / n;
  const stderrRatio = stderrs.reduce((s, x) => s + x, 0) / n / sd;
  return { ...base, bias, biasMcError, sd: sd / truth, stderrRatio, coverage, pass: meetsTargets(bias, biasMcError, coverage, n), refused: null, warned };
}

/**
 * The calibration targets, each judged with its Monte-Carlo error: |bias| ≤ 10% beyond 2 errors of
 * the mean, and the 95% interval's coverage within [0.90, 0.98] beyond 2 binomial errors
 * (coverageMcError). Over-coverage shows first in stderr/sd, which the table reports beside it.
 */
export function meetsTargets(bias: number, biasMcError: number, coverage: number, reps: number): boolean {
  const slack = 2 * coverageMcError(reps);
  return Math.abs(bias) - 2 * biasMcError <= BIAS_TARGET && coverage + slack >= COVERAGE_RANGE[0] && coverage - slack <= COVERAGE_RANGE[1];
}

/**
 * Results measured earlier, judged against the regimes the estimators declare now: a regime is
 * read off the table, so narrowing or widening one must not need the hour-long grid rerun.
 */
export function rejudge(results: readonly CellResult[], estimators: readonly ValidatedEstimator[]): CellResult[] {
  return results.map((r) => {
    const e = estimators.find((x) => x.name === r.estimator);
    if (!e) throw new Error(`rejudge(): no estimator named ${JSON.stringify(r.estimator)} (results from another version?); rerun fisherlab validate`);
    const c = { units: r.units, samples: r.samples, fisher: r.fisher, delta: r.delta ?? undefined, covTerm: r.covTerm, outliers: r.outliers };
    return { ...r, inRegime: e.regime.contains(c), pass: r.refused === null && meetsTargets(r.bias, r.biasMcError, r.coverage, r.reps) };
  });
}

/** Run every cell in order, reporting progress after each. */
export function runValidation(cells: readonly Cell[], seed: number, progress?: (done: number, total: number, last: CellResult) => void): CellResult[] {
  const out: CellResult[] = [];
  for (const cell of cells) {
    const res = runCell(cell, seed);
    out.push(res);
    progress?.(out.length, cells.length, res);
  }
  return out;
}
