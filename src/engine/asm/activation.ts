// Activations and their derivatives, element-wise over n floats. Codes match ACTIVATION_CODE in
// src/engine/kernels.ts. Derivatives follow PyTorch at the kinks (relu'(0) = 0, leaky'(0) = slope,
// celu uses the x ≤ 0 branch at 0, where both branches give 1).
import { madd } from "./simd";

const IDENTITY = 0, RELU = 1, LEAKY_RELU = 2, CELU = 3, TANH = 4, BOUNDED_TANH = 5;

/** y[i] = f(x[i]); y may equal x. p1, p2 as in ACTIVATION_CODE. */
export function activationForward(kind: i32, n: i32, x: usize, y: usize, p1: f32, p2: f32): void {
  const nb = <usize>n << 2, n4 = <usize>(n & ~3) << 2;
  const zero = f32x4.splat(0);
  let o: usize = 0;
  if (kind == IDENTITY) {
    if (y != x) memory.copy(y, x, nb);
    return;
  }
  // whole vectors, then the tail through a zero-padded vector so that every lane sees one formula
  for (; o < nb; o += 16) {
    let v: v128;
    if (o < n4) v = v128.load(x + o);
    else { v = zero; for (let q: usize = 0; o + q < nb; q += 4) v = withLane(v, load<f32>(x + o + q), q); }
    let r: v128;
    if (kind == RELU) r = f32x4.pmax(v, zero); // pmax: one maxps (max adds NaN fix-ups); NaN stays NaN
    else if (kind == LEAKY_RELU) r = v128.bitselect(v, f32x4.mul(v, f32x4.splat(p1)), f32x4.gt(v, zero));
    else if (kind == CELU) r = v128.bitselect(v, f32x4.mul(f32x4.splat(p1), expm1Neg(f32x4.mul(v, f32x4.splat(<f32>1 / p1)))), f32x4.gt(v, zero));
    else if (kind == TANH) r = tanh4(v);
    else r = f32x4.mul(f32x4.splat(p1), tanh4(f32x4.mul(f32x4.splat(p2), v))); // BOUNDED_TANH
    if (o < n4) v128.store(y + o, r);
    else for (let q: usize = 0; o + q < nb; q += 4) store<f32>(y + o + q, lane(r, q));
  }
}

/** dx[i] = dy[i]·f'(x[i]), with y = f(x) available; dx may equal dy. */
export function activationBackward(kind: i32, n: i32, x: usize, y: usize, dy: usize, dx: usize, p1: f32, p2: f32): void {
  const nb = <usize>n << 2, n4 = <usize>(n & ~3) << 2;
  const zero = f32x4.splat(0), one = f32x4.splat(1);
  if (kind == IDENTITY) {
    if (dx != dy) memory.copy(dx, dy, nb);
    return;
  }
  for (let o: usize = 0; o < nb; o += 16) {
    let xv: v128, yv: v128, g: v128;
    if (o < n4) { xv = v128.load(x + o); yv = v128.load(y + o); g = v128.load(dy + o); }
    else {
      xv = zero; yv = zero; g = zero;
      for (let q: usize = 0; o + q < nb; q += 4) {
        xv = withLane(xv, load<f32>(x + o + q), q);
        yv = withLane(yv, load<f32>(y + o + q), q);
        g = withLane(g, load<f32>(dy + o + q), q);
      }
    }
    let r: v128;
    if (kind == RELU) r = v128.and(g, f32x4.gt(xv, zero));
    else if (kind == LEAKY_RELU) r = v128.bitselect(g, f32x4.mul(g, f32x4.splat(p1)), f32x4.gt(xv, zero));
    // d/dx α(exp(x/α) − 1) = exp(x/α) = y/α + 1
    else if (kind == CELU) r = v128.bitselect(g, f32x4.mul(g, madd(yv, f32x4.splat(<f32>1 / p1), one)), f32x4.gt(xv, zero));
    else if (kind == TANH) r = f32x4.mul(g, f32x4.sub(one, f32x4.mul(yv, yv)));
    else {
      // d/dx c·tanh(s·x) = c·s·(1 − tanh²(s·x)); from x, not y, so that a saturated y loses nothing
      const t = tanh4(f32x4.mul(f32x4.splat(p2), xv));
      r = f32x4.mul(g, f32x4.mul(f32x4.splat(p1 * p2), f32x4.sub(one, f32x4.mul(t, t))));
    }
    if (o < n4) v128.store(dx + o, r);
    else for (let q: usize = 0; o + q < nb; q += 4) store<f32>(dx + o + q, lane(r, q));
  }
}

// --- vector elementary functions ---------------------------------------------------------------

const LOG2E: f32 = 1.4426950408889634;
// ln 2 split in two (Cody & Waite 1980): n·LN2_HI is exact for |n| < 2^15
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

/**
 * exp(x) − 1 for x ≤ 0, per lane, to about 2 ulps (accurate near 0, where exp(x) − 1 cancels).
 * x = n·ln 2 + r with |r| ≤ ln2/2; expm1(r) by its Taylor series to r⁷ (truncation < 2⁻²⁶
 * relative); then expm1(x) = 2ⁿ·expm1(r) + (2ⁿ − 1). Below −87, exp(x) underflows: −1.
 */
// @ts-ignore: decorator
@inline function expm1Neg(x: v128): v128 {
  x = f32x4.pmax(x, f32x4.splat(-87)); // NaN stays NaN
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  // q = 1/2 + r/6 + r²/24 + … + r⁵/5040, p = r + r²·q
  let q = madd(f32x4.splat(<f32>(1.0 / 5040)), r, f32x4.splat(<f32>(1.0 / 720)));
  q = madd(q, r, f32x4.splat(<f32>(1.0 / 120)));
  q = madd(q, r, f32x4.splat(<f32>(1.0 / 24)));
  q = madd(q, r, f32x4.splat(<f32>(1.0 / 6)));
  q = madd(q, r, f32x4.splat(<f32>0.5));
  const p = madd(f32x4.mul(r, r), q, r);
  // 2ⁿ from the exponent bits; n ∈ [−126, 0]
  const s = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.add(f32x4.mul(s, p), f32x4.sub(s, f32x4.splat(1)));
}

/** tanh per lane: tanh|x| = −t/(t + 2) with t = expm1(−2|x|), sign restored. */
// @ts-ignore: decorator
@inline function tanh4(x: v128): v128 {
  const sign = i32x4.splat(0x80000000);
  const t = expm1Neg(f32x4.mul(f32x4.splat(-2), f32x4.abs(x)));
  const th = f32x4.div(f32x4.neg(t), f32x4.add(t, f32x4.splat(2)));
  return v128.or(th, v128.and(x, sign));
}

/** v with the lane at byteOffset (0, 4, 8 or 12) replaced by f (tails shorter than a vector). */
// @ts-ignore: decorator
@inline function withLane(v: v128, f: f32, byteOffset: usize): v128 {
  if (byteOffset == 0) return f32x4.replace_lane(v, 0, f);
  if (byteOffset == 4) return f32x4.replace_lane(v, 1, f);
  if (byteOffset == 8) return f32x4.replace_lane(v, 2, f);
  return f32x4.replace_lane(v, 3, f);
}

/** The lane at byteOffset (0, 4, 8 or 12). */
// @ts-ignore: decorator
@inline function lane(v: v128, byteOffset: usize): f32 {
  if (byteOffset == 0) return f32x4.extract_lane(v, 0);
  if (byteOffset == 4) return f32x4.extract_lane(v, 1);
  if (byteOffset == 8) return f32x4.extract_lane(v, 2);
  return f32x4.extract_lane(v, 3);
}
