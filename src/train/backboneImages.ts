/**
 * Images → the face ResNet's input [n, 150, 150, 3] in [0, 1]: grey N×H×W images replicated to
 * RGB, N×H×W×3 taken as they are, each channel resized to 150×150 (area-averaged when shrinking,
 * bilinear when enlarging: stimuli.resizeImage) when it is not that size already. Lives above
 * both backbone and stimuli, which may not import each other.
 */
import { INPUT_SIZE } from "../backbone/index.js";
import { resizeImage } from "../stimuli/index.js";

export interface BackboneInput { n: number; data: Float32Array }

/** Validates shape and values (one-line errors naming `what`) and converts. */
export function backboneImages(shape: readonly number[], data: ArrayLike<number>, what = "images"): BackboneInput {
  if (shape.length !== 3 && shape.length !== 4) {
    throw new Error(`${what}: must be N×H×W (grey) or N×H×W×3 (RGB), got rank ${shape.length} [${shape.join(", ")}]`);
  }
  if (shape.length === 4 && shape[3] !== 3) {
    throw new Error(`${what}: an N×H×W×C array must have C = 3 channels (RGB), got ${shape[3]}; pass grey images as N×H×W`);
  }
  const [, h, w] = shape;
  if (h < 1 || w < 1) throw new Error(`${what}: images must be at least 1×1, got ${h}×${w}`);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!(v >= 0 && v <= 1)) {
      throw new Error(`${what}: values must be in [0, 1], got ${v} at flat index ${i}; scale the images (uint8 .npy files are divided by 255 on read)`);
    }
  }
  return toBackboneInput(shape, data, true);
}

/**
 * The conversion alone, without checks: also right for tangents (image derivatives), since
 * resizing and replicating channels are linear; `clamp` keeps images in [0, 1] against rounding.
 */
export function toBackboneInput(shape: readonly number[], data: ArrayLike<number>, clamp: boolean): BackboneInput {
  const [n, h, w] = shape, channels = shape.length === 4 ? 3 : 1;
  const px = INPUT_SIZE * INPUT_SIZE, out = new Float32Array(n * px * 3);
  const plane = new Float32Array(h * w);
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < channels; c++) {
      for (let i = 0; i < h * w; i++) plane[i] = data[(b * h * w + i) * channels + c];
      const sized = h === INPUT_SIZE && w === INPUT_SIZE ? plane : resizeImage(plane, h, w, INPUT_SIZE, INPUT_SIZE);
      for (let i = 0; i < px; i++) {
        const v = clamp ? Math.min(1, Math.max(0, sized[i])) : sized[i]; // bilinear enlarging stays in range; clamp float rounding
        if (channels === 3) out[(b * px + i) * 3 + c] = v;
        else { const o = (b * px + i) * 3; out[o] = v; out[o + 1] = v; out[o + 2] = v; }
      }
    }
  }
  return { n, data: out };
}
