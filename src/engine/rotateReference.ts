/**
 * The plain-TypeScript rotation kernels: the reference (and test oracle) of the wasm kernels in
 * src/engine/asm/rotate.ts, which compute the same float64 expressions in the same order and so
 * give bit-identical float32 images. src/stimuli/rotate.ts builds its public functions on these.
 *
 * Convention (scikit-image's `rotate`, see src/stimuli/rotate.ts for the derivation): output pixel
 * (x = column, y = row) reads the source bilinearly at
 *     column cx + cos θ·(x − cx) − sin θ·(y − cy),   row cy + sin θ·(x − cx) + cos θ·(y − cy),
 * with (cx, cy) = ((W − 1)/2, (H − 1)/2) and every neighbour outside the image reading 0; the mask
 * then sets pixels farther than min(W, H)/2 − 0.5 from the centre to `maskValue`.
 */

/** Rotate one image by (cos θ, sin θ) into out[offset .. offset + H·W); `mask` = null leaves every pixel rotated. */
export function rotateOneReference(src: ArrayLike<number>, height: number, width: number, cos: number, sin: number,
  out: Float32Array, offset: number, mask: Uint8Array | null, maskValue: number): void {
  const cx = (width - 1) / 2, cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const k = y * width + x;
      if (mask !== null && mask[k] === 0) { out[offset + k] = maskValue; continue; }
      const dx = x - cx;
      const c = cx + cos * dx - sin * dy; // source column
      const r = cy + sin * dx + cos * dy; // source row
      const r0 = Math.floor(r), c0 = Math.floor(c);
      const dr = r - r0, dc = c - c0;
      let tl = 0, tr = 0, bl = 0, br = 0;
      if (r0 >= 0 && r0 < height) {
        const row = r0 * width;
        if (c0 >= 0 && c0 < width) tl = src[row + c0];
        if (c0 + 1 >= 0 && c0 + 1 < width) tr = src[row + c0 + 1];
      }
      if (r0 + 1 >= 0 && r0 + 1 < height) {
        const row = (r0 + 1) * width;
        if (c0 >= 0 && c0 < width) bl = src[row + c0];
        if (c0 + 1 >= 0 && c0 + 1 < width) br = src[row + c0 + 1];
      }
      const top = (1 - dc) * tl + dc * tr;
      const bottom = (1 - dc) * bl + dc * br;
      out[offset + k] = (1 - dr) * top + dr * bottom;
    }
  }
}

const maskCache = new Map<string, Uint8Array>();

/** 1 inside the circular mask (distance from the centre ≤ min(W, H)/2 − 0.5), 0 outside. Cached per size. */
export function circularMask(height: number, width: number): Uint8Array {
  const key = `${height}x${width}`;
  let m = maskCache.get(key);
  if (m) return m;
  m = new Uint8Array(height * width);
  const cx = (width - 1) / 2, cy = (height - 1) / 2;
  const radius = Math.min(width, height) / 2 - 0.5;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // exact in floating point: all terms are multiples of 1/4
      m[y * width + x] = (x - cx) * (x - cx) + (y - cy) * (y - cy) > radius * radius ? 0 : 1;
    }
  }
  maskCache.set(key, m);
  return m;
}

/** The reference of Kernels.rotateMask (kernels.ts). */
export function rotateMaskReference(count: number, height: number, width: number, bank: Float32Array, ids: Int32Array,
  angles: Float64Array, out: Float32Array, mask: 0 | 1, maskValue: number): void {
  const pixels = height * width;
  const m = mask ? circularMask(height, width) : null;
  for (let k = 0; k < count; k++) {
    const src = bank.subarray(ids[k] * pixels, (ids[k] + 1) * pixels);
    rotateOneReference(src, height, width, Math.cos(angles[k]), Math.sin(angles[k]), out, k * pixels, m, maskValue);
  }
}

/** The reference of Kernels.rotateMaskDerivative (kernels.ts). */
export function rotateMaskDerivativeReference(count: number, height: number, width: number, bank: Float32Array, ids: Int32Array,
  angles: Float64Array, step: number, images: Float32Array, derivatives: Float32Array, maskValue: number): void {
  const pixels = height * width;
  const m = circularMask(height, width);
  const plus = new Float32Array(pixels), minus = new Float32Array(pixels);
  for (let k = 0; k < count; k++) {
    const src = bank.subarray(ids[k] * pixels, (ids[k] + 1) * pixels);
    const a = angles[k];
    rotateOneReference(src, height, width, Math.cos(a), Math.sin(a), images, k * pixels, m, maskValue);
    rotateOneReference(src, height, width, Math.cos(a + step), Math.sin(a + step), plus, 0, m, maskValue);
    rotateOneReference(src, height, width, Math.cos(a - step), Math.sin(a - step), minus, 0, m, maskValue);
    // float32 rounding of each image (~6e-8) becomes ~3e-6 here at step 0.03: negligible
    for (let p = 0; p < pixels; p++) derivatives[k * pixels + p] = (plus[p] - minus[p]) / (2 * step);
  }
}
