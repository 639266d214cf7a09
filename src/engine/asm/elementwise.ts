// Bias addition, column sums, sum of squares and scaling.

/** x[i, j] += bias[j] for an [m, n] matrix. */
export function biasAdd(m: i32, n: i32, x: usize, bias: usize): void {
  const nb = <usize>n << 2, n4 = <usize>(n & ~3) << 2;
  for (let i = 0; i < m; i++) {
    let o: usize = 0;
    for (; o < n4; o += 16) v128.store(x + o, f32x4.add(v128.load(x + o), v128.load(bias + o)));
    for (; o < nb; o += 4) store<f32>(x + o, load<f32>(x + o) + load<f32>(bias + o));
    x += nb;
  }
}

/** out[j] = beta·out[j] + Σ_i x[i, j] over an [m, n] matrix. */
export function columnSums(m: i32, n: i32, x: usize, out: usize, beta: i32): void {
  const nb = <usize>n << 2, n4 = <usize>(n & ~3) << 2;
  if (!beta) memory.fill(out, 0, nb);
  for (let i = 0; i < m; i++) {
    let o: usize = 0;
    for (; o < n4; o += 16) v128.store(out + o, f32x4.add(v128.load(out + o), v128.load(x + o)));
    for (; o < nb; o += 4) store<f32>(out + o, load<f32>(out + o) + load<f32>(x + o));
    x += nb;
  }
}

/** Σ x[i]² accumulated in float64 lanes. */
export function sumSquares(n: i32, x: usize): f64 {
  const end = x + (<usize>n << 2), end4 = x + (<usize>(n & ~3) << 2);
  let lo = f64x2.splat(0), hi = lo;
  for (; x < end4; x += 16) {
    const v = v128.load(x);
    const a = f64x2.promote_low_f32x4(v);
    const b = f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1));
    lo = f64x2.add(lo, f64x2.mul(a, a));
    hi = f64x2.add(hi, f64x2.mul(b, b));
  }
  const s = f64x2.add(lo, hi);
  let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; x < end; x += 4) { const v = <f64>load<f32>(x); total += v * v; }
  return total;
}

/** x[i] *= s. */
export function scale(n: i32, x: usize, s: f32): void {
  const end = x + (<usize>n << 2), end4 = x + (<usize>(n & ~3) << 2);
  const s4 = f32x4.splat(s);
  for (; x < end4; x += 16) v128.store(x, f32x4.mul(v128.load(x), s4));
  for (; x < end; x += 4) store<f32>(x, load<f32>(x) * s);
}
