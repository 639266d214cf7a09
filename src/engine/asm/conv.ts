// Convolution and pooling kernels on NHWC image batches (channels last, row-major float32).
// A convolution is im2col followed by one of the GEMM kernels (gemm.ts): the patch matrix
// cols[(b·Ho + oy)·Wo + ox, (ky·kw + kx)·C + c] times the filters stored [kh·kw·C, Cout] (the
// TensorFlow "HWIO" order) gives the output [b·Ho·Wo, Cout] directly in NHWC. Its input gradient
// is the GEMM with Wᵀ followed by col2im, the adjoint of im2col. Pointers are byte offsets.

/**
 * cols[(b·ho + oy)·wo + ox, (ky·kw + kx)·c + ch] = x[b, oy·s − pt + ky, ox·s − pl + kx, ch], 0 outside.
 */
export function im2col(n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, s: i32, pt: i32, pl: i32,
  ho: i32, wo: i32, x: usize, cols: usize): void {
  const run = <usize>c << 2; // one pixel's channels, in bytes
  let out = cols;
  for (let b = 0; b < n; b++) {
    const img = x + <usize>b * <usize>h * <usize>w * run;
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * s - pt + ky;
          if (iy < 0 || iy >= h) { memory.fill(out, 0, <usize>kw * run); out += <usize>kw * run; continue; }
          const ix0 = ox * s - pl;
          if (ix0 >= 0 && ix0 + kw <= w) { // the whole row of the window is inside: one copy
            memory.copy(out, img + (<usize>iy * <usize>w + <usize>ix0) * run, <usize>kw * run);
            out += <usize>kw * run;
            continue;
          }
          for (let kx = 0; kx < kw; kx++) {
            const ix = ix0 + kx;
            if (ix < 0 || ix >= w) memory.fill(out, 0, run);
            else memory.copy(out, img + (<usize>iy * <usize>w + <usize>ix) * run, run);
            out += run;
          }
        }
      }
    }
  }
}

/** dx = beta·dx + col2im(cols): the adjoint of im2col (each patch entry added back to its pixel). */
export function col2im(n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, s: i32, pt: i32, pl: i32,
  ho: i32, wo: i32, cols: usize, dx: usize, beta: i32): void {
  const run = <usize>c << 2;
  if (!beta) memory.fill(dx, 0, <usize>n * <usize>h * <usize>w * run);
  let src = cols;
  for (let b = 0; b < n; b++) {
    const img = dx + <usize>b * <usize>h * <usize>w * run;
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * s - pt + ky;
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * s - pl + kx;
            if (iy >= 0 && iy < h && ix >= 0 && ix < w) addRun(img + (<usize>iy * <usize>w + <usize>ix) * run, src, c);
            src += run;
          }
        }
      }
    }
  }
}

/** y[i] += x[i] for i < n (pointers in bytes). */
// @ts-ignore: decorator
@inline function addRun(y: usize, x: usize, n: i32): void {
  const end = y + (<usize>n << 2), end4 = y + (<usize>(n & ~3) << 2);
  for (; y < end4; y += 16, x += 16) v128.store(y, f32x4.add(v128.load(y), v128.load(x)));
  for (; y < end; y += 4, x += 4) store<f32>(y, load<f32>(y) + load<f32>(x));
}

/** y[b, oy, ox, ch] = max over the k×k window at (oy·s, ox·s) of x (no padding). */
export function maxPool(n: i32, h: i32, w: i32, c: i32, k: i32, s: i32, ho: i32, wo: i32, x: usize, y: usize): void {
  const run = <usize>c << 2, c4 = <usize>(c & ~3) << 2;
  let out = y;
  for (let b = 0; b < n; b++) {
    const img = x + <usize>b * <usize>h * <usize>w * run;
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        const first = img + (<usize>(oy * s) * <usize>w + <usize>(ox * s)) * run;
        memory.copy(out, first, run);
        for (let ky = 0; ky < k; ky++) {
          for (let kx = 0; kx < k; kx++) {
            const p = img + (<usize>(oy * s + ky) * <usize>w + <usize>(ox * s + kx)) * run;
            let o: usize = 0;
            // pmax keeps the first operand on ties and NaN in the input is not expected here
            for (; o < c4; o += 16) v128.store(out + o, f32x4.pmax(v128.load(out + o), v128.load(p + o)));
            for (; o < run; o += 4) { const v = load<f32>(p + o); if (v > load<f32>(out + o)) store<f32>(out + o, v); }
          }
        }
        out += run;
      }
    }
  }
}

/**
 * The derivative of maxPool along a tangent (jvp) or its adjoint (vjp). The window's winner is the
 * first maximum in row-major window order (as maxPool's strict comparisons give).
 * mode 0: dy[out] = dx[winner]; mode 1: dx[winner] += dy[out] (dx zeroed first unless beta).
 */
