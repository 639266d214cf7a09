import type { Condition } from "../fisher/index.js";
import type { PopulationSpec } from "./population.js";
import type { ValidatedEstimator } from "./estimators.js";

/** One cell of the validation table: an estimator on one planted condition. */
export interface Cell {
  estimator: ValidatedEstimator;
  condition: Condition;
  population: PopulationSpec;
  /** Monte-Carlo datasets */
  reps: number;
}

export interface GridSpec {
  units: readonly number[];
  samples: readonly number[];
  fisher: readonly number[];
  /** δ values; "unit" means the δ with I·δ² = 1 */
  deltas: readonly (number | "unit")[];
  reps: number;
  /** datasets for the slow estimators (robust, nonlinear-decoder) */
  slowReps: number;
  /** conditions with a θ-dependent covariance and with 10% outliers, on a smaller sub-grid */
  variants: { units: readonly number[]; samples: readonly number[]; fisher: readonly number[] };
}

/** The full grid of docs/validation.md. */
export const FULL_GRID: GridSpec = {
  units: [2, 5, 20, 60], samples: [25, 50, 100, 400], fisher: [10, 100, 1000], deltas: [0.03, 0.1, "unit"],
  reps: 100, slowReps: 40,
  variants: { units: [2, 20], samples: [100, 400], fisher: [100] },
};

/** `--quick` (what `npm test` runs): one representative condition per regime, fewer datasets. */
export const QUICK_GRID: GridSpec = {
  units: [2], samples: [100], fisher: [100], deltas: ["unit"],
  reps: 120, slowReps: 30,
  variants: { units: [2], samples: [100], fisher: [100] },
};

const SLOW = new Set(["robust", "nonlinear-decoder"]);

/**
 * Cells of a grid: two-class estimators over N × T × I × δ (Σ' = 0, clean), the derivative over
 * N × M × I with Σ' = 0 and Σ' ≠ 0 (covariance term = half of I); then the variants: each
 * estimator with a covariance term and with 10% outliers. Conditions an estimator refuses by
 * construction (fewer trials than its minimum) are kept: the table reports the refusal.
 */
export function gridCells(grid: GridSpec, estimators: readonly ValidatedEstimator[]): Cell[] {
  const cells: Cell[] = [];
  const deltaOf = (d: number | "unit", fisher: number) => (d === "unit" ? 1 / Math.sqrt(fisher) : d);
  const add = (e: ValidatedEstimator, c: Condition) => cells.push({
    estimator: e, condition: c, reps: SLOW.has(e.name) ? grid.slowReps : grid.reps,
    population: {
      units: c.units,
      meanTerm: c.covTerm && e.kind === "derivative" ? c.fisher / 2 : c.fisher,
      covTerm: c.covTerm ? (e.kind === "derivative" ? c.fisher / 2 : c.fisher) : 0,
      derivativeNoise: 1,
    },
  });
  for (const e of estimators) {
    for (const units of grid.units) for (const samples of grid.samples) for (const fisher of grid.fisher) {
      if (e.kind === "derivative") {
        for (const covTerm of [false, true]) add(e, { units, samples, fisher, covTerm, outliers: false });
      } else {
        for (const d of grid.deltas) add(e, { units, samples, fisher, delta: deltaOf(d, fisher), covTerm: false, outliers: false });
      }
    }
    const v = grid.variants;
    for (const units of v.units) for (const samples of v.samples) for (const fisher of v.fisher) {
      const delta = e.kind === "derivative" ? undefined : deltaOf("unit", fisher);
      if (e.kind !== "derivative") add(e, { units, samples, fisher, delta, covTerm: true, outliers: false });
      add(e, { units, samples, fisher, delta, covTerm: e.kind === "derivative", outliers: true });
    }
  }
  return cells;
}
