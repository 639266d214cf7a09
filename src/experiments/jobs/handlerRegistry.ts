import { compiledSibling } from "../../io/index.js";
import type { HandlerRegistry } from "../../pool/index.js";

/**
 * The job kinds of a sweep and the modules that run them. Worker threads import handlers by
 * path, so the registry points at the compiled modules beside this file (dist/ when running from
 * the TypeScript sources; `npm run build:ts` produces them).
 */
export function defaultHandlers(): HandlerRegistry {
  const stage = compiledSibling("stageJob.js", import.meta.url);
  return { train: stage, finetune: stage, adapt: compiledSibling("adaptJob.js", import.meta.url) };
}
