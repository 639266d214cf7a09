/**
 * The layers of a convolutional network on NHWC batches, built on the kernel contract: forward
 * (also on stacked primal/tangent batches, which makes it a forward-mode JVP — see act.ts) and
 * reverse mode (VJP) from a tape. Activations live in the kernels' memory (`alloc`) and each
 * function frees what it no longer needs; the caller frees what it gets back.
 *
 * Convolution = im2col + one GEMM with the filters stored [kh·kw·cin, cout] (TensorFlow's HWIO
 * order, as the weights ship), in chunks of whole images so that the patch matrix stays below
 * COLS_FLOATS whatever the batch.
 */
import { ACTIVATION_CODE, type Kernels } from "../engine/index.js";
import { actSize, type Act } from "./act.js";
import { type Padding, windowGeometry } from "./convGeometry.js";

const RELU = ACTIVATION_CODE.relu;
/** Largest patch matrix one convolution holds at a time: 8 Mi floats = 32 MiB. */
export const COLS_FLOATS = 8 * 2 ** 20;

/** A convolution followed by a per-channel affine map: y = conv(x; filters)·scale + offset. */
export interface ConvParams {
  kh: number;
  kw: number;
  cin: number;
  cout: number;
  stride: number;
  padding: Padding;
  /** [kh·kw·cin, cout]: the trained values (gradients and optimizer steps act on these) */
  filters: Float32Array;
  /** [cout, kh·kw·cin]: the same, transposed for the forward GEMM; refresh with syncFilters() after changing `filters` */
  filtersT: Float32Array;
  /** [cout] */
  scale: Float32Array;
  /** [cout] */
  offset: Float32Array;
}

/** Gradients of a ConvParams' arrays (same shapes), accumulated by convVjp. */
export interface ConvGrads { filters: Float32Array; scale: Float32Array; offset: Float32Array }

/** filtersT ← filtersᵀ (after an optimizer step changed the filters). */
export function syncFilters(p: ConvParams): void {
  const K = p.kh * p.kw * p.cin;
  for (let r = 0; r < K; r++) for (let c = 0; c < p.cout; c++) p.filtersT[c * K + r] = p.filters[r * p.cout + c];
}

/** An activation batch in the kernels' memory, zeroed unless `uninitialized` (its producer writes every value). */
export function allocAct(k: Kernels, n: number, h: number, w: number, c: number, primal: number, uninitialized = false): Act {
  return { n, h, w, c, primal, data: k.alloc(n * h * w * c, uninitialized) };
}
export const freeAct = (k: Kernels, a: Act): void => k.free(a.data);

interface ConvShape { ho: number; wo: number; pt: number; pl: number; K: number }
function convShape(p: ConvParams, x: Act): ConvShape {
  const gy = windowGeometry(x.h, p.kh, p.stride, p.padding), gx = windowGeometry(x.w, p.kw, p.stride, p.padding);
  return { ho: gy.out, wo: gx.out, pt: gy.padBefore, pl: gx.padBefore, K: p.kh * p.kw * p.cin };
}

/** Images per im2col chunk so that the patch matrix stays under COLS_FLOATS (at least one). */
const chunkImages = (rowsPerImage: number, K: number, n: number) => Math.max(1, Math.min(n, Math.floor(COLS_FLOATS / Math.max(1, rowsPerImage * K))));

/** conv(x)·scale (+ offset on the primal images only: a tangent has no offset). */
export function convForward(k: Kernels, p: ConvParams, x: Act): Act {
  const { ho, wo, pt, pl, K } = convShape(p, x);
  const y = allocAct(k, x.n, ho, wo, p.cout, x.primal, true); // every chunk's GEMM writes its rows (beta 0)
  const rows = ho * wo, inSize = x.h * x.w * x.c;
  const per = chunkImages(rows, K, x.n);
  const cols = k.alloc(per * rows * K, true); // im2col writes every entry, zeros outside included
  for (let b0 = 0; b0 < x.n; b0 += per) {
    const nb = Math.min(per, x.n - b0);
    k.im2col(nb, x.h, x.w, x.c, p.kh, p.kw, p.stride, pt, pl, ho, wo, x.data.subarray(b0 * inSize, (b0 + nb) * inSize), cols);
    // the dot form (A·Bᵀ) reads the long patch matrix once; the axpy form re-read it for every
    // 12-column panel of the filters (measured 1.5× slower at 39200×32×288)
    k.gemmNT(nb * rows, p.cout, K, cols, p.filtersT, y.data.subarray(b0 * rows * p.cout, (b0 + nb) * rows * p.cout), 0);
  }
  k.free(cols);
  k.columnScale(x.n * rows, p.cout, y.data, p.scale, y.data);
  k.biasAdd(x.primal * rows, p.cout, y.data, p.offset);
  return y;
}

