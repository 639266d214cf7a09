import { join } from "node:path";
import { fisherlabRoot } from "../io/index.js";

/** examples/study/ of this fisherlab checkout: where the study's experiment files live. */
export function studyExperimentsDir(): string {
  return join(fisherlabRoot(), "examples", "study");
}
