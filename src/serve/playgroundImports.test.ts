import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const IMPORT = /(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g;

/** Every module the playground worker loads (dist/ files), and every bare or node: import among them. */
function closure(): { files: Set<string>; outside: string[] } {
  const worker = readFileSync(join(root, "src", "serve", "assets", "playgroundWorker.js"), "utf8");
  const files = new Set<string>(), outside: string[] = [];
  const walk = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, spec] of readFileSync(file, "utf8").matchAll(IMPORT)) {
      if (spec.startsWith(".")) walk(resolve(dirname(file), spec));
      else outside.push(`${file.slice(root.length + 1)} imports ${spec}`);
    }
  };
  for (const [, spec] of worker.matchAll(IMPORT)) walk(join(root, "dist", "src", spec.replace(/^\/dist\//, "")));
  return { files, outside };
}

describe("the playground worker's modules", () => {
  it("exist in dist/ and import nothing a browser cannot load (no node: modules; zod is the one bare import the server maps)", () => {
    const { files, outside } = closure();
    for (const f of files) expect(existsSync(f), f).toBe(true);
    expect(files.size).toBeGreaterThan(15);
    expect(outside.filter((o) => !o.endsWith(" imports zod"))).toEqual([]);
  });
});