export function maxPoolDerivative(mode: i32, n: i32, h: i32, w: i32, c: i32, k: i32, s: i32, ho: i32, wo: i32,
  x: usize, dx: usize, dy: usize, beta: i32): void {
  const run = <usize>c << 2;
  if (mode == 1 && !beta) memory.fill(dx, 0, <usize>n * <usize>h * <usize>w * run);
  let out: usize = 0;
  for (let b = 0; b < n; b++) {
    const base = <usize>b * <usize>h * <usize>w * run;
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        for (let ch = 0; ch < c; ch++) {
          const cb = <usize>ch << 2;
          let best: f32 = -Infinity, at: usize = base + (<usize>(oy * s) * <usize>w + <usize>(ox * s)) * run + cb;
          for (let ky = 0; ky < k; ky++) {
            for (let kx = 0; kx < k; kx++) {
              const p = base + (<usize>(oy * s + ky) * <usize>w + <usize>(ox * s + kx)) * run + cb;
              const v = load<f32>(x + p);
              if (v > best) { best = v; at = p; }
            }
          }
          if (mode == 0) store<f32>(dy + out + cb, load<f32>(dx + at));
          else store<f32>(dx + at, load<f32>(dx + at) + load<f32>(dy + out + cb));
        }
        out += run;
      }
    }
  }
}

/** y = mean over the k×k window at (oy·s, ox·s) of x (no padding). Linear: its own tangent map. */
export function avgPool(n: i32, h: i32, w: i32, c: i32, k: i32, s: i32, ho: i32, wo: i32, x: usize, y: usize): void {
  const run = <usize>c << 2, c4 = <usize>(c & ~3) << 2;
  const inv: f32 = 1 / <f32>(k * k), inv4 = f32x4.splat(inv);
  let out = y;
  for (let b = 0; b < n; b++) {
    const img = x + <usize>b * <usize>h * <usize>w * run;
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        memory.fill(out, 0, run);
        for (let ky = 0; ky < k; ky++) {
          for (let kx = 0; kx < k; kx++) addRun(out, img + (<usize>(oy * s + ky) * <usize>w + <usize>(ox * s + kx)) * run, c);
        }
        let o: usize = 0;
        for (; o < c4; o += 16) v128.store(out + o, f32x4.mul(v128.load(out + o), inv4));
        for (; o < run; o += 4) store<f32>(out + o, load<f32>(out + o) * inv);
        out += run;
      }
    }
  }
}

/** dx = beta·dx + avgPoolᵀ(dy): each output's gradient spread equally over its window. */
export function avgPoolBackward(n: i32, h: i32, w: i32, c: i32, k: i32, s: i32, ho: i32, wo: i32,
  dy: usize, dx: usize, beta: i32): void {
  const run = <usize>c << 2;
  if (!beta) memory.fill(dx, 0, <usize>n * <usize>h * <usize>w * run);
  const inv: f32 = 1 / <f32>(k * k);
  let src = dy;
  for (let b = 0; b < n; b++) {
    const img = dx + <usize>b * <usize>h * <usize>w * run;
    for (let oy = 0; oy < ho; oy++) {
      for (let ox = 0; ox < wo; ox++) {
        for (let ky = 0; ky < k; ky++) {
          for (let kx = 0; kx < k; kx++) {
            const p = img + (<usize>(oy * s + ky) * <usize>w + <usize>(ox * s + kx)) * run;
            for (let o: usize = 0; o < run; o += 4) store<f32>(p + o, load<f32>(p + o) + load<f32>(src + o) * inv);
          }
        }
        src += run;
      }
    }
  }
}

/** y[i, j] = x[i, j]·scale[j] for an [m, n] matrix (y may be x). */
export function columnScale(m: i32, n: i32, x: usize, scale: usize, y: usize): void {
  const nb = <usize>n << 2, n4 = <usize>(n & ~3) << 2;
  for (let i = 0; i < m; i++) {
    let o: usize = 0;
    for (; o < n4; o += 16) v128.store(y + o, f32x4.mul(v128.load(x + o), v128.load(scale + o)));
    for (; o < nb; o += 4) store<f32>(y + o, load<f32>(x + o) * load<f32>(scale + o));
    x += nb; y += nb;
  }
}

/** out[j] = beta·out[j] + Σ_i a[i, j]·b[i, j] over [m, n] matrices (gradients of a per-column scale). */
export function columnDots(m: i32, n: i32, a: usize, b: usize, out: usize, beta: i32): void {
  const nb = <usize>n << 2, n4 = <usize>(n & ~3) << 2;
  if (!beta) memory.fill(out, 0, nb);
  for (let i = 0; i < m; i++) {
    let o: usize = 0;
    for (; o < n4; o += 16) v128.store(out + o, f32x4.add(v128.load(out + o), f32x4.mul(v128.load(a + o), v128.load(b + o))));
    for (; o < nb; o += 4) store<f32>(out + o, load<f32>(out + o) + load<f32>(a + o) * load<f32>(b + o));
    a += nb; b += nb;
  }
}

/** y[i, j] += x[i, j] for j < k: x is [m, k], y is [m, n] with k ≤ n (a residual add, zero-padded in channels). */
export function addColumns(m: i32, n: i32, k: i32, x: usize, y: usize): void {
  const kb = <usize>k << 2, nb = <usize>n << 2;
  for (let i = 0; i < m; i++) { addRun(y, x, k); x += kb; y += nb; }
}
