import { CorroborateError } from '../errors.ts';

/**
 * Canonical JSON (the RFC 8785 "JCS" form for the values we log): object keys sorted by UTF-16 code
 * units, no whitespace, strings and numbers written exactly as `JSON.stringify` writes them. The same
 * value always gives the same bytes, so a hash of it can be recomputed by anyone, in any language
 * (Python: `json.dumps(v, sort_keys=True, separators=(',', ':'), ensure_ascii=False)` for ASCII keys,
 * strings and integers).
 *
 * Object properties whose value is `undefined` are left out, as `JSON.stringify` does; values with a
 * `toJSON` method (dates) are serialised through it. Non-finite numbers, bigints, functions and
 * symbols are refused, because they have no single JSON form.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null, 'x'] }); // '{"a":[true,null,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CorroborateError(
          'invalid_input',
          `canonical JSON: ${path} is ${value}, which JSON cannot hold`,
        );
      }
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CorroborateError(
        'invalid_input',
        `canonical JSON: ${path} is a ${typeof value}, which JSON cannot hold`,
      );
  }
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === 'function') {
    return write((withToJson.toJSON as () => unknown).call(value), path);
  }
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      items.push(item === undefined ? 'null' : write(item, `${path}[${i}]`));
    }
    return `[${items.join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  // Default sort compares UTF-16 code units, which is what RFC 8785 asks for.
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${write(item, `${path}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}
