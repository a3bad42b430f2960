/**
 * Small readers that pull typed values out of JSON the server sent, accepting both camelCase and
 * snake_case field names. The API is the contract, but a field renamed by the server should degrade to
 * "unknown" in one cell rather than crash a view, so every presenter goes through these.
 */

/** A JSON object, or an empty one when `value` is not an object. */
export type Json = Readonly<Record<string, unknown>>;

/** `value` as an object, or `{}`. */
export function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** `value` as an array, or `[]`. */
export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function pick(o: Json, keys: readonly string[]): unknown {
  for (const key of keys) {
    if (key in o && o[key] !== undefined) return o[key];
  }
  return undefined;
}

/** The first string among `keys`, or null. Numbers are turned into strings. */
export function str(o: Json, ...keys: string[]): string | null {
  const v = pick(o, keys);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

/** The first finite number among `keys` (numeric strings included), or null. */
export function num(o: Json, ...keys: string[]): number | null {
  const v = pick(o, keys);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** The first boolean among `keys`, or `fallback`. */
export function bool(o: Json, fallback: boolean, ...keys: string[]): boolean {
  const v = pick(o, keys);
  return typeof v === 'boolean' ? v : fallback;
}

/** The first array among `keys`, or `[]`. */
export function list(o: Json, ...keys: string[]): readonly unknown[] {
  return arr(pick(o, keys));
}

/** The first array of strings among `keys` (non-strings dropped; objects read by `name`). */
export function strings(o: Json, ...keys: string[]): readonly string[] {
  return list(o, ...keys)
    .map((v) => (typeof v === 'string' ? v : str(obj(v), 'name', 'label', 'id')))
    .filter((v): v is string => v !== null);
}

/** The first nested object among `keys`, or `{}`. */
export function child(o: Json, ...keys: string[]): Json {
  return obj(pick(o, keys));
}
