import { escapeXml } from "./escape.js";
import { formatNumber, px } from "./formatNumber.js";
import { divergingColor, textColorOn } from "./palette.js";
import { LABEL_SIZE, svgFrame, svgText, TICK_SIZE } from "./svgFrame.js";
import { textWidth } from "./wrapText.js";

/** A labelled square matrix (e.g. replicate-by-replicate correlations) drawn as coloured cells. */
export interface Heatmap {
  title: string;
  caption: string;
  /** Row and column labels (the matrix is square: labels.length × labels.length). */
  labels: string[];
  /** Row-major values; NaN cells are drawn grey and labelled "–". */
  matrix: number[][];
  /** Value range of the colour bar (default [−1, 1], the range of a correlation). */
  domain?: [number, number];
  /** Label of the colour bar, with units. */
  colorbarLabel: string;
  /** Print each cell's value in it (default: when there are ≤ 12 rows). */
  cellValues?: boolean;
}

/** Render a heatmap with its colour bar to a standalone SVG string (diverging RdBu scale). */
export function renderHeatmap(hm: Heatmap): string {
  const n = hm.labels.length;
  if (hm.matrix.length !== n || hm.matrix.some((row) => row.length !== n)) {
    throw new Error(`renderHeatmap(): matrix must be ${n}×${n} to match labels, got ${hm.matrix.length} rows`);
  }
  const [d0, d1] = hm.domain ?? [-1, 1];
  const t = (v: number) => (v - d0) / (d1 - d0 || 1);
  const cell = n <= 6 ? 52 : n <= 12 ? 36 : Math.max(10, Math.floor(440 / n));
  const labelWidth = Math.min(220, Math.max(40, ...hm.labels.map((l) => textWidth(l, TICK_SIZE)))) + 10;
  const left = 12 + labelWidth, top = 8;
  const gridSize = n * cell;
  const showValues = hm.cellValues ?? n <= 12;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(svgText(left - 6, top + i * cell + cell / 2 + 4, hm.labels[i], { "font-size": TICK_SIZE, "text-anchor": "end", fill: "#222222" }));
    // column labels rotated under the grid so long names do not overlap
    parts.push(`<text transform="translate(${px(left + i * cell + cell / 2 + 4)} ${px(top + gridSize + 6)}) rotate(-90)" x="0" y="0" font-size="${TICK_SIZE}" text-anchor="end" fill="#222222">${escapeXml(hm.labels[i])}</text>`);
    for (let j = 0; j < n; j++) {
      const v = hm.matrix[i][j];
      const fill = Number.isFinite(v) ? divergingColor(t(v)) : "#bbbbbb";
      parts.push(`<rect x="${px(left + j * cell)}" y="${px(top + i * cell)}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ffffff" stroke-width="1"/>`);
      if (showValues) {
        parts.push(svgText(left + j * cell + cell / 2, top + i * cell + cell / 2 + 4, Number.isFinite(v) ? formatNumber(v, 2) : "–", {
          "font-size": TICK_SIZE - 1, "text-anchor": "middle", fill: Number.isFinite(v) ? textColorOn(fill) : "#000000",
        }));
      }
    }
  }
  // colour bar: 40 stacked rects (no gradient element, so no document-wide ids in the report)
  const barX = left + gridSize + 30, barH = Math.max(gridSize, 160), barW = 16, steps = 40;
  for (let k = 0; k < steps; k++) {
    const v = d1 - ((k + 0.5) / steps) * (d1 - d0);
    parts.push(`<rect x="${px(barX)}" y="${px(top + (k * barH) / steps)}" width="${barW}" height="${px(barH / steps + 0.5)}" fill="${divergingColor(t(v))}"/>`);
  }
  parts.push(`<rect x="${px(barX)}" y="${top}" width="${barW}" height="${px(barH)}" fill="none" stroke="#444444"/>`);
  for (const v of [d1, (d0 + d1) / 2, d0]) {
    const y = top + ((d1 - v) / (d1 - d0 || 1)) * barH;
    parts.push(`<line x1="${px(barX + barW)}" y1="${px(y)}" x2="${px(barX + barW + 4)}" y2="${px(y)}" stroke="#444444"/>`);
    parts.push(svgText(barX + barW + 7, y + 4, formatNumber(v), { "font-size": TICK_SIZE, fill: "#333333" }));
  }
  parts.push(`<text transform="translate(${px(barX + barW + 52)} ${px(top + barH / 2)}) rotate(-90)" x="0" y="0" font-size="${LABEL_SIZE}" text-anchor="middle" fill="#111111" class="axis-label colorbar-label">${escapeXml(hm.colorbarLabel)}</text>`);
  const width = Math.max(420, Math.ceil(barX + barW + 70));
  const bodyHeight = Math.max(top + gridSize + labelWidth + 4, top + barH + 10);
  return svgFrame({ width, title: hm.title, caption: hm.caption, body: parts.join(""), bodyHeight });
}
