// Shared SIMD helpers for the kernels. Built twice: with relaxed SIMD (`f32x4.relaxed_madd`, one
// fused multiply-add per lane) and without (a multiply then an add). The plain build is the
// fallback for engines without relaxed SIMD (Node 20 without its flag, older browsers).

/** c + a·b per lane; fused in the relaxed build (the rounding of the product may then differ). */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** The sum of the four lanes. */
// @ts-ignore: decorator
@inline export function hsum(v: v128): f32 {
  // pairwise: (l0 + l2) + (l1 + l3)
  const s = f32x4.add(v, i32x4.shuffle(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1);
}
