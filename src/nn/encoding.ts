/**
 * Angle encodings of θ in the network's 2-d output (docs/networks.md).
 *   circular   (cos θ, sin θ), decoded atan2(y1, y0) ∈ (−π, π]          — 2π-periodic objects
 *   half_angle (cos 2θ, sin 2θ), decoded atan2(y1, y0)/2 ∈ [0, π)        — π-periodic gratings
 *   linear     θ·(1, 1), decoded by projection on the diagonal (y0+y1)/2 — with the bounded
 *              output c·tanh(s·x)
 */
export type Encoding = (typeof ENCODINGS)[number];

/** Encoding names: the one list, imported by the config schema. */
export const ENCODINGS = ["circular", "half_angle", "linear"] as const;

function checkEncoding(fn: string, encoding: unknown): asserts encoding is Encoding {
  if (!ENCODINGS.includes(encoding as Encoding)) {
    throw new Error(`${fn}: encoding must be one of ${ENCODINGS.join(", ")}, got ${JSON.stringify(encoding)}`);
  }
}

/** Encode n angles into an [n, 2] row-major array (written into `out` when given). */
export function encodeAngles(encoding: Encoding, theta: ArrayLike<number>, out?: Float32Array): Float32Array {
  checkEncoding("encodeAngles()", encoding);
  const n = theta.length;
  const y = out ?? new Float32Array(2 * n);
  if (y.length < 2 * n) throw new Error(`encodeAngles(): out must hold 2·${n} = ${2 * n} values, got ${y.length}; pass a larger array or none`);
  for (let i = 0; i < n; i++) {
    const t = theta[i];
    if (encoding === "circular") { y[2 * i] = Math.cos(t); y[2 * i + 1] = Math.sin(t); }
    else if (encoding === "half_angle") { y[2 * i] = Math.cos(2 * t); y[2 * i + 1] = Math.sin(2 * t); }
    else { y[2 * i] = t; y[2 * i + 1] = t; }
  }
  return y;
}

/** Decode an [n, 2] array of network outputs into n angles (see the table above for ranges). */
export function decodeAngles(encoding: Encoding, y: ArrayLike<number>, n: number, out?: Float64Array): Float64Array {
  checkEncoding("decodeAngles()", encoding);
  if (!Number.isInteger(n) || n < 0) throw new Error(`decodeAngles(): n must be a non-negative integer, got ${n}`);
  if (y.length < 2 * n) throw new Error(`decodeAngles(): y must hold 2·n = ${2 * n} values, got ${y.length}; check the batch size`);
  const theta = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y0 = y[2 * i], y1 = y[2 * i + 1];
    if (encoding === "circular") theta[i] = Math.atan2(y1, y0);
    else if (encoding === "half_angle") {
      let t = Math.atan2(y1, y0) / 2;
      if (t < 0) t += Math.PI;
      theta[i] = t >= Math.PI ? t - Math.PI : t; // −tiny + π rounds to π: wrap it to 0 to stay in [0, π)
    } else theta[i] = (y0 + y1) / 2;
  }
  return theta;
}
