/**
 * The planted-population condition an estimate is made under, and the regime an estimator declares
 * itself calibrated in (|bias| ≤ 10%, 95% coverage in [0.90, 0.98]; checked by `fisherlab validate`,
 * docs/validation.md). Each estimator exports its regime next to its code.
 */
export interface Condition {
  /** units N */
  units: number;
  /** trials per class T (two-class estimators) or identities M (derivative) */
  samples: number;
  /** true Fisher information I */
  fisher: number;
  /** class separation δ (two-class estimators) */
  delta?: number;
  /** the noise covariance depends on θ (Σ' ≠ 0) */
  covTerm: boolean;
  /** 10% of trials are gross outliers */
  outliers: boolean;
}

export interface Regime {
  /** one line, shown in docs/validation.md and docs/estimators.md */
  description: string;
  contains(c: Condition): boolean;
}

/**
 * The warning an estimator attaches when the data (with its own estimate of I standing in for the
 * truth) fall outside its declared regime; `measured` quotes the bias `fisherlab validate` found
 * there, e.g. at the network defaults.
 */
export function regimeWarning(fn: string, regime: Regime, c: Condition, measured: string): string[] {
  if (regime.contains(c)) return [];
  return [`${fn}: T = ${c.samples} trials per class, N = ${c.units}, δ = ${c.delta} and I ≈ ${c.fisher.toPrecision(3)} are outside the calibrated regime (${regime.description}); ${measured} (docs/validation.md): use more trials per class or a δ with I·δ² near 1`];
}
