/**
 * Output size and padding of a convolution or pooling window, TensorFlow's rules (the weights
 * were trained with them): "valid" takes only whole windows, floor((h − k)/s) + 1; "same" gives
 * ceil(h/s) outputs and pads by max((out − 1)·s + k − h, 0), the smaller half at the top/left.
 */
export type Padding = "same" | "valid";

export interface Geometry { out: number; padBefore: number }

export function windowGeometry(size: number, k: number, stride: number, padding: Padding): Geometry {
  if (padding === "valid") return { out: Math.floor((size - k) / stride) + 1, padBefore: 0 };
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + k - size, 0);
  return { out, padBefore: Math.floor(total / 2) };
}
