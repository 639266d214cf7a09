import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: { root: string; version: string } | null = null;

/** fisherlab's package.json, found above this module (src/io in a checkout, dist/src/io when built). */
function fisherlabPackage(): { root: string; version: string } {
  if (cached) return cached;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const path = join(dir, "package.json");
    if (existsSync(path)) {
      const pkg = JSON.parse(readFileSync(path, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "fisherlab") return (cached = { root: dir, version: pkg.version ?? "unknown" });
    }
    if (dirname(dir) === dir) throw new Error("fisherlab: cannot find fisherlab's package.json above its modules; reinstall fisherlab");
  }
}

/** The folder of fisherlab's package.json. */
export const fisherlabRoot = (): string => fisherlabPackage().root;

/**
 * fisherlab's version, read from its package.json (the one place it is written), recorded in
 * every summary.json and checked between a queue's coordinator and its workers.
 */
export const fisherlabVersion = (): string => fisherlabPackage().version;
