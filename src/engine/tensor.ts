/**
 * A tensor is a shape plus a row-major Float32Array. The data may be a view into the wasm
 * kernels' memory (see `alloc`), so that kernels read it in place without copying.
 */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A tensor of the given shape; zero-filled unless `data` is given (then its length must match). */
export function tensor(shape: readonly number[], data?: Float32Array | ArrayLike<number>): Tensor {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new Error(`tensor(): shape must hold non-negative integers, got [${shape.join(", ")}]`);
  }
  const n = sizeOf(shape);
  let buffer: Float32Array;
  if (data === undefined) buffer = new Float32Array(n);
  else if (data instanceof Float32Array) buffer = data;
  else buffer = Float32Array.from(data);
  if (buffer.length !== n) {
    throw new Error(`tensor(): data has ${buffer.length} values but shape [${shape.join(", ")}] needs ${n}`);
  }
  return { shape: [...shape], data: buffer };
}
