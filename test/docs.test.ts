import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cliReference } from "../src/cli/cliReference.js";
import { commands } from "../src/cli/commands/index.js";

describe("generated reference pages", () => {
  it("docs/cli.md is what `npm run docs` generates from the command tables (run it after changing a command)", () => {
    const committed = readFileSync(new URL("../docs/cli.md", import.meta.url), "utf8");
    expect(committed).toBe(cliReference(commands));
  });

  it("cliReference() lists every command and every option of each", () => {
    const page = cliReference(commands);
    for (const c of commands) {
      expect(page).toContain(`## fisherlab ${c.name}`);
      for (const name of Object.keys(c.options)) expect(page).toContain(`\`--${name}\``);
    }
  });
});
