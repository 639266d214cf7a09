import { deflateSync } from "node:zlib";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encode an 8-bit image as PNG (greyscale when `channels` = 1, RGB when 3, RGBA when 4).
 * `pixels` is row-major [height, width, channels].
 */
export function encodePng(width: number, height: number, pixels: Uint8Array, channels: 1 | 3 | 4 = 1): Uint8Array {
  if (pixels.length !== width * height * channels) {
    throw new Error(`encodePng(): pixels has ${pixels.length} bytes, expected ${width}×${height}×${channels}`);
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width); hv.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = channels === 1 ? 0 : channels === 3 ? 2 : 6; // colour type
  const stride = width * channels;
  const raw = new Uint8Array((stride + 1) * height); // filter byte 0 (none) per row
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", new Uint8Array(deflateSync(raw))),
    chunk("IEND", new Uint8Array(0)),
  ];
  const total = parts.reduce((a, p) => a + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** Greyscale float image (values clipped to [lo, hi]) → 8-bit PNG bytes. */
export function greyPng(width: number, height: number, values: ArrayLike<number>, lo = 0, hi = 1): Uint8Array {
  const px = new Uint8Array(width * height);
  const span = hi - lo || 1;
  for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.min(255, Math.round(((values[i] - lo) / span) * 255)));
  return encodePng(width, height, px, 1);
}
