/**
 * Colours. Categorical: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"),
 * distinguishable under the common colour-vision deficiencies; black is left out because it is
 * reserved for reference lines (training density, theory). Sequential: viridis (van der Walt &
 * Smith 2015), perceptually uniform and colour-blind safe. Diverging: ColorBrewer RdBu
 * (Harrower & Brewer 2003), marked colour-blind safe by ColorBrewer.
 */
export const PALETTE: readonly string[] = [
  "#0072B2", // blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#56B4E9", // sky blue
  "#D55E00", // vermillion
  "#F0E442", // yellow (last: low contrast on white)
];

/** The i-th categorical colour, cycling. */
export function categoricalColor(i: number): string {
  const n = PALETTE.length;
  return PALETTE[((i % n) + n) % n];
}

// viridis at 9 evenly spaced stops (matplotlib's _viridis_data at 0, 1/8, …, 1)
const VIRIDIS = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"];
// ColorBrewer RdBu, 11 classes, reversed so that −1 is blue and +1 is red
const RDBU = ["#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b", "#67001f"];

function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function interpolateStops(stops: readonly string[], t: number): string {
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = hexToRgb(stops[i]), b = hexToRgb(stops[i + 1]);
  const c = a.map((ai, k) => Math.round(ai + (b[k] - ai) * f));
  return "#" + c.map((v) => v.toString(16).padStart(2, "0")).join("");
}

/** Sequential colour for t ∈ [0, 1] (viridis; dark purple → yellow). */
export function sequentialColor(t: number): string {
  return interpolateStops(VIRIDIS, t);
}

/** Diverging colour for t ∈ [0, 1] (0 blue, ½ white, 1 red). */
export function divergingColor(t: number): string {
  return interpolateStops(RDBU, t);
}

/** Black or white, whichever reads better on top of `hex` (relative luminance, WCAG 2.0). */
export function textColorOn(hex: string): string {
  const lin = hexToRgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  return lum > 0.35 ? "#000000" : "#ffffff";
}
