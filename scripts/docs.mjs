// `npm run docs`: regenerate the reference pages from the code's own tables (after build:ts).
// test/docs.test.ts fails when a committed page differs from what this writes.
import { writeFileSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { commands } from "../dist/src/cli/commands/index.js";
import { cliReference } from "../dist/src/cli/cliReference.js";

const path = fileURLToPath(new URL("../docs/cli.md", import.meta.url));
writeFileSync(`${path}.tmp`, cliReference(commands));
renameSync(`${path}.tmp`, path);
console.log(`wrote ${path}`);
