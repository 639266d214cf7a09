/**
 * Deep merge of config layers (defaults ← file ← overrides). Objects merge key by key; arrays and
 * scalars replace. A "kinded" section (e.g. `data.distribution`) is special: when a layer changes
 * its `kind`, the old kind's parameters are dropped and the new kind's defaults filled in, so
 * `data.distribution.kind=uniform` gives `{kind: uniform, low, high}`, not a mix with `kappa`.
 */
export type KindDefaults = Record<string, Record<string, Record<string, unknown>>>;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function mergeConfig(base: unknown, layer: unknown, kinded: KindDefaults = {}, path = ""): unknown {
  if (!isPlainObject(layer)) return cloneValue(layer);
  let start: unknown = base;
  const defaults = kinded[path];
  if (defaults && typeof layer.kind === "string" && (!isPlainObject(base) || base.kind !== layer.kind)) {
    start = { kind: layer.kind, ...cloneValue(defaults[layer.kind] ?? {}) as Record<string, unknown> };
  }
  if (!isPlainObject(start)) return cloneValue(layer);
  const out: Record<string, unknown> = { ...(cloneValue(start) as Record<string, unknown>) };
  for (const [key, value] of Object.entries(layer)) {
    out[key] = mergeConfig(out[key], value, kinded, path ? `${path}.${key}` : key);
  }
  return out;
}

/** `{a: {b: value}}` from "a.b": a one-key layer for mergeConfig. */
export function layerFromPath(dotted: string, value: unknown): Record<string, unknown> {
  const parts = dotted.split(".");
  let layer: unknown = value;
  for (let i = parts.length - 1; i >= 0; i--) layer = { [parts[i]]: layer };
  return layer as Record<string, unknown>;
}

export function cloneValue<T>(v: T): T {
  return v === undefined ? v : structuredClone(v);
}
