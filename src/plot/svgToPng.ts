import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initWasm, Resvg } from "@resvg/resvg-wasm";

const require = createRequire(import.meta.url);
let ready: Promise<void> | null = null;
let initialised = false;
let font: Uint8Array | null = null;

/**
 * Load the resvg wasm module and the DejaVu Sans font, once per process (resvg-wasm's
 * `initWasm` is asynchronous and throws if called twice). Await this before `svgToPng`;
 * `writePlot` does it for you.
 */
export function initPngRenderer(): Promise<void> {
  if (!ready) {
    ready = initWasm(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm"))).then(() => {
      // the machine has no system fonts to rely on: every glyph (θ, √, ⁻²) comes from DejaVu Sans
      font = new Uint8Array(readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")));
      initialised = true;
    });
  }
  return ready;
}

/**
 * Rasterise an SVG string to PNG bytes with resvg + DejaVu Sans. The output is `width` px wide
 * (height in proportion); by default twice the SVG's own width, so text stays crisp when zoomed.
 * Requires `await initPngRenderer()` first.
 */
export function svgToPng(svg: string, options: { width?: number } = {}): Uint8Array {
  if (!initialised || !font) throw new Error("svgToPng(): the renderer is not loaded; call `await initPngRenderer()` first");
  if (options.width !== undefined && !(Number.isInteger(options.width) && options.width > 0 && options.width <= 16384)) {
    throw new Error(`svgToPng(): width must be an integer in [1, 16384], got ${options.width}`);
  }
  const resvg = new Resvg(svg, {
    font: { fontBuffers: [font], defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    fitTo: options.width !== undefined ? { mode: "width", value: options.width } : { mode: "zoom", value: 2 },
    background: "#ffffff",
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
