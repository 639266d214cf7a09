import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Run a PyTorch script of bench/ (torch_reference.py, torch_pipeline.py, torch_backbone.py) with
 * `python` and parse the JSON object on its last line. This module runs from dist/bench/.
 */
export function runPython<T>(python: string, script: string, args: readonly (string | number)[]): T {
  const path = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bench", script);
  const out = execFileSync(python, [path, ...args.map(String)], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as T;
}
