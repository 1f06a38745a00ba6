/**
 * @module The common Flask session, flat (string keys; ASCII text, safe integers, booleans and
 * `null` values), through the engine's own `JSON.parse`/`JSON.stringify` instead of the Python
 * JSON reader and writer. Each function answers only when its result is provably what the full
 * path gives, and `undefined` otherwise, so callers fall back to the full path: a session with a
 * float, a nested dict, a tag, non-ASCII text or a big integer never takes this path.
 */

/** Flask's tag keys: a one-key dict with one of these is tagged or escaped, never flat. */
const TAG_KEYS: ReadonlySet<string> = new Set([' di', ' t', ' b', ' m', ' u', ' d']);
/** Text that Python's `json.dumps(ensure_ascii=True)` writes exactly as `JSON.stringify` does. */
const ASCII = /^[\x00-\x7f]*$/;

/** `JSON.stringify(value)` when it is also Python's spelling of that value, else `undefined`. */
function flatValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return ASCII.test(value) ? JSON.stringify(value) : undefined;
    case 'number':
      // An integral float (-0) or a non-integral one is written with Python's float repr.
      return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : undefined;
    default:
      return undefined;
  }
}

/**
 * Flask's session JSON (`dumpsTaggedJson`) of a flat plain object: keys sorted by code point,
 * compact, ASCII; `undefined` when the session is not flat.
 *
 * @example
 * ```ts
 * fastDumpsFlatSession({ b: 1, a: 'x' }); // '{"a":"x","b":1}'
 * fastDumpsFlatSession({ a: 1.5 }); // undefined: Python's float repr decides
 * ```
 */
export function fastDumpsFlatSession(session: object): string | undefined {
  const proto = Object.getPrototypeOf(session);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const record = session as Record<string, unknown>;
  const keys: string[] = [];
  for (const key of Object.keys(record)) {
    if (record[key] === undefined) continue;
    if (!ASCII.test(key)) return undefined;
    keys.push(key);
  }
  if (keys.length === 1 && TAG_KEYS.has(keys[0] as string)) return undefined;
  // Python sorts str keys by code point; for ASCII that is the order of sort().
  keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = flatValue(record[key]);
    if (value === undefined) return undefined;
    out += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${value}`;
  }
  return `${out}}`;
}

/**
 * The session in Flask session JSON `text` when it is a flat dict whose every value reads back
 * the same through `JSON.parse` (checked by writing it again and comparing), as a null-prototype
 * record; `undefined` for anything else (floats, `1.0`, nested values, tags, big integers, escapes
 * written another way, integer-like keys, duplicate keys, NaN).
 *
 * @example
 * ```ts
 * fastLoadsFlatSession('{"a":"x","b":1}'); // { a: 'x', b: 1 }
 * fastLoadsFlatSession('{"a":1.0}'); // undefined: Python's 1.0 is a float
 * ```
 */
export function fastLoadsFlatSession(text: string): Record<string, unknown> | undefined {
  if (text.charCodeAt(0) !== 0x7b /* { */) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const record = parsed as Record<string, unknown>;
  const out: Record<string, unknown> = Object.create(null);
  let count = 0;
  let only = '';
  let again = '{';
  for (const key of Object.keys(record)) {
    const value = record[key];
    const written = flatValue(value);
    if (written === undefined && typeof value !== 'string') return undefined;
    // A string is compared as JSON.stringify writes it: what matters is that it reads back.
    again += `${count === 0 ? '' : ','}${JSON.stringify(key)}:${written ?? JSON.stringify(value)}`;
    out[key] = value;
    count++;
    only = key;
  }
  if (`${again}}` !== text) return undefined;
  if (count === 1 && TAG_KEYS.has(only)) return undefined;
  return out;
}
