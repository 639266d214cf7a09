// The runs table's columns: a flat record per run, the config columns that differ, metric columns last.

export const FIXED_COLUMNS = ["id", "status", "stage", "replicate"];

/** One flat record per run: id, status, stage, replicate, then config keys, then metric summaries. */
export function flatRow(row) {
  return { id: row.id, status: row.status, stage: row.stage ?? null, replicate: row.replicate ?? null, kind: row.kind ?? null,
    error: row.error ?? null, ...row.config, ...row.metrics };
}

/** Column lists of the table: config keys (all, and those whose values differ) and metric keys. */
export function tableColumns(rows) {
  const configKeys = new Set(), metricKeys = new Set();
  for (const r of rows) {
    for (const k of Object.keys(r.config)) configKeys.add(k);
    for (const k of Object.keys(r.metrics)) metricKeys.add(k);
  }
  const config = [...configKeys].sort();
  const differing = config.filter((k) => {
    let first;
    for (let i = 0; i < rows.length; i++) {
      const v = JSON.stringify(rows[i].config[k] ?? null);
      if (i === 0) first = v;
      else if (v !== first) return true;
    }
    return false;
  });
  const order = ["val_loss.min", "val_loss.last", "best_epoch", "epochs", "train_loss.last", "val_mae_deg.min", "test_mae_deg", "test_loss"];
  const metrics = [...metricKeys].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return { config, differing, metrics, all: [...FIXED_COLUMNS, "kind", "error", ...config, ...metrics] };
}

/** Compare two cells for sorting: numbers numerically, missing values last, text by locale. */
export function compareCells(a, b) {
  const missingA = a === null || a === undefined || a === "", missingB = b === null || b === undefined || b === "";
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}