/**
 * Reverse mode through convForward (primal batch only): given x and dL/dy, accumulates dL/dθ into
 * `grads` (when given) and returns dL/dx (when `wantDx`). `z = (y − offset)/scale` is not stored:
 * dL/dscale = Σ dy·z needs z, recomputed here by the same GEMM (cheaper than keeping it around).
 */
export function convVjp(k: Kernels, p: ConvParams, x: Act, dy: Act, grads: ConvGrads | null, wantDx: boolean): Act | null {
  const { ho, wo, pt, pl, K } = convShape(p, x);
  const rows = ho * wo, inSize = x.h * x.w * x.c, outSize = rows * p.cout;
  const dz = k.alloc(dy.data.length, true);
  k.columnScale(x.n * rows, p.cout, dy.data, p.scale, dz); // dL/dz = dy·scale (every entry)
  if (grads) k.columnSums(x.n * rows, p.cout, dy.data, grads.offset, 1);
  const dx = wantDx ? allocAct(k, x.n, x.h, x.w, x.c, x.n) : null;
  const per = chunkImages(rows, K, x.n);
  const cols = k.alloc(per * rows * K, true); // written whole by im2col or by the dcols GEMM (beta 0)
  const z = grads ? k.alloc(per * outSize, true) : null;
  for (let b0 = 0; b0 < x.n; b0 += per) {
    const nb = Math.min(per, x.n - b0);
    const dzChunk = dz.subarray(b0 * outSize, (b0 + nb) * outSize);
    if (grads && z) {
      k.im2col(nb, x.h, x.w, x.c, p.kh, p.kw, p.stride, pt, pl, ho, wo, x.data.subarray(b0 * inSize, (b0 + nb) * inSize), cols);
      k.gemmNT(nb * rows, p.cout, K, cols, p.filtersT, z, 0);
      k.columnDots(nb * rows, p.cout, dy.data.subarray(b0 * outSize, (b0 + nb) * outSize), z.subarray(0, nb * outSize), grads.scale, 1);
      k.gemmTN(K, p.cout, nb * rows, cols, dzChunk, grads.filters, 1); // dW += colsᵀ·dz
    }
    if (dx) {
      k.gemmNT(nb * rows, K, p.cout, dzChunk, p.filters, cols, 0); // dcols = dz·Wᵀ
      k.col2im(nb, x.h, x.w, x.c, p.kh, p.kw, p.stride, pt, pl, ho, wo, cols, dx.data.subarray(b0 * inSize, (b0 + nb) * inSize), 0);
    }
  }
  k.free(cols); k.free(dz);
  if (z) k.free(z);
  return dx;
}

/** ReLU in place; on a stacked batch the tangent half is masked by the primal's sign first. */
export function reluInPlace(k: Kernels, a: Act): void {
  const per = a.h * a.w * a.c, np = a.primal * per;
  const primal = a.data.subarray(0, np);
  if (a.n > a.primal) {
    const t = a.data.subarray(np, 2 * np);
    k.activationBackward(RELU, np, primal, primal, t, t, 0, 0);
  }
  k.activationForward(RELU, np, primal, primal, 0, 0);
}

/** dL/dx of a ReLU from its output y (y > 0 exactly where x > 0), in place on dy. */
export function reluVjpInPlace(k: Kernels, y: Act, dy: Act): void {
  k.activationBackward(RELU, dy.data.length, y.data, y.data, dy.data, dy.data, 0, 0);
}

