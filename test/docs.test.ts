import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cliReference } from "../src/cli/cliReference.js";
import { commands } from "../src/cli/commands/index.js";
import { configReference, DEFAULT_ADAPT_CONFIG, DEFAULT_CONFIG } from "../src/config/index.js";

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

  it("docs/config.md is what `npm run docs` generates from the config defaults and schemas (run it after changing either)", () => {
    const committed = readFileSync(new URL("../docs/config.md", import.meta.url), "utf8");
    expect(committed).toBe(configReference());
  });

  it("configReference() has one row per default key of both configs, each with a reason", () => {
    const page = configReference();
    const leaves = (o: object, prefix: string): string[] => Object.entries(o).flatMap(([k, v]) =>
      v !== null && typeof v === "object" && !Array.isArray(v) && !("kind" in v) && !("method" in v) ? leaves(v, `${prefix}${k}.`) : [`${prefix}${k}`]);
    for (const key of [...leaves(DEFAULT_CONFIG, ""), ...leaves(DEFAULT_ADAPT_CONFIG, "")]) {
      const row = page.split("\n").find((l) => l.startsWith(`| \`${key}\` |`));
      expect(row, key).toBeDefined();
      expect(row?.split(" | ").at(-1)?.replace(/ \|$/, "").trim(), key).not.toBe("");
    }
  });
});
