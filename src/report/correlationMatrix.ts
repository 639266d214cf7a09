/** Pearson correlation of two equal-length series; NaN if either is constant or has non-finite values. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new Error(`pearson(): series must have equal lengths, got ${n} and ${b.length}`);
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma, db = b[i] - mb;
    sab += da * db; saa += da * da; sbb += db * db;
  }
  if (!(saa > 0) || !(sbb > 0)) return NaN;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/**
 * The correlation matrix between curves (e.g. I(θ) of each replicate on a common grid): entry
 * (i, j) is the Pearson correlation across θ of curve i and curve j. High off-diagonal values
 * between networks fine-tuned from one checkpoint are the signature of shared pretraining.
 */
export function correlationMatrix(curves: readonly ArrayLike<number>[]): number[][] {
  return curves.map((a, i) => curves.map((b, j) => (i === j ? (Number.isNaN(pearson(a, a)) ? NaN : 1) : pearson(a, b))));
}
