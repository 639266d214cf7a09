import { z } from "zod";
import { pathText, showValue } from "./showValue.js";

/** One violation: the dotted path of the field and what is wrong with it (rule, value received, fix). */
export interface Violation {
  path: string;
  message: string;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** The literal values a union member declares for `kind` (this project's one discriminator name). */
function kindsOf(member: z.ZodType): unknown[] {
  if (!(member instanceof z.ZodObject)) return [];
  const lit: unknown = (member.shape as Record<string, unknown>).kind;
  return lit instanceof z.ZodLiteral ? [...lit.values] : [];
}

/** `s` without optional/default/nullable/pipe wrappers, and the member of a union that `value` selects by its kind. */
function unwrap(s: z.ZodType, value: unknown): z.ZodType | null {
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable || s instanceof z.ZodPrefault) { s = s.unwrap() as z.ZodType; continue; }
    if (s instanceof z.ZodPipe) { s = s.in as z.ZodType; continue; }
    if (s instanceof z.ZodUnion) {
      const options = s.options as readonly z.ZodType[];
      const kind = value !== null && typeof value === "object" ? (value as Record<string, unknown>).kind : undefined;
      const pick = options.find((o) => o instanceof z.ZodObject && (kind === undefined || kindsOf(o).includes(kind)));
      if (!pick) return null;
      s = pick;
      continue;
    }
    return s;
  }
}

/** The schema that validates the value at `path` (through objects, arrays and unions), or null. */
function schemaAt(schema: z.ZodType, root: unknown, path: readonly PropertyKey[]): z.ZodType | null {
  let s: z.ZodType | null = schema;
  for (let i = 0; i < path.length && s; i++) {
    const parent = unwrap(s, valueAt(root, path.slice(0, i)));
    if (parent instanceof z.ZodObject) s = ((parent.shape as Record<string, z.ZodType>)[String(path[i])] ?? null);
    else if (parent instanceof z.ZodArray) s = parent.element as z.ZodType;
    else return null;
  }
  return s;
}

/** What a union accepts, as a message lists it: plain values, types, and the kinds of its kinded maps. */
function unionChoices(s: z.ZodType | null): { plain: string[]; types: string[]; kinds: string[] } | null {
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  if (!(s instanceof z.ZodUnion)) return null;
  const out = { plain: [] as string[], types: [] as string[], kinds: [] as string[] };
  const collect = (u: z.ZodUnion) => {
    for (const o of u.options as readonly z.ZodType[]) {
      if (o instanceof z.ZodEnum) out.plain.push(...(o.options as unknown[]).map(String));
      else if (o instanceof z.ZodLiteral) out.plain.push(...[...o.values].map(String));
      else if (o instanceof z.ZodUnion) collect(o);
      else if (o instanceof z.ZodObject && kindsOf(o).length > 0) out.kinds.push(...kindsOf(o).map(String));
      else out.types.push(o.type);
    }
  };
  collect(s);
  return out;
}

/**
 * Turn zod issues into one violation per field, naming the path, the rule, the value received
 * and, when the rule gives one, the fix. A rule's own message ("must be odd") is used as it is;
 * zod's generic ones are rephrased ("must be >= 0").
 */
export function describeIssues(schema: z.ZodType, input: unknown, issues: readonly z.core.$ZodIssue[]): Violation[] {
  const out: Violation[] = [];
  for (const issue of issues) {
    const path = issue.path;
    const got = `got ${showValue(valueAt(input, path))}`;
    const own = issue.message.startsWith("must ") ? issue.message : null; // the schema's own rule text
    switch (issue.code) {
      case "unrecognized_keys": {
        const obj = unwrap(schemaAt(schema, input, path) ?? schema, valueAt(input, path));
        const valid = obj instanceof z.ZodObject ? Object.keys(obj.shape as object).join(", ") : "?";
        for (const key of issue.keys) {
          out.push({ path: pathText([...path, key]), message: `unknown key; valid keys${path.length ? ` in ${pathText(path)}` : ""}: ${valid}` });
        }
        break;
      }
      case "invalid_value":
        out.push({ path: pathText(path), message: `${own ?? `must be one of ${issue.values.map((v) => String(v)).join(", ")}`}; ${got}` });
        break;
      case "invalid_type":
        out.push({ path: pathText(path), message: valueAt(input, path) === undefined
          ? `is required (a ${issue.expected})`
          : `${own ?? `must be a ${issue.expected}`}, ${got}` });
        break;
      case "too_small": {
        const rule = own ?? (issue.origin === "array" ? `must have at least ${String(issue.minimum)} values`
          : issue.origin === "string" ? "must not be empty"
          : `must be ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}`);
        out.push({ path: pathText(path), message: `${rule}, ${got}` });
        break;
      }
      case "too_big": {
        const rule = own ?? (issue.origin === "array" ? `must have at most ${String(issue.maximum)} values` : `must be ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}`);
        out.push({ path: pathText(path), message: `${rule}, ${got}` });
        break;
      }
      case "invalid_union": {
        // a bad discriminator is reported at the `kind` key itself
        const unionPath = path[path.length - 1] === "kind" ? path.slice(0, -1) : path;
        const choices = unionChoices(schemaAt(schema, input, unionPath));
        const v = valueAt(input, unionPath);
        if (choices && v !== null && typeof v === "object" && "kind" in v) {
          out.push({ path: pathText([...unionPath, "kind"]), message: `must be one of ${choices.kinds.join(", ")}; got ${showValue((v as Record<string, unknown>).kind)}` });
        } else {
          // e.g. "uniform or a map with kind vonmises | uniform | normal | tabulated", "output or a number"
          const parts = choices ? [...choices.plain.map((k) => JSON.stringify(k)), ...choices.types.map((t) => `a ${t}`),
            ...(choices.kinds.length ? [`a map with kind ${choices.kinds.join(" | ")}`] : [])] : [];
          out.push({ path: pathText(path), message: `must be ${parts.length ? parts.join(" or ") : "a valid value"}; ${got}` });
        }
        break;
      }
      case "custom": {
        // a refinement: its message is the rule; `params.fix` says what to try
        const fix: unknown = issue.params?.fix;
        out.push({ path: pathText(path), message: `${issue.message}, ${got}${typeof fix === "string" ? `; ${fix}` : ""}` });
        break;
      }
      default:
        out.push({ path: pathText(path), message: `${own ?? issue.message}, ${got}` });
    }
  }
  return out;
}
