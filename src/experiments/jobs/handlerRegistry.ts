import type { HandlerRegistry } from "../handlers.js";

/**
 * The job kinds of a sweep and the modules that run them. Worker threads import handlers by
 * path, so the registry points at the compiled modules beside this file (dist/ when running the
 * CLI; `npm run build:ts` produces them).
 */
export function defaultHandlers(): HandlerRegistry {
  const here = new URL(".", import.meta.url);
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  if (ext === "ts") {
    // vitest runs the TypeScript sources, which worker threads cannot import: use the build.
    const dist = new URL("../../../dist/src/experiments/jobs/", import.meta.url);
    return { train: new URL("stageJob.js", dist), finetune: new URL("stageJob.js", dist), adapt: new URL("adaptJob.js", dist) };
  }
  return { train: new URL("stageJob.js", here), finetune: new URL("stageJob.js", here), adapt: new URL("adaptJob.js", here) };
}
