// Rotation + circular mask of bank images, and the central-difference derivative dI/dθ, batched.
// The TypeScript reference is src/engine/rotateReference.ts; this file computes the same
// expressions in the same order in float64 (two pixels per f64x2 vector, no fused multiply-add),
// so its float32 outputs are bit-identical to the reference's (tested in src/engine/rotate.test.ts).
//
// Argument blocks (byte offsets into the shared memory, written by src/engine/wasmKernels.ts):
//   trig    f64 [count, 2] (cos θ, sin θ) — or [count, 6] for the derivative: θ, θ + step, θ − step.
//           Computed by the host with Math.cos/Math.sin so that both implementations use V8's values.
//   ids     i32 [count]: which bank image each output shows
//   scratch rotateScratchBytes(height, width) bytes

/** Bytes of scratch the kernels below need for height × width images. */
export function rotateScratchBytes(height: i32, width: i32): usize {
  // 2 f64 tables of width, 2 i32 span ends per row, 2 float32 images (derivative: θ ± step)
  return (<usize>width << 4) + (<usize>height << 3) + (<usize>(height * width) << 3) + 64;
}

/**
 * Pixel spans [x0, x1) of each row inside the circular mask (distance from the centre
 * ≤ min(W, H)/2 − 0.5; all terms are multiples of 1/4, so the test is exact), or whole rows.
 */
function maskSpans(height: i32, width: i32, mask: i32, spans: usize): void {
  const cx = <f64>(width - 1) / 2, cy = <f64>(height - 1) / 2;
  const radius = <f64>min(width, height) / 2 - 0.5;
  for (let y = 0; y < height; y++) {
    let x0 = 0, x1 = width;
    if (mask) {
      const dy = <f64>y - cy;
      x0 = width; x1 = 0;
      for (let x = 0; x < width; x++) {
        const dx = <f64>x - cx;
        if (!(dx * dx + dy * dy > radius * radius)) { if (x < x0) x0 = x; x1 = x + 1; }
      }
      if (x1 <= x0) { x0 = 0; x1 = 0; }
    }
    store<i32>(spans + (<usize>y << 3), x0);
    store<i32>(spans + (<usize>y << 3), x1, 4);
  }
}

/** One output pixel the plain way: bilinear with every neighbour bounds-checked (outside reads 0). */
// @ts-ignore: decorator
@inline function pixel(src: usize, height: i32, width: i32, c: f64, r: f64): f64 {
  const rf = Math.floor(r), cf = Math.floor(c);
  const r0 = <i32>rf, c0 = <i32>cf;
  const dr = r - rf, dc = c - cf;
  let tl: f64 = 0, tr: f64 = 0, bl: f64 = 0, br: f64 = 0;
  // r, c are finite and within a few widths of the image, so the i32 conversions cannot overflow
  if (r0 >= 0 && r0 < height) {
    const row = src + (<usize>(r0 * width) << 2);
    if (c0 >= 0 && c0 < width) tl = <f64>load<f32>(row + (<usize>c0 << 2));
    if (c0 + 1 >= 0 && c0 + 1 < width) tr = <f64>load<f32>(row + (<usize>(c0 + 1) << 2));
  }
  if (r0 + 1 >= 0 && r0 + 1 < height) {
    const row = src + (<usize>((r0 + 1) * width) << 2);
    if (c0 >= 0 && c0 < width) bl = <f64>load<f32>(row + (<usize>c0 << 2));
    if (c0 + 1 >= 0 && c0 + 1 < width) br = <f64>load<f32>(row + (<usize>(c0 + 1) << 2));
  }
  const top = (1 - dc) * tl + dc * tr;
  const bottom = (1 - dc) * bl + dc * br;
  return (1 - dr) * top + dr * bottom;
}

/** 2^52 + 2^51: added to an integer-valued f64 of magnitude < 2^31, leaves that integer in the low 32 bits. */
const MAGIC: f64 = 6755399441055744.0;

/** The integers of two f64x2 of whole numbers (|x| < 2^31, e.g. floors of pixel coordinates) as one i32x4 [a0, a1, b0, b1]. */
// @ts-ignore: decorator
@inline function floorsToI32(a: v128, b: v128): v128 {
  const m = f64x2.splat(MAGIC);
  return i32x4.shuffle(f64x2.add(a, m), f64x2.add(b, m), 0, 2, 4, 6);
}

/**
 * Two bilinear pixels whose four neighbours are all inside: p0, p1 address the top-left neighbour
 * of each lane, w4 is a row in bytes. The same float64 expressions as pixel(), in the same order.
 */
