// Small descriptive statistics for the table's group-by rows.

/** Mean, sample sd (NaN for n < 2) and n of the finite numbers in `values`. */
export function meanSd(values) {
  const xs = values.filter((v) => typeof v === "number" && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { mean: NaN, sd: NaN, n: 0 };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : NaN;
  return { mean, sd, n };
}

/** Numbers for people: 4 significant digits, exponent form when very small or large. */
export function formatValue(v) {
  if (v === null || v === undefined) return "";
  if (typeof v !== "number") return String(v);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "–" : v > 0 ? "∞" : "−∞";
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** Exponential moving average with weight `alpha` on the past (0 = none); NaN/null gaps are kept. */
export function smooth(ys, alpha) {
  if (!(alpha > 0)) return ys;
  let prev = null;
  return ys.map((y) => {
    if (y === null || !Number.isFinite(y)) return y;
    prev = prev === null ? y : alpha * prev + (1 - alpha) * y;
    return prev;
  });
}
