import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * examples/study/ of this fisherlab checkout: the package root is found by walking up from this
 * module (src/study from the sources, dist/src/study from the build) to fisherlab's package.json.
 */
export function studyExperimentsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "fisherlab") return join(dir, "examples", "study");
    dir = dirname(dir);
  }
  throw new Error("studyExperimentsDir(): cannot find fisherlab's package.json above the study module; run from a fisherlab checkout or pass experimentsDir");
}
