// The parallel-coordinates axes and the brush filter, without ECharts (the table needs them before any chart loads).

/** The axes: each differing config column, then the main metric columns that have values. */
export function parallelDimensions(rows, differing, metrics) {
  const wanted = ["val_loss.min", "best_epoch", "test_mae_deg", "val_mae_deg.min"];
  const dims = [...differing, ...wanted.filter((m) => metrics.includes(m))];
  return dims.map((name) => {
    const values = rows.map((r) => r[name]).filter((v) => v !== null && v !== undefined && v !== "");
    const numeric = values.length > 0 && values.every((v) => typeof v === "number");
    const categories = numeric ? null : [...new Set(values.map(String))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    return { name, numeric, categories };
  });
}

/** Does a row fall inside every brushed axis? `brush` maps column → intervals (category axes: index intervals). */
export function insideBrush(row, brush, dims) {
  for (const [name, intervals] of Object.entries(brush)) {
    if (!intervals || intervals.length === 0) continue;
    const dim = dims.find((d) => d.name === name);
    if (!dim) continue;
    const v = row[name];
    const x = dim.numeric ? v : dim.categories.indexOf(String(v));
    if (x === null || x === undefined || x === -1 || !intervals.some(([a, b]) => x >= Math.min(a, b) && x <= Math.max(a, b))) return false;
  }
  return true;
}
