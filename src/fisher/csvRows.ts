import type { FisherEstimate } from "./estimate.js";

/** The CSV columns every `fisherlab fisher` output has, in order. */
export const FISHER_COLUMNS = ["theta", "fisher", "stderr", "ci_low", "ci_high", "method", "n_samples"] as const;

/**
 * Estimates as CSV rows: the fixed columns, then the method's extras in a fixed order
 * (`fisher_uncorrected`; `mean_term`, `cov_term`; `dprime`) when any row has them.
 */
export function fisherCsv(estimates: readonly FisherEstimate[]): { columns: string[]; rows: Record<string, number | string>[] } {
  const extras: [keyof FisherEstimate, string][] = [["fisherUncorrected", "fisher_uncorrected"], ["meanTerm", "mean_term"], ["covTerm", "cov_term"], ["dprime", "dprime"]];
  const present = extras.filter(([k]) => estimates.some((e) => e[k] !== undefined));
  const columns = [...FISHER_COLUMNS, ...present.map(([, c]) => c)];
  const rows = estimates.map((e) => {
    const row: Record<string, number | string> = { theta: e.theta, fisher: e.fisher, stderr: e.stderr, ci_low: e.ciLow, ci_high: e.ciHigh, method: e.method, n_samples: e.nSamples };
    for (const [k, c] of present) {
      const v = e[k];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`fisherCsv(): ${c} is missing or not finite at θ = ${e.theta}`);
      row[c] = v;
    }
    return row;
  });
  return { columns, rows };
}
