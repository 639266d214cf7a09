import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fisherlabRoot } from "../io/index.js";

/** The folder of an installed npm package (found the way Node resolves it, then up to its package.json). */
function packageDir(root: string, name: string): string {
  const require = createRequire(join(root, "package.json"));
  let dir = dirname(require.resolve(name));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === name) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`fisherlab serve: cannot find the package.json of ${name}; run npm install`);
    dir = up;
  }
}

/** Where the server finds what it serves besides DIR: its page assets, the vendored chart libraries, the compiled engine. */
export interface AssetPaths {
  /** src/serve/assets: the pages, scripts and styles of the dashboard and the playground. */
  assets: string;
  /** dist/src: the compiled library, for the playground's in-browser engine. */
  dist: string;
  /** build: the wasm kernels. */
  build: string;
  /** Single vendored files by URL name. */
  vendorFiles: Record<string, string>;
  /** Vendored ES-module packages served as folders (`/vendor/zod/…`), for the engine's bare imports. */
  vendorDirs: Record<string, string>;
}

export function assetPaths(): AssetPaths {
  const root = fisherlabRoot();
  const uplot = packageDir(root, "uplot"), echarts = packageDir(root, "echarts");
  return {
    assets: join(root, "src", "serve", "assets"),
    dist: join(root, "dist", "src"),
    build: join(root, "build"),
    vendorFiles: {
      "uplot.js": join(uplot, "dist", "uPlot.esm.js"),
      "uplot.css": join(uplot, "dist", "uPlot.min.css"),
      "echarts.js": join(echarts, "dist", "echarts.esm.min.js"),
    },
    vendorDirs: { zod: packageDir(root, "zod") },
  };
}
