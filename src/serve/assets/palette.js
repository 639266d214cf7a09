// Okabe–Ito: colour-blind-safe categorical colours (the same palette as the static report).
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

export function colorOf(i) {
  return PALETTE[i % PALETTE.length];
}

/** The colour with an alpha channel, for bands. */
export function fade(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