// @ts-ignore: decorator
@inline function bilinear2(p0: usize, p1: usize, w4: usize, c: v128, cf: v128, r: v128, rf: v128): v128 {
  const one = f64x2.splat(1);
  // [tl, tr] of each lane in one 64-bit load, then regrouped by neighbour
  const t0 = f64x2.promote_low_f32x4(v128.load64_zero(p0)), t1 = f64x2.promote_low_f32x4(v128.load64_zero(p1));
  const b0 = f64x2.promote_low_f32x4(v128.load64_zero(p0 + w4)), b1 = f64x2.promote_low_f32x4(v128.load64_zero(p1 + w4));
  const tl = v128.shuffle<f64>(t0, t1, 0, 2), tr = v128.shuffle<f64>(t0, t1, 1, 3);
  const bl = v128.shuffle<f64>(b0, b1, 0, 2), br = v128.shuffle<f64>(b0, b1, 1, 3);
  const dc = f64x2.sub(c, cf), dr = f64x2.sub(r, rf);
  const ndc = f64x2.sub(one, dc);
  const top = f64x2.add(f64x2.mul(ndc, tl), f64x2.mul(dc, tr));
  const bottom = f64x2.add(f64x2.mul(ndc, bl), f64x2.mul(dc, br));
  return f64x2.add(f64x2.mul(f64x2.sub(one, dr), top), f64x2.mul(dr, bottom));
}

/**
 * Rotate one image (see rotateReference.ts for the convention): output (x, y) reads the source
 * at column cx + cos·(x − cx) − sin·(y − cy), row cy + sin·(x − cx) + cos·(y − cy).
 * `tab` holds cx + cos·dx and cy + sin·dx per column, so each pixel costs two additions.
 */
function rotateOne(height: i32, width: i32, src: usize, cos: f64, sin: f64, dst: usize, maskValue: f32, spans: usize, tab: usize): void {
  const cx = <f64>(width - 1) / 2, cy = <f64>(height - 1) / 2;
  const rtab = tab + (<usize>width << 3);
  for (let x = 0; x < width; x++) {
    const dx = <f64>x - cx;
    store<f64>(tab + (<usize>x << 3), cx + cos * dx);
    store<f64>(rtab + (<usize>x << 3), cy + sin * dx);
  }
  const wLast = i32x4.splat(width - 1), hLast = i32x4.splat(height - 1), vw = i32x4.splat(width);
  const w4 = <usize>width << 2;
  for (let y = 0; y < height; y++) {
    const dy = <f64>y - cy;
    const sdy = sin * dy, cdy = cos * dy;
    const vsdy = f64x2.splat(sdy), vcdy = f64x2.splat(cdy);
    const x0 = load<i32>(spans + (<usize>y << 3)), x1 = load<i32>(spans + (<usize>y << 3), 4);
    const row = dst + (<usize>(y * width) << 2);
    for (let x = 0; x < x0; x++) store<f32>(row + (<usize>x << 2), maskValue);
    for (let x = x1; x < width; x++) store<f32>(row + (<usize>x << 2), maskValue);
    let x = x0;
    // four pixels per step: coordinates in two f64x2 pairs, their integer parts in one i32x4
    for (; x + 4 <= x1; x += 4) {
      const tx = tab + (<usize>x << 3), rx = rtab + (<usize>x << 3);
      const c0 = f64x2.sub(v128.load(tx), vsdy), c1 = f64x2.sub(v128.load(tx, 16), vsdy); // (cx + cos·dx) − sin·dy
      const r0 = f64x2.add(v128.load(rx), vcdy), r1 = f64x2.add(v128.load(rx, 16), vcdy); // (cy + sin·dx) + cos·dy
      const cf0 = f64x2.floor(c0), cf1 = f64x2.floor(c1), rf0 = f64x2.floor(r0), rf1 = f64x2.floor(r1);
      const ci = floorsToI32(cf0, cf1), ri = floorsToI32(rf0, rf1);
      // all four pixels have all four neighbours inside (unsigned compare: negatives fail too)
      if (i32x4.all_true(v128.and(i32x4.lt_u(ci, wLast), i32x4.lt_u(ri, hLast)))) {
        const idx = i32x4.shl(i32x4.add(i32x4.mul(ri, vw), ci), 2); // byte offsets of the top-left neighbours
        const v0 = bilinear2(src + <usize>i32x4.extract_lane(idx, 0), src + <usize>i32x4.extract_lane(idx, 1), w4, c0, cf0, r0, rf0);
        const v1 = bilinear2(src + <usize>i32x4.extract_lane(idx, 2), src + <usize>i32x4.extract_lane(idx, 3), w4, c1, cf1, r1, rf1);
        v128.store(row + (<usize>x << 2), i32x4.shuffle(f32x4.demote_f64x2_zero(v0), f32x4.demote_f64x2_zero(v1), 0, 1, 4, 5));
      } else {
        store<f32>(row + (<usize>x << 2), <f32>pixel(src, height, width, f64x2.extract_lane(c0, 0), f64x2.extract_lane(r0, 0)));
        store<f32>(row + (<usize>(x + 1) << 2), <f32>pixel(src, height, width, f64x2.extract_lane(c0, 1), f64x2.extract_lane(r0, 1)));
        store<f32>(row + (<usize>(x + 2) << 2), <f32>pixel(src, height, width, f64x2.extract_lane(c1, 0), f64x2.extract_lane(r1, 0)));
        store<f32>(row + (<usize>(x + 3) << 2), <f32>pixel(src, height, width, f64x2.extract_lane(c1, 1), f64x2.extract_lane(r1, 1)));
      }
    }
    for (; x < x1; x++) {
      const c = load<f64>(tab + (<usize>x << 3)) - sdy, r = load<f64>(rtab + (<usize>x << 3)) + cdy;
      store<f32>(row + (<usize>x << 2), <f32>pixel(src, height, width, c, r));
    }
  }
}

