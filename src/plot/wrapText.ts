/**
 * Average advance width of DejaVu Sans in ems (its Latin glyphs average ≈ 0.6 em). SVG has no
 * text measurement without a renderer, so layout (wrapping captions, sizing legends) uses this
 * estimate; erring wide keeps text inside the figure.
 */
export const CHAR_WIDTH_EM = 0.6;

/** Estimated width in pixels of `text` at `fontSize` (`em`: advance per character, default the wide estimate). */
export function textWidth(text: string, fontSize: number, em = CHAR_WIDTH_EM): number {
  return [...text].length * fontSize * em;
}

/** Closer to DejaVu Sans's typical advance for mixed digits and lower case (measured ≈ 0.5 em); for boxes drawn behind text. */
export const CHAR_WIDTH_EM_TIGHT = 0.52;

/** Split `text` into lines no wider than `maxWidth` pixels at `fontSize`, breaking at spaces. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const maxChars = Math.max(8, Math.floor(maxWidth / (fontSize * CHAR_WIDTH_EM)));
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line === "") line = word;
    else if ([...line].length + 1 + [...word].length <= maxChars) line += " " + word;
    else { lines.push(line); line = word; }
  }
  if (line !== "") lines.push(line);
  return lines;
}
