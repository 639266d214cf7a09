import { FISHER_DEFAULTS, type Condition } from "../fisher/index.js";
import type { PopulationSpec } from "./population.js";
import type { ValidatedEstimator } from "./estimators.js";

/** One cell of the validation table: an estimator on one planted condition. */
export interface Cell {
  estimator: ValidatedEstimator;
  condition: Condition;
  population: PopulationSpec;
  /** Monte-Carlo datasets */
  reps: number;
  /** this condition is what a network measurement gets by default (N = 2 outputs, 25 images per class) */
  networkDefault: boolean;
}

export interface GridSpec {
  units: readonly number[];
  samples: readonly number[];
  fisher: readonly number[];
  /** δ values; "unit" means the δ with I·δ² = 1 */
  deltas: readonly (number | "unit")[];
  /** Monte-Carlo datasets per cell, by estimator name (`default` for the others) */
  reps: Readonly<Record<string, number>> & { default: number };
  /** conditions with a θ-dependent covariance and with 10% outliers, on a smaller sub-grid */
  variants: { units: readonly number[]; samples: readonly number[]; fisher: readonly number[] };
  /** divide the datasets by this for N ≥ 60 and for 400 samples (the costliest cells), never below `minReps` */
  largeCellDivisor: { units60: number; samples400: number };
  minReps: Readonly<Record<string, number>> & { default: number };
  /** largest N run per estimator (default: all of `units`) */
  maxUnits?: Readonly<Record<string, number>>;
}

/**
 * The network defaults as a planted condition: the output layer (N = 2), 25 images per class (half
 * of the 50 test identities of the default bank split), the default δ, and I = 50 (the median I
 * of the built-in experiment's networks, 13–180 over angles; `derivative` gets all 50 identities).
 */
export const NETWORK_DEFAULT = { units: 2, samples: 25, identities: 50, fisher: 50 } as const;

/** The full grid of docs/validation.md. */
export const FULL_GRID: GridSpec = {
  units: [2, 5, 20, 60], samples: [25, 50, 100, 400], fisher: [10, 100, 1000], deltas: [0.03, 0.1, "unit"],
  // robust: MCD fits cost 10× a sampling estimate; derivative: 30 bootstrap refits per dataset;
  // nonlinear-decoder: an MLP per fold costs 50× and it claims no regime (a bound), so 10 datasets
  // measure its bias to ±10–30% and its N = 60 cells (1.3 s per dataset) are not run
  reps: { default: 100, robust: 40, derivative: 50, "nonlinear-decoder": 10 },
  variants: { units: [2, 20], samples: [100, 400], fisher: [100] },
  // cost per dataset (measured): N = 60 cells 10–50× the N ≤ 20 ones, 400 samples 4×; at full reps the
  // grid took ≈ 1 h on one core. Their Monte-Carlo errors (in the table) grow by √3 and √2.
  largeCellDivisor: { units60: 3, samples400: 2 },
  minReps: { default: 20, derivative: 10, "nonlinear-decoder": 10 },
  // robust at N = 60 (T = 400 is its only condition the MCD accepts) costs 1.3 s per dataset: not run
  maxUnits: { "nonlinear-decoder": 20, robust: 20 },
};

/** `--quick` (what `npm test` runs): one representative condition per regime, fewer datasets. */
export const QUICK_GRID: GridSpec = {
  units: [2], samples: [100], fisher: [100], deltas: ["unit"],
  reps: { default: 120, robust: 30, "nonlinear-decoder": 30 },
  variants: { units: [2], samples: [100], fisher: [100] },
  largeCellDivisor: { units60: 1, samples400: 1 },
  minReps: { default: 20 },
};

/**
 * Cells of a grid: two-class estimators over N × T × I × δ (Σ' = 0, clean), the derivative over
 * N × M × I with Σ' = 0 and Σ' ≠ 0 (covariance term = half of I); then the variants: each
 * estimator with a covariance term and with 10% outliers. Conditions an estimator refuses by
 * construction (fewer trials than its minimum) are kept: the table reports the refusal.
 */
export function gridCells(grid: GridSpec, estimators: readonly ValidatedEstimator[]): Cell[] {
  const cells: Cell[] = [];
  const deltaOf = (d: number | "unit", fisher: number) => (d === "unit" ? 1 / Math.sqrt(fisher) : d);
  const add = (e: ValidatedEstimator, c: Condition, networkDefault = false) => {
    const base = grid.reps[e.name] ?? grid.reps.default;
    const divisor = (c.units >= 60 ? grid.largeCellDivisor.units60 : 1) * (c.samples >= 400 ? grid.largeCellDivisor.samples400 : 1);
    cells.push({
      estimator: e, condition: c, networkDefault, reps: Math.max(grid.minReps[e.name] ?? grid.minReps.default, Math.min(base, Math.round(base / divisor))),
      population: {
        units: c.units,
        meanTerm: c.covTerm && e.kind === "derivative" ? c.fisher / 2 : c.fisher,
        covTerm: c.covTerm ? (e.kind === "derivative" ? c.fisher / 2 : c.fisher) : 0,
        derivativeNoise: 1,
      },
    });
  };
  for (const e of estimators) {
    const units = grid.units.filter((n) => n <= (grid.maxUnits?.[e.name] ?? Infinity));
    for (const n of units) for (const samples of grid.samples) for (const fisher of grid.fisher) {
      const units = n;
      if (e.kind === "derivative") {
        for (const covTerm of [false, true]) add(e, { units, samples, fisher, covTerm, outliers: false });
      } else {
        // "unit" can coincide with a listed δ (I = 100: δ = 0.1): each δ once
        const deltas = [...new Set(grid.deltas.map((d) => deltaOf(d, fisher)))];
        for (const delta of deltas) add(e, { units, samples, fisher, delta, covTerm: false, outliers: false });
      }
    }
    const v = grid.variants;
    for (const units of v.units) for (const samples of v.samples) for (const fisher of v.fisher) {
      const delta = e.kind === "derivative" ? undefined : deltaOf("unit", fisher);
      if (e.kind !== "derivative") add(e, { units, samples, fisher, delta, covTerm: true, outliers: false });
      add(e, { units, samples, fisher, delta, covTerm: e.kind === "derivative", outliers: true });
    }
    const n = NETWORK_DEFAULT;
    if (e.kind === "derivative") add(e, { units: n.units, samples: n.identities, fisher: n.fisher, covTerm: true, outliers: false }, true);
    else add(e, { units: n.units, samples: n.samples, fisher: n.fisher, delta: FISHER_DEFAULTS.delta, covTerm: false, outliers: false }, true);
  }
  return cells;
}