/**
 * out[k] = bank image ids[k] rotated by θ_k (trig[k] = cos θ_k, sin θ_k), then masked (pixels
 * outside the circle set to maskValue) when `mask` is 1; count images of height × width.
 */
export function rotateMask(count: i32, height: i32, width: i32, bank: usize, ids: usize, trig: usize, out: usize,
  mask: i32, maskValue: f32, scratch: usize): void {
  const spans = scratch, tab = scratch + (<usize>height << 3);
  maskSpans(height, width, mask, spans);
  const bytes = <usize>(height * width) << 2;
  for (let k = 0; k < count; k++) {
    const src = bank + <usize>load<i32>(ids + (<usize>k << 2)) * bytes;
    const t = trig + (<usize>k << 4);
    rotateOne(height, width, src, load<f64>(t), load<f64>(t, 8), out + <usize>k * bytes, maskValue, spans, tab);
  }
}

/**
 * images[k] = masked rotation of bank image ids[k] by θ_k, and
 * derivatives[k] = (rotation(θ_k + step) − rotation(θ_k − step)) / twoStep, each rotation rounded
 * to float32 first (as the reference does); trig[k] = cos, sin of θ_k, θ_k + step, θ_k − step.
 */
export function rotateMaskDerivative(count: i32, height: i32, width: i32, bank: usize, ids: usize, trig: usize,
  images: usize, derivatives: usize, maskValue: f32, twoStep: f64, scratch: usize): void {
  const spans = scratch, tab = scratch + (<usize>height << 3);
  const pixels = height * width, bytes = <usize>pixels << 2;
  const plus = tab + (<usize>width << 4), minus = plus + bytes;
  maskSpans(height, width, 1, spans);
  const step2 = f64x2.splat(twoStep);
  for (let k = 0; k < count; k++) {
    const src = bank + <usize>load<i32>(ids + (<usize>k << 2)) * bytes;
    const t = trig + <usize>k * 48;
    rotateOne(height, width, src, load<f64>(t), load<f64>(t, 8), images + <usize>k * bytes, maskValue, spans, tab);
    rotateOne(height, width, src, load<f64>(t, 16), load<f64>(t, 24), plus, maskValue, spans, tab);
    rotateOne(height, width, src, load<f64>(t, 32), load<f64>(t, 40), minus, maskValue, spans, tab);
    const d = derivatives + <usize>k * bytes;
    let p = 0;
    for (; p + 2 <= pixels; p += 2) {
      const o = <usize>p << 2;
      const a = f64x2.promote_low_f32x4(v128.load64_zero(plus + o)), b = f64x2.promote_low_f32x4(v128.load64_zero(minus + o));
      v128.store64_lane(d + o, f32x4.demote_f64x2_zero(f64x2.div(f64x2.sub(a, b), step2)), 0);
    }
    if (p < pixels) {
      const o = <usize>p << 2;
      store<f32>(d + o, <f32>((<f64>load<f32>(plus + o) - <f64>load<f32>(minus + o)) / twoStep));
    }
  }
}
