/**
 * The kernel contract: every hot loop fisherlab runs, with its argument types. Two
 * implementations satisfy it — the plain-TypeScript reference (`referenceKernels`, used by the
 * tests as ground truth) and the AssemblyScript/WebAssembly SIMD one. One shared test suite runs
 * against both.
 *
 * Conventions: matrices are row-major Float32Arrays; `m, n, k` are GEMM sizes; kernels trust
 * their input (sizes are validated by the TypeScript callers at the boundary). Any Float32Array
 * is accepted; arrays obtained from `alloc` are read in place by the wasm kernels (no copy).
 */
export type ActivationKind = "identity" | "relu" | "leaky_relu" | "celu" | "tanh" | "bounded_tanh";

/** Numeric codes for activations, shared with the AssemblyScript side. */
export const ACTIVATION_CODE: Record<ActivationKind, number> = {
  identity: 0,
  relu: 1,
  leaky_relu: 2, // p1 = negative slope (0.01)
  celu: 3, // p1 = alpha (1): x > 0 ? x : alpha·(exp(x/alpha) − 1); alpha = 1 is ELU
  tanh: 4,
  bounded_tanh: 5, // p1 = c, p2 = s: c·tanh(s·x)  (linear encoding's output non-linearity)
};

export interface Kernels {
  readonly name: string;
  /** Threads a large product is split over (1 for the reference kernels). */
  readonly threads: number;
  /**
   * n zeroed floats the kernels read in place; the view stays valid until `free`. `uninitialized`:
   * skip the zeroing, for an output that a kernel overwrites entirely before anything reads it
   * (zeroing tens of MB of patch matrices on the main thread cost 10–20% of a backbone forward pass).
   */
  alloc(n: number, uninitialized?: boolean): Float32Array;
  /** Return memory obtained from `alloc` (a no-op for the reference kernels). */
  free(a: Float32Array): void;
  /** C[m,n] = beta·C + A[m,k]·B[k,n] */
  gemmNN(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, beta: 0 | 1): void;
  /** C[m,n] = beta·C + Aᵀ·B with A stored [k,m], B stored [k,n] */
  gemmTN(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, beta: 0 | 1): void;
  /** C[m,n] = beta·C + A·Bᵀ with A stored [m,k], B stored [n,k] (y = x·Wᵀ for PyTorch-layout W) */
  gemmNT(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, beta: 0 | 1): void;
  /** x[i,j] += bias[j] for an [m,n] matrix, in place */
  biasAdd(m: number, n: number, x: Float32Array, bias: Float32Array): void;
  /** y[i] = f(x[i]) for i < n (y may be x) */
  activationForward(kind: number, n: number, x: Float32Array, y: Float32Array, p1: number, p2: number): void;
  /** dx[i] = dy[i]·f'(x[i]); y = f(x) is passed so that tanh/celu can reuse it (dx may be dy) */
  activationBackward(kind: number, n: number, x: Float32Array, y: Float32Array, dy: Float32Array, dx: Float32Array, p1: number, p2: number): void;
  /** out[j] = beta·out[j] + Σ_i x[i,j] over an [m,n] matrix (bias gradients) */
  columnSums(m: number, n: number, x: Float32Array, out: Float32Array, beta: 0 | 1): void;
  /** Σ x[i]² for i < n, accumulated in float64 where the implementation can */
  sumSquares(n: number, x: Float32Array): number;
  /** x[i] *= s for i < n */
  scale(n: number, x: Float32Array, s: number): void;
  /**
   * One Adam step with PyTorch's update rule (torch.optim.Adam, amsgrad=False):
   * g ← grad + wd·θ; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
   * θ ← θ − lr·(m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + eps), with t = step ≥ 1.
   */
  adamStep(n: number, param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array,
    lr: number, beta1: number, beta2: number, eps: number, weightDecay: number, step: number): void;
  /**
   * Rotation + circular mask, batched (src/engine/rotateReference.ts gives the convention):
   * out[k] ([height·width] at k·height·width) = image ids[k] of `bank` ([images, height·width])
   * rotated by angles[k] radians with bilinear interpolation, then, when mask = 1, every pixel
   * farther than min(H, W)/2 − 0.5 from the centre set to maskValue. Both implementations
   * compute in float64 in the same order: their outputs are bit-identical.
   */
  rotateMask(count: number, height: number, width: number, bank: Float32Array, ids: Int32Array, angles: Float64Array,
    out: Float32Array, mask: 0 | 1, maskValue: number): void;
  /**
   * rotateMask (masked) into images, and the central difference
   * derivatives[k] = (rotated(θ + step) − rotated(θ − step)) / (2·step), each rotation rounded to
   * float32 before the difference. Bit-identical between implementations, like rotateMask.
   */
  rotateMaskDerivative(count: number, height: number, width: number, bank: Float32Array, ids: Int32Array, angles: Float64Array,
    step: number, images: Float32Array, derivatives: Float32Array, maskValue: number): void;

