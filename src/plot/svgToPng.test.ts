import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderFigure } from "./renderFigure.js";
import { initPngRenderer, svgToPng } from "./svgToPng.js";
import { writePlot } from "./writePlot.js";
import { tempDir } from "../../test/tempDir.js";

const svg = renderFigure({
  title: "I(θ) √I",
  caption: "A small test figure.",
  panels: [{ x: { label: "θ (deg)" }, y: { label: "I(θ) (rad⁻²)" }, layers: [{ kind: "line", x: [0, 1, 2], y: [0, 1, 0], color: "#0072B2", width: 3 }] }],
  panelWidth: 400,
});

function pngSize(png: Uint8Array): { width: number; height: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const dir = tempDir("report");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("svgToPng", () => {
  it("svgToPng() before initPngRenderer() says what to call", () => {
    expect(() => svgToPng(svg)).toThrow("svgToPng(): the renderer is not loaded; call `await initPngRenderer()` first");
  });

  it("svgToPng() produces a valid PNG of the requested width, height in proportion", async () => {
    await initPngRenderer();
    await initPngRenderer(); // idempotent: resvg's initWasm would throw on a second call
    const png = svgToPng(svg, { width: 800 });
    expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe("IHDR");
    const natural = svg.match(/width="(\d+)" height="(\d+)"/)!;
    const size = pngSize(png);
    expect(size.width).toBe(800);
    expect(size.height).toBe(Math.round((800 * Number(natural[2])) / Number(natural[1])));
  });

  it("svgToPng() renders at twice the SVG's size by default", async () => {
    await initPngRenderer();
    const natural = svg.match(/width="(\d+)" height="(\d+)"/)!;
    expect(pngSize(svgToPng(svg)).width).toBe(2 * Number(natural[1]));
  });

  it("svgToPng() rejects a non-integer width", async () => {
    await initPngRenderer();
    expect(() => svgToPng(svg, { width: 0.5 })).toThrow("svgToPng(): width must be an integer in [1, 16384], got 0.5");
  });
});

describe("writePlot", () => {
  it("writePlot() writes SVG text for .svg and PNG bytes for .png", async () => {
    await writePlot(join(dir, "a.svg"), svg);
    expect(readFileSync(join(dir, "a.svg"), "utf8")).toBe(svg);
    await writePlot(join(dir, "sub", "a.PNG"), svg, { width: 300 });
    const png = new Uint8Array(readFileSync(join(dir, "sub", "a.PNG")));
    expect(Array.from(png.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(pngSize(png).width).toBe(300);
  });

  it("writePlot() rejects other extensions", async () => {
    await expect(writePlot(join(dir, "a.jpg"), svg)).rejects.toThrow('writePlot(): path must end in .svg or .png, got "');
  });
});
