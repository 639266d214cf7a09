import { z } from "zod";
import { ADAPT_CONFIG_DEFAULTS, CONFIG_DEFAULTS } from "./defaults.js";
import { isDefault } from "./defaultsTable.js";
import { adaptConfigSchema, configSchema } from "./configSchema.js";

/** The part of a JSON Schema node (from zod's `z.toJSONSchema`) that says what a key allows. */
interface JsonNode {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  minItems?: number;
  items?: JsonNode | false;
  prefixItems?: JsonNode[];
  properties?: Record<string, JsonNode>;
  oneOf?: JsonNode[];
  anyOf?: JsonNode[];
  description?: string;
}

/** A value as YAML's flow style writes it: `[300, 50, 50]`, `{kind: vonmises, loc: 0}`. */
function flow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(", ")}]`;
  if (v !== null && typeof v === "object") return `{${Object.entries(v).map(([k, x]) => `${k}: ${flow(x)}`).join(", ")}}`;
  return String(v);
}
const code = (v: unknown): string => `\`${flow(v)}\``;
const SAFE_MAX = Number.MAX_SAFE_INTEGER;

/** What a key allows, in words, from its JSON Schema. */
function allowed(n: JsonNode): string {
  const choices = n.oneOf ?? n.anyOf;
  if (choices) return choices.map(allowed).join(" or ");
  if (n.enum) return n.enum.map(code).join(", ");
  if (n.const !== undefined) return code(n.const);
  if (n.type === "integer" || n.type === "number") {
    const bounds = [
      n.minimum !== undefined ? `≥ ${n.minimum}` : n.exclusiveMinimum !== undefined ? `> ${n.exclusiveMinimum}` : "",
      n.maximum !== undefined && n.maximum < SAFE_MAX ? `≤ ${n.maximum}` : n.exclusiveMaximum !== undefined ? `< ${n.exclusiveMaximum}` : "",
    ].filter((b) => b !== "");
    return [n.type === "integer" ? "integer" : "number", bounds.join(", ")].filter((x) => x !== "").join(" ");
  }
  if (n.type === "string") return n.minLength ? "text" : "text (may be empty)";
  if (n.type === "boolean") return "`true` or `false`";
  if (n.type === "array") {
    if (n.prefixItems) {
      const parts = n.prefixItems.map(allowed);
      return parts.every((p) => p === parts[0]) ? `${parts.length} × ${parts[0]}` : `[${parts.join(", ")}]`;
    }
    return `list${n.minItems ? ` of ≥ ${n.minItems}` : ""}${n.items ? ` of ${allowed(n.items)}` : ""}`;
  }
  if (n.type === "object" && n.properties) {
    return `{${Object.entries(n.properties).map(([k, v]) => v.const !== undefined ? `${k}: ${String(v.const)}` : k).join(", ")}}`;
  }
  return "any value";
}

interface Row { key: string; value: unknown; allowed: string; reason: string }

/** Every key of a config: the defaults table's leaves, and the schema's keys without a default. */
function rows(table: object, schema: JsonNode, prefix: string): Row[] {
  const out: Row[] = [];
  for (const [key, node] of Object.entries(schema.properties ?? {})) {
    const path = prefix + key;
    const entry: unknown = (table as Record<string, unknown>)[key];
    if (isDefault(entry)) out.push({ key: path, value: entry.value, allowed: allowed(node), reason: entry.reason });
    else if (entry !== undefined && entry !== null && typeof entry === "object") out.push(...rows(entry, node, `${path}.`));
    else out.push({ key: path, value: undefined, allowed: allowed(node), reason: node.description ?? "" });
  }
  return out;
}

const cell = (text: string): string => text.replace(/\|/g, "\\|");

function section(title: string, intro: string, table: object, schema: z.ZodType): string[] {
  const json = z.toJSONSchema(schema, { unrepresentable: "any" }) as JsonNode;
  return [`## ${title}`, "", intro, "", "| key | default | allowed | why this default |", "| --- | --- | --- | --- |",
    ...rows(table, json, "").map((r) => `| \`${r.key}\` | ${r.value === undefined ? "absent" : code(r.value)} | ${cell(r.allowed)} | ${cell(r.reason)} |`), ""];
}

/**
 * docs/config.md: every key of the training and the adapt config with its default, what it
 * allows and the reason for the default, generated from `CONFIG_DEFAULTS`/`ADAPT_CONFIG_DEFAULTS`
 * and the zod schemas (`npm run docs` writes it; test/docs.test.ts fails when it drifts).
 */
export function configReference(): string {
  return [
    "# Config keys",
    "",
    "<!-- Generated from src/config/defaults.ts and src/config/configSchema.ts by `npm run docs`; edit those, not this page. -->",
    "",
    "Every key is optional: what a config file, an experiment's `config:` or `--set` leaves out takes the",
    "default below (docs/experiments.md explains files, overrides and sweeps). \"allowed\" is each key's own",
    "rule; rules across keys are checked too (a `dist_*` loss needs `model.encoding: linear`, `train.freeze`",
    "names distinct layers of the network and not all of them, a tabulated `grid` is strictly increasing",
    "with a `density` of the same length, a moving-average `width` is odd). Unknown keys are errors.",
    "",
    ...section("The training config", "`fisherlab train`, `finetune` and every job of a sweep.", CONFIG_DEFAULTS, configSchema),
    ...section("The adapt config", "`fisherlab adapt --config adapt.yaml` and the `adapt:` section of an experiment (docs/adaptation.md).", ADAPT_CONFIG_DEFAULTS, adaptConfigSchema),
  ].join("\n");
}