  // --- convolution and pooling on NHWC batches (src/engine/asm/conv.ts; docs/backbone.md) -----
  // A conv is im2col + gemmNN with filters stored [kh·kw·C, Cout]; its input gradient is gemmNT +
  // col2im. Pools take no padding ("valid"); `ho, wo` are the output sizes the caller computed.
  /** cols[(b·ho + oy)·wo + ox, (ky·kw + kx)·c + ch] = x[b, oy·s − pt + ky, ox·s − pl + kx, ch], 0 outside */
  im2col(n: number, h: number, w: number, c: number, kh: number, kw: number, stride: number, padTop: number, padLeft: number,
    ho: number, wo: number, x: Float32Array, cols: Float32Array): void;
  /** dx = beta·dx + the adjoint of im2col applied to cols */
  col2im(n: number, h: number, w: number, c: number, kh: number, kw: number, stride: number, padTop: number, padLeft: number,
    ho: number, wo: number, cols: Float32Array, dx: Float32Array, beta: 0 | 1): void;
  /** y = max over each k×k window (stride s) */
  maxPool(n: number, h: number, w: number, c: number, k: number, stride: number, ho: number, wo: number, x: Float32Array, y: Float32Array): void;
  /** dy[out] = dx[winner of out in x]: the pool's derivative along the tangent dx (winner = first maximum) */
  maxPoolJvp(n: number, h: number, w: number, c: number, k: number, stride: number, ho: number, wo: number, x: Float32Array, dx: Float32Array, dy: Float32Array): void;
  /** dx = beta·dx + the adjoint: each dy[out] added to its window's winner in x */
  maxPoolVjp(n: number, h: number, w: number, c: number, k: number, stride: number, ho: number, wo: number, x: Float32Array, dy: Float32Array, dx: Float32Array, beta: 0 | 1): void;
  /** y = mean over each k×k window (stride s); linear, so also its own tangent map */
  avgPool(n: number, h: number, w: number, c: number, k: number, stride: number, ho: number, wo: number, x: Float32Array, y: Float32Array): void;
  /** dx = beta·dx + the adjoint of avgPool applied to dy */
  avgPoolVjp(n: number, h: number, w: number, c: number, k: number, stride: number, ho: number, wo: number, dy: Float32Array, dx: Float32Array, beta: 0 | 1): void;
  /** y[i,j] = x[i,j]·scale[j] for an [m,n] matrix (y may be x): a per-channel scale */
  columnScale(m: number, n: number, x: Float32Array, scale: Float32Array, y: Float32Array): void;
  /** out[j] = beta·out[j] + Σ_i a[i,j]·b[i,j] (the gradient of a per-channel scale) */
  columnDots(m: number, n: number, a: Float32Array, b: Float32Array, out: Float32Array, beta: 0 | 1): void;
  /** y[i,j] += x[i,j] for j < k, x [m,k], y [m,n], k ≤ n: a residual add, zero-padded in channels */
  addColumns(m: number, n: number, k: number, x: Float32Array, y: Float32Array): void;
}
