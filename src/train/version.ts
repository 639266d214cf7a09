import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | null = null;

/**
 * fisherlab's version from its package.json (two levels up from src/train, three from
 * dist/src/train), recorded in every summary.json so results can be traced to the code.
 */
export function fisherlabVersion(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    const path = join(dir, "package.json");
    if (existsSync(path)) {
      const pkg = JSON.parse(readFileSync(path, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "fisherlab" && pkg.version) return (cached = pkg.version);
    }
    dir = dirname(dir);
  }
  return (cached = "unknown");
}
