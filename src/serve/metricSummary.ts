import type { CsvRow } from "../rundir/index.js";

/** Columns of metrics.csv that are bookkeeping, not metrics. */
const NOT_METRICS = new Set(["epoch", "seconds"]);

/**
 * The table's metric columns of one run: for every metrics.csv column, the last and the minimum
 * value (`val_loss.last`, `val_loss.min`); `best_epoch` is the epoch of the lowest validation loss
 * (early stopping keeps that epoch's weights) and `epochs` the number of completed epochs.
 */
export function metricSummary(rows: readonly CsvRow[]): Record<string, number> {
  const out: Record<string, number> = { epochs: rows.length };
  if (rows.length === 0) return out;
  const columns = Object.keys(rows[0]).filter((c) => !NOT_METRICS.has(c));
  for (const c of columns) {
    let min = Infinity, last = NaN;
    for (const r of rows) {
      const v = Number(r[c]);
      if (Number.isFinite(v)) { last = v; if (v < min) min = v; }
    }
    if (Number.isFinite(last)) { out[`${c}.last`] = last; out[`${c}.min`] = min; }
  }
  let best = -1, bestLoss = Infinity;
  for (const r of rows) {
    const v = Number(r.val_loss);
    if (Number.isFinite(v) && v < bestLoss) { bestLoss = v; best = Number(r.epoch); }
  }
  if (best >= 0) out.best_epoch = best;
  return out;
}
