import { extname } from "node:path";
import { writeFileAtomic } from "../io/index.js";
import { initPngRenderer, svgToPng } from "./svgToPng.js";

/**
 * Write a plot to `path`, as SVG text for `.svg` and as a PNG image for `.png` (atomic: a crash
 * leaves the old file or the new one). Other extensions are an error rather than a guess.
 */
export async function writePlot(path: string, svg: string, options: { width?: number } = {}): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext === ".svg") {
    writeFileAtomic(path, svg);
  } else if (ext === ".png") {
    await initPngRenderer();
    writeFileAtomic(path, svgToPng(svg, options));
  } else {
    throw new Error(`writePlot(): path must end in .svg or .png, got "${path}"`);
  }
}
