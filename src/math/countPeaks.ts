/**
 * Local maxima of a curve that rise at least `prominence` above the deeper of the two minima that
 * separate them from higher ground (the topographic prominence). On a circular grid the curve wraps;
 * on an open grid an end point is not a peak. Plateaus count once. `prominence` is in the curve's
 * units (pass a fraction of its range for a scale-free count). A constant curve has no peaks.
 */
export function countPeaks(values: readonly number[], circular: boolean, prominence: number): number {
  const n = values.length;
  if (!(prominence >= 0)) throw new Error(`countPeaks(): prominence must be >= 0, got ${prominence}`);
  if (values.some((v) => !Number.isFinite(v))) throw new Error("countPeaks(): values must be finite; drop or fill NaN/Inf first");
  if (n < 3) return 0;
  // collapse plateaus into runs of equal values: [value, first index, last index]
  const runs: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const last = runs[runs.length - 1];
    if (last && last[0] === values[i]) last[2] = i;
    else runs.push([values[i], i, i]);
  }
  if (circular && runs.length > 1 && runs[0][0] === runs[runs.length - 1][0]) runs.shift(); // the first run continues the last
  const m = runs.length;
  if (m < 2) return 0;
  const v = runs.map((r) => r[0]);
  let count = 0;
  for (let i = 0; i < m; i++) {
    const hasLeft = circular || i > 0, hasRight = circular || i < m - 1;
    if (!hasLeft || !hasRight) continue;
    const left = v[(i - 1 + m) % m], right = v[(i + 1) % m];
    if (!(v[i] > left && v[i] > right)) continue;
    // walk each way until higher ground (or all the way round / to the end), tracking the lowest point passed
    const saddle = (dir: 1 | -1): number => {
      let low = v[i];
      for (let s = 1; s < m; s++) {
        const j = i + dir * s;
        if (!circular && (j < 0 || j >= m)) return low;
        const x = v[((j % m) + m) % m];
        if (x > v[i]) return low;
        low = Math.min(low, x);
      }
      return -Infinity; // the highest peak: its prominence is its height above the global minimum
    };
    const a = saddle(-1), b = saddle(1);
    const base = a === -Infinity && b === -Infinity ? Math.min(...v) : Math.max(a, b);
    if (v[i] - base >= prominence && v[i] - base > 0) count++;
  }
  return count;
}
