import type { z } from "zod";

/** One invalid field: its dotted path and what is wrong with it (rule, value received, fix). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * A config that failed validation. `message` is a summary line followed by one line per invalid
 * field, so the CLI can print it as is; `issues` keeps them for programs.
 */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(summary: string, issues: ConfigIssue[]) {
    super([summary, ...issues.map((i) => `  ${i.path || "(top level)"}: ${i.message}`)].join("\n"));
    this.name = "ConfigError";
    this.issues = issues;
  }
}

/** Dotted path text, with array indices in brackets: `model.hidden[1]`. */
export function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out;
}

export function showValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (Array.isArray(v) && v.length > 8) return `[${v.slice(0, 8).map(showValue).join(", ")}, … (${v.length} values)]`;
  if (typeof v === "number" && !Number.isFinite(v)) return nonFinite(v);
  // JSON has no NaN or infinity (it would print null): YAML's .nan/.inf are shown as such
  const text = JSON.stringify(v, (_k, x: unknown) => typeof x === "number" && !Number.isFinite(x) ? `\u0000${nonFinite(x)}\u0000` : x)
    ?.replace(/"\\u0000([^"]*)\\u0000"/g, "$1");
  return text === undefined ? String(v) : text.length > 80 ? text.slice(0, 77) + "…" : text;
}

/** NaN → "NaN (.nan)", ±Infinity → ".inf" / "-.inf": how YAML writes them, so the user finds them in the file. */
function nonFinite(x: number): string {
  return Number.isNaN(x) ? "NaN (.nan)" : x > 0 ? "infinity (.inf)" : "-infinity (-.inf)";
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> } };

/** The object schema that validates `value` at `path` (unwrapping unions by their discriminator). */
function objectSchemaAt(schema: AnySchema, root: unknown, path: readonly PropertyKey[]): AnySchema | null {
  let s: AnySchema | null = schema;
  for (let i = 0; i <= path.length && s; i++) {
    s = unwrap(s, valueAt(root, path.slice(0, i)));
    if (!s) return null;
    if (i === path.length) break;
    const def: Record<string, unknown> = s._zod.def;
    const seg = path[i];
    if (def.type === "object") s = (def.shape as Record<string, AnySchema>)[String(seg)] ?? null;
    else if (def.type === "array") s = def.element as AnySchema;
    else if (def.type === "tuple") s = (def.items as AnySchema[])[Number(seg)] ?? null;
    else return null;
  }
  return s && s._zod.def.type === "object" ? s : null;
}

function unwrap(s: AnySchema, value: unknown): AnySchema | null {
  for (;;) {
    const def: Record<string, unknown> = s._zod.def;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable") { s = def.innerType as AnySchema; continue; }
    if (def.type === "pipe") { s = def.in as AnySchema; continue; }
    if (def.type === "union") {
      const options = def.options as AnySchema[];
      const key = def.discriminator as string | undefined;
      const kind = value !== null && typeof value === "object" && key ? (value as Record<string, unknown>)[key] : undefined;
      const pick = options.find((o) => {
        const od = o._zod.def;
        if (od.type !== "object") return false;
        if (!key) return true;
        const lit = (od.shape as Record<string, AnySchema>)[key]?._zod.def;
        return Array.isArray(lit?.values) && (lit.values as unknown[]).includes(kind);
      });
      if (!pick) return null;
      s = pick;
      continue;
    }
    return s;
  }
}

/** The allowed values of a discriminated union at `path` (e.g. the distribution kinds). */
function kindsAt(schema: AnySchema, root: unknown, path: readonly PropertyKey[]): string[] | null {
  let s: AnySchema | null = schema;
  for (let i = 0; i < path.length && s; i++) {
    const parent = unwrap(s, valueAt(root, path.slice(0, i)));
    if (!parent || parent._zod.def.type !== "object") {
      if (parent && parent._zod.def.type === "array") { s = parent._zod.def.element as AnySchema; continue; }
      return null;
    }
    s = (parent._zod.def.shape as Record<string, AnySchema>)[String(path[i])] ?? null;
  }
  while (s && (s._zod.def.type === "optional" || s._zod.def.type === "default")) s = s._zod.def.innerType as AnySchema;
  if (!s || s._zod.def.type !== "union") return null;
  const out: string[] = [];
  const collect = (u: AnySchema, key: string | undefined) => {
    for (const o of u._zod.def.options as AnySchema[]) {
      const od = o._zod.def;
      if (od.type === "enum") out.push(...Object.values(od.entries as Record<string, string>));
      else if (od.type === "literal") out.push(...(od.values as string[]).map(String));
      else if (od.type === "union") collect(o, od.discriminator as string | undefined);
      else if (od.type === "object" && key) {
        const lit = (od.shape as Record<string, AnySchema>)[key]?._zod.def;
        if (Array.isArray(lit?.values)) out.push(...(lit.values as string[]).map((v) => `${key}: ${v}`));
      } else out.push(`<${String(od.type)}>`);
    }
  };
  collect(s, s._zod.def.discriminator as string | undefined);
  return out;
}

