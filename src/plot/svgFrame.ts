import { escapeXml } from "./escape.js";
import { px } from "./formatNumber.js";
import { wrapText } from "./wrapText.js";

/** Font stack: DejaVu Sans is what the PNG renderer loads; browsers fall back to their sans-serif. */
export const FONT_FAMILY = "DejaVu Sans, Verdana, sans-serif";
export const TITLE_SIZE = 15;
export const CAPTION_SIZE = 12;
export const LABEL_SIZE = 12;
export const TICK_SIZE = 11;

/** `<text>` with escaped content. */
export function svgText(x: number, y: number, text: string, attrs: Record<string, string | number> = {}): string {
  const a = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join("");
  return `<text x="${px(x)}" y="${px(y)}"${a}>${escapeXml(text)}</text>`;
}

/**
 * The outer frame every figure shares: white background, title at the top, then `header` (a
 * legend) of `headerHeight` px, then `body` of `bodyHeight` px (drawn with its origin at the
 * body's top-left), then the caption wrapped to the width. Returns a standalone SVG document.
 */
export function svgFrame(opts: { width: number; title: string; caption: string; header?: string; headerHeight?: number; body: string; bodyHeight: number }): string {
  const { width, title, caption, body, bodyHeight } = opts;
  const headerHeight = opts.headerHeight ?? 0;
  const titleTop = 8, titleHeight = 26;
  const captionLines = wrapText(caption, width - 24, CAPTION_SIZE);
  const bodyTop = titleTop + titleHeight + headerHeight;
  const captionTop = bodyTop + bodyHeight + 6;
  const lineHeight = CAPTION_SIZE * 1.35;
  const height = Math.ceil(captionTop + captionLines.length * lineHeight + 10);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" role="img">`);
  parts.push(`<title>${escapeXml(title)}</title>`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(svgText(12, titleTop + TITLE_SIZE + 2, title, { "font-size": TITLE_SIZE, "font-weight": "bold", fill: "#111111", class: "plot-title" }));
  if (opts.header) parts.push(`<g transform="translate(0 ${px(titleTop + titleHeight)})">${opts.header}</g>`);
  parts.push(`<g transform="translate(0 ${px(bodyTop)})">${body}</g>`);
  captionLines.forEach((line, i) => {
    parts.push(svgText(12, captionTop + (i + 1) * lineHeight - 3, line, { "font-size": CAPTION_SIZE, fill: "#333333", class: "plot-caption" }));
  });
  parts.push("</svg>");
  return parts.join("\n");
}
