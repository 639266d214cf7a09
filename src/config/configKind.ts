import type { z } from "zod";
import { readFileSync, existsSync } from "node:fs";
import YAML from "yaml";
import { describeIssues } from "../rules/index.js";
import { ConfigError, type ConfigIssue } from "./configError.js";
import { isPlainObject, layerFromPath, mergeConfig, type KindDefaults } from "./mergeConfig.js";

/** A family of configs (training, adapt): its schema, its defaults and its kinded sections. */
export interface ConfigKind<T> {
  /** the function name errors are reported under, e.g. "resolveConfig()" */
  fn: string;
  schema: z.ZodType<T>;
  defaults: unknown;
  kinded: KindDefaults;
}

/** Parse a YAML or JSON file (by extension; YAML is a superset of JSON) into an object. */
export function readConfigFile(fn: string, path: string): Record<string, unknown> {
  if (!existsSync(path)) throw new Error(`${fn}: config file ${path} not found; check the path or omit --config to use the defaults`);
  const text = readFileSync(path, "utf8");
  let parsed: unknown;
  try {
    parsed = path.endsWith(".json") ? JSON.parse(text) : YAML.parse(text);
  } catch (err) {
    throw new Error(`${fn}: ${path} is not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(err as Error).message.split("\n")[0]}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isPlainObject(parsed)) throw new Error(`${fn}: ${path} must hold a mapping of config sections (seed, data, model, …), got ${Array.isArray(parsed) ? "a list" : typeof parsed}`);
  return parsed;
}

/** One `--set path=value` string → [path, value], the value parsed as a YAML scalar or flow collection. */
export function parseOverride(text: string): [string, unknown] | ConfigIssue {
  const eq = text.indexOf("=");
  const path = eq > 0 ? text.slice(0, eq).trim() : "";
  if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(path)) {
    return { path: `--set ${JSON.stringify(text)}`, message: "must look like section.key=value, e.g. train.lr=0.01 or model.hidden=[30,10]" };
  }
  try {
    return [path, YAML.parse(text.slice(eq + 1))];
  } catch (err) {
    return { path, message: `value ${JSON.stringify(text.slice(eq + 1))} is not a YAML value (${(err as Error).message.split("\n")[0]}); quote strings with spaces` };
  }
}

/** Apply dotted-path overrides (already-parsed values) as merge layers, in order. */
export function setPaths(kind: ConfigKind<unknown>, raw: unknown, entries: readonly [string, unknown][]): unknown {
  let out = raw;
  for (const [path, value] of entries) out = mergeConfig(out, layerFromPath(path, value), kind.kinded);
  return out;
}

/** Validate a merged raw config; every invalid field is reported at once. */
export function validateConfig<T>(kind: ConfigKind<T>, raw: unknown, sources: string): T {
  const result = kind.schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = describeIssues(kind.schema, raw, result.error.issues);
  throw new ConfigError(`${kind.fn}: ${issues.length} invalid field${issues.length === 1 ? "" : "s"} in the config (${sources}); fix ${issues.length === 1 ? "it" : "them"} and rerun:`, issues);
}

export interface ResolveInput {
  /** a YAML or JSON config file */
  path?: string;
  /** an in-memory partial config (e.g. an experiment's inline `config:`), merged after the file */
  config?: unknown;
  /** `--set` strings, applied last, in order */
  overrides?: readonly string[];
}

/** defaults ← file ← inline config ← overrides, validated: the fully resolved config. */
export function resolveWith<T>(kind: ConfigKind<T>, input: ResolveInput = {}): T {
  let raw: unknown = kind.defaults;
  const sources = ["defaults"];
  if (input.path) { raw = mergeConfig(raw, readConfigFile(kind.fn, input.path), kind.kinded); sources.push(input.path); }
  if (input.config !== undefined) {
    if (!isPlainObject(input.config)) throw new Error(`${kind.fn}: config must be a mapping of sections, got ${JSON.stringify(input.config)}`);
    raw = mergeConfig(raw, input.config, kind.kinded);
    sources.push("inline config");
  }
  if (input.overrides && input.overrides.length > 0) {
    raw = applyOverridesRaw(kind, raw, input.overrides);
    sources.push("--set");
  }
  return validateConfig(kind, raw, sources.join(" + "));
}

export function applyOverridesRaw(kind: ConfigKind<unknown>, raw: unknown, overrides: readonly string[]): unknown {
  const entries: [string, unknown][] = [];
  const bad: ConfigIssue[] = [];
  for (const text of overrides) {
    const parsed = parseOverride(text);
    if (Array.isArray(parsed)) entries.push(parsed);
    else bad.push(parsed);
  }
  if (bad.length > 0) throw new ConfigError(`${kind.fn}: ${bad.length} malformed --set override${bad.length === 1 ? "" : "s"}:`, bad);
  return setPaths(kind, raw, entries);
}
