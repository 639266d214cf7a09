import { greyPng } from "../io/index.js";
import { STIMULI_DEFAULTS } from "./defaults.js";

/**
 * A contact sheet of the first images: a grid of `columns` tiles separated by 2-pixel white
 * lines, as PNG bytes, so a person can look at what the network sees. `range` maps values to
 * black..white ([0, 1] for banks, [−1, 1] for gratings).
 */
export function contactSheet(images: Float32Array, count: number, height: number, width: number,
  range: readonly [number, number] = [0, 1], columns: number = STIMULI_DEFAULTS.previewColumns): Uint8Array {
  const n = Math.min(count, Math.floor(images.length / (height * width)));
  if (n < 1) throw new Error(`contactSheet(): needs at least one ${height}×${width} image, got ${images.length} values`);
  const gap = 2;
  const cols = Math.min(columns, n), rows = Math.ceil(n / cols);
  const W = cols * width + (cols - 1) * gap, H = rows * height + (rows - 1) * gap;
  const sheet = new Float32Array(W * H).fill(range[1]);
  for (let k = 0; k < n; k++) {
    const ox = (k % cols) * (width + gap), oy = Math.floor(k / cols) * (height + gap);
    for (let y = 0; y < height; y++) {
      sheet.set(images.subarray(k * height * width + y * width, k * height * width + (y + 1) * width), (oy + y) * W + ox);
    }
  }
  return greyPng(W, H, sheet, range[0], range[1]);
}

