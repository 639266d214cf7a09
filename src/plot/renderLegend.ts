import { px } from "./formatNumber.js";
import { LABEL_SIZE, svgText } from "./svgFrame.js";
import type { LegendEntry } from "./types.js";
import { textWidth } from "./wrapText.js";

const ROW_HEIGHT = 20;
const SWATCH = 22;

/** Legend entries laid out left to right, wrapping to new rows at `width`; returns the SVG and its height. */
export function renderLegend(entries: readonly LegendEntry[], width: number): { svg: string; height: number } {
  if (entries.length === 0) return { svg: "", height: 0 };
  const parts: string[] = [];
  let x = 12, row = 0;
  for (const e of entries) {
    const w = SWATCH + 6 + textWidth(e.label, LABEL_SIZE - 1) + 18;
    if (x > 12 && x + w > width - 12) { row++; x = 12; }
    const cy = row * ROW_HEIGHT + ROW_HEIGHT / 2;
    if (e.kind === "line") {
      const dash = e.dash ? ` stroke-dasharray="${e.dash}"` : "";
      parts.push(`<line x1="${px(x)}" y1="${px(cy)}" x2="${px(x + SWATCH)}" y2="${px(cy)}" stroke="${e.color}" stroke-width="${e.width ?? 2}"${dash}/>`);
    } else if (e.kind === "band") {
      parts.push(`<rect x="${px(x)}" y="${px(cy - 6)}" width="${SWATCH}" height="12" fill="${e.color}" fill-opacity="0.35" stroke="${e.color}" stroke-width="0.5"/>`);
    } else {
      parts.push(`<circle cx="${px(x + SWATCH / 2)}" cy="${px(cy)}" r="3.5" fill="${e.color}"/>`);
    }
    parts.push(svgText(x + SWATCH + 6, cy + 4, e.label, { "font-size": LABEL_SIZE - 1, fill: "#222222" }));
    x += w;
  }
  return { svg: `<g class="legend">${parts.join("")}</g>`, height: (row + 1) * ROW_HEIGHT + 4 };
}