/** Turn zod issues into one line per field, naming the path, the rule, the value and the fix. */
export function describeIssues(schema: z.ZodType, input: unknown, issues: readonly z.core.$ZodIssue[]): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const s = schema as AnySchema;
  for (const issue of issues) {
    const path = issue.path;
    const got = `got ${showValue(valueAt(input, path))}`;
    const i = issue as z.core.$ZodIssue & Record<string, unknown>;
    switch (issue.code) {
      case "unrecognized_keys": {
        const obj = objectSchemaAt(s, input, path);
        const valid = obj ? Object.keys(obj._zod.def.shape as object).join(", ") : "?";
        for (const key of i.keys as string[]) {
          out.push({ path: pathText([...path, key]), message: `unknown key; valid keys${path.length ? ` in ${pathText(path)}` : ""}: ${valid}` });
        }
        break;
      }
      case "invalid_value":
        out.push({ path: pathText(path), message: `must be one of ${(i.values as unknown[]).map((v) => String(v)).join(", ")}; ${got}` });
        break;
      case "invalid_type":
        out.push({ path: pathText(path), message: valueAt(input, path) === undefined
          ? `is required (a ${String(i.expected)})`
          : `must be a ${String(i.expected)}, ${got}` });
        break;
      case "too_small": {
        const origin = String(i.origin);
        const rule = origin === "array" ? `must have at least ${String(i.minimum)} values`
          : origin === "string" ? "must not be empty"
          : `must be ${i.inclusive ? ">=" : ">"} ${String(i.minimum)}`;
        out.push({ path: pathText(path), message: `${rule}, ${got}` });
        break;
      }
      case "too_big": {
        const origin = String(i.origin);
        const rule = origin === "array" ? `must have at most ${String(i.maximum)} values` : `must be ${i.inclusive ? "<=" : "<"} ${String(i.maximum)}`;
        out.push({ path: pathText(path), message: `${rule}, ${got}` });
        break;
      }
      case "invalid_union": {
        // a bad discriminator is reported at the `kind` key itself
        const unionPath = path[path.length - 1] === "kind" ? path.slice(0, -1) : path;
        const kinds = kindsAt(s, input, unionPath);
        const v = valueAt(input, unionPath);
        const hasKind = v !== null && typeof v === "object" && "kind" in (v as object);
        if (kinds && hasKind) {
          const names = kinds.filter((k) => k.startsWith("kind: ")).map((k) => k.slice(6));
          out.push({ path: pathText([...unionPath, "kind"]), message: `must be one of ${names.join(", ")}; got ${showValue((v as Record<string, unknown>).kind)}` });
        } else {
          // e.g. "uniform or a map with kind vonmises, uniform, normal or tabulated", "output or a number"
          const plain = (kinds ?? []).filter((k) => !k.startsWith("kind: ") && !k.startsWith("<")).map((k) => JSON.stringify(k));
          const types = (kinds ?? []).filter((k) => k.startsWith("<")).map((k) => `a ${k.slice(1, -1)}`);
          const kinded = (kinds ?? []).filter((k) => k.startsWith("kind: ")).map((k) => k.slice(6));
          const parts = [...plain, ...types, ...(kinded.length ? [`a map with kind ${kinded.join(" | ")}`] : [])];
          out.push({ path: pathText(path), message: `must be ${parts.length ? parts.join(" or ") : "a valid value"}; ${got}` });
        }
        break;
      }
      default:
        out.push({ path: pathText(path), message: `${issue.message}, ${got}` });
    }
  }
  return out;
}
