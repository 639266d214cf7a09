/**
 * A batch of feature maps, NHWC (channels last): `data[((b·h + y)·w + x)·c + ch]`.
 *
 * In a forward-mode pass (a JVP) the batch is *stacked*: images [0, primal) are the primal
 * activations and images [primal, 2·primal) their tangents, in the same order. Linear maps
 * (convolution, pooling by averaging, the global mean, the fully connected layer) then act on the
 * whole batch in one GEMM; the non-linear ones (ReLU, max-pool, the affine offset) treat the two
 * halves differently. `primal === n` means there is no tangent half.
 */
export interface Act {
  n: number;
  h: number;
  w: number;
  c: number;
  /** Images carrying primal values (the rest are tangents). */
  primal: number;
  data: Float32Array;
}

export const actSize = (a: Pick<Act, "n" | "h" | "w" | "c">): number => a.n * a.h * a.w * a.c;
