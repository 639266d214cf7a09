import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The compiled module `file` (a .js name, relative to the caller) beside the caller whose
 * `import.meta.url` is given. Worker threads cannot import TypeScript, so when the caller runs
 * from its .ts source (vitest) the module is taken from the build instead:
 * <root>/src/… → <root>/dist/src/…. The one way every layer finds a worker or handler file.
 */
export function compiledSibling(file: string, callerUrl: string): URL {
  const url = new URL(file, callerUrl);
  if (!callerUrl.endsWith(".ts")) return url;
  const i = url.pathname.lastIndexOf("/src/");
  if (i < 0) throw new Error(`compiledSibling(): ${callerUrl} is not under a src/ folder; cannot find its compiled module`);
  url.pathname = `${url.pathname.slice(0, i)}/dist${url.pathname.slice(i)}`;
  return url;
}

/** Whether the compiled module `url` exists on disk (a worker can be started from it). */
export function compiledModuleExists(url: URL): boolean {
  return url.protocol === "file:" && existsSync(fileURLToPath(url));
}
