/**
 * Resample a grey image to outHeight × outWidth, separably: each axis is shrunk by area averaging
 * (each output pixel is the coverage-weighted mean of the input pixels under it, like PIL's BOX or
 * OpenCV's INTER_AREA, so shrinking does not alias) and enlarged by bilinear interpolation with
 * pixel centres at i + ½ (the convention of skimage.transform.resize and cv2.resize).
 */
export function resizeImage(src: ArrayLike<number>, height: number, width: number, outHeight: number, outWidth: number): Float32Array {
  if (src.length !== height * width) throw new Error(`resizeImage(): image has ${src.length} values but ${height}×${width} needs ${height * width}`);
  for (const [name, v] of [["outHeight", outHeight], ["outWidth", outWidth]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`resizeImage(): ${name} must be an integer >= 1, got ${v}; e.g. 64`);
  }
  const rows = axisWeights(height, outHeight), cols = axisWeights(width, outWidth);
  const tmp = new Float64Array(height * outWidth); // [height, outWidth]
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < outWidth; x++) {
      let s = 0;
      for (const [i, w] of cols[x]) s += w * src[y * width + i];
      tmp[y * outWidth + x] = s;
    }
  }
  const out = new Float32Array(outHeight * outWidth);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      let s = 0;
      for (const [i, w] of rows[y]) s += w * tmp[i * outWidth + x];
      out[y * outWidth + x] = s;
    }
  }
  return out;
}

/** For each output index: the (input index, weight) pairs, weights summing to 1. */
function axisWeights(inSize: number, outSize: number): [number, number][][] {
  const scale = inSize / outSize;
  const result: [number, number][][] = [];
  for (let o = 0; o < outSize; o++) {
    const list: [number, number][] = [];
    if (scale > 1) { // shrink: box [o·s, (o+1)·s) in input pixel units
      const a = o * scale, b = (o + 1) * scale;
      for (let i = Math.floor(a); i < Math.min(inSize, Math.ceil(b)); i++) {
        const overlap = Math.min(b, i + 1) - Math.max(a, i);
        if (overlap > 0) list.push([i, overlap / scale]);
      }
    } else { // enlarge or keep: bilinear at the output pixel's centre, clamped at the edges
      const c = Math.min(inSize - 1, Math.max(0, (o + 0.5) * scale - 0.5));
      const i0 = Math.floor(c), t = c - i0;
      list.push([i0, 1 - t]);
      if (t > 0) list.push([i0 + 1, t]);
    }
    result.push(list);
  }
  return result;
}
