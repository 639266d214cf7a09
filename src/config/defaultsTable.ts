/** A default value with its one-line reason. */
export interface Default<T> {
  readonly value: T;
  readonly reason: string;
}

export const d = <T>(value: T, reason: string): Default<T> => ({ value, reason });

/** A table of defaults (nested sections of `Default` leaves) as plain values. */
export type DefaultValues<T> = T extends Default<infer V> ? V : { -readonly [K in keyof T]: DefaultValues<T[K]> };

export const isDefault = (x: unknown): x is Default<unknown> =>
  x !== null && typeof x === "object" && !Array.isArray(x) && "value" in x && "reason" in x && typeof (x as { reason: unknown }).reason === "string";

/** The values of a defaults table, each a fresh copy. */
export function valuesOf<T extends object>(table: T): DefaultValues<T> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(table)) out[key] = isDefault(entry) ? structuredClone(entry.value) : valuesOf(entry as object);
  return out as DefaultValues<T>;
}
