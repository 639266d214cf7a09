// `npm run docs`: regenerate the reference pages from the code's own tables (after build:ts).
// test/docs.test.ts fails when a committed page differs from what this writes.
import { writeFileSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commands } from "../dist/src/cli/commands/index.js";
import { cliReference } from "../dist/src/cli/cliReference.js";
import { configReference } from "../dist/src/config/index.js";

for (const [page, text] of [["cli.md", cliReference(commands)], ["config.md", configReference()]]) {
  const path = fileURLToPath(new URL(`../docs/${page}`, import.meta.url));
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
  console.log(`wrote ${path}`);
}