/** Max-pool, k×k windows, stride s, valid; the tangent half follows the primal's winners. */
export function maxPoolForward(k: Kernels, x: Act, size: number, stride: number): Act {
  const ho = windowGeometry(x.h, size, stride, "valid").out, wo = windowGeometry(x.w, size, stride, "valid").out;
  const y = allocAct(k, x.n, ho, wo, x.c, x.primal, true);
  const np = x.primal * x.h * x.w * x.c, npo = x.primal * ho * wo * x.c;
  const xp = x.data.subarray(0, np);
  k.maxPool(x.primal, x.h, x.w, x.c, size, stride, ho, wo, xp, y.data.subarray(0, npo));
  if (x.n > x.primal) k.maxPoolJvp(x.primal, x.h, x.w, x.c, size, stride, ho, wo, xp, x.data.subarray(np, 2 * np), y.data.subarray(npo, 2 * npo));
  return y;
}

/** Average-pool, k×k windows, stride s, valid (linear: the whole stacked batch at once). */
export function avgPoolForward(k: Kernels, x: Act, size: number, stride: number): Act {
  const ho = windowGeometry(x.h, size, stride, "valid").out, wo = windowGeometry(x.w, size, stride, "valid").out;
  const y = allocAct(k, x.n, ho, wo, x.c, x.primal, true);
  k.avgPool(x.n, x.h, x.w, x.c, size, stride, ho, wo, x.data, y.data);
  return y;
}

/** The mean over positions: [n, h, w, c] → [n, 1, 1, c] (linear). */
export function globalMeanForward(k: Kernels, x: Act): Act {
  const y = allocAct(k, x.n, 1, 1, x.c, x.primal, true);
  const hw = x.h * x.w;
  for (let b = 0; b < x.n; b++) k.columnSums(hw, x.c, x.data.subarray(b * hw * x.c, (b + 1) * hw * x.c), y.data.subarray(b * x.c, (b + 1) * x.c), 0);
  k.scale(y.data.length, y.data, 1 / hw);
  return y;
}

/** dL/dx of the global mean: dy/(h·w) at every position. */
export function globalMeanVjp(k: Kernels, shape: Act, dy: Act): Act {
  const dx = allocAct(k, shape.n, shape.h, shape.w, shape.c, shape.n);
  const hw = shape.h * shape.w;
  for (let b = 0; b < shape.n; b++) k.biasAdd(hw, shape.c, dx.data.subarray(b * hw * shape.c, (b + 1) * hw * shape.c), dy.data.subarray(b * shape.c, (b + 1) * shape.c));
  k.scale(dx.data.length, dx.data, 1 / hw);
  return dx;
}

/** A fully connected layer without bias, [n, cin] · W[cin, cout] (linear). */
export function denseForward(k: Kernels, x: Act, weights: Float32Array, cout: number): Act {
  const cin = x.h * x.w * x.c;
  const y = allocAct(k, x.n, 1, 1, cout, x.primal, true);
  k.gemmNN(x.n, cout, cin, x.data, weights, y.data, 0);
  return y;
}

/** Zero-pads a batch at the bottom and right to h × w (face-api's shape adjustment of a down block). */
export function padBottomRight(k: Kernels, x: Act, h: number, w: number): Act {
  const y = allocAct(k, x.n, h, w, x.c, x.primal);
  const row = x.w * x.c;
  for (let b = 0; b < x.n; b++) {
    for (let r = 0; r < x.h; r++) {
      const src = (b * x.h + r) * row;
      y.data.set(x.data.subarray(src, src + row), (b * h + r) * w * x.c);
    }
  }
  return y;
}

/** The inverse of padBottomRight for gradients: the top-left h × w of each image. */
export function cropTopLeft(k: Kernels, x: Act, h: number, w: number): Act {
  const y = allocAct(k, x.n, h, w, x.c, x.primal, true);
  const row = w * x.c;
  for (let b = 0; b < x.n; b++) {
    for (let r = 0; r < h; r++) {
      const src = (b * x.h + r) * x.w * x.c;
      y.data.set(x.data.subarray(src, src + row), (b * h + r) * row);
    }
  }
  return y;
}

export { actSize };
