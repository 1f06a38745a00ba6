/**
 * @module Flask's `TaggedJSONSerializer`: JSON plus one-key "tag" dicts for the Python types JSON
 * lacks (tuple, bytes, Markup, UUID, datetime), written in Flask's canonical form (sorted keys,
 * ASCII-only, compact).
 */
import { base64Encode, pythonB64Decode } from '../internal/base64url.js';
import { formatHttpDate, parseEmailDate } from './email-date.js';
import { fastDumpsFlatSession, fastLoadsFlatSession } from './flask-fast-json.js';
import {
  FLASK_SESSION_STYLE,
  type PyJson,
  parsePythonJson,
  stringifyPythonJson,
} from './python-json.js';
import { Markup, PyFloat, PyTuple, PyUUID } from './python-types.js';

/**
 * A value a Flask session can hold, as shortbread represents it:
 *
 * | Python | TypeScript | Flask tag |
 * | --- | --- | --- |
 * | `None`, `bool`, `str` | `null`, `boolean`, `string` | |
 * | `int` | `number` (integral), `bigint` beyond 2^53 | |
 * | `float` | `number` (non-integral, NaN, ±Infinity, -0), `PyFloat` (integral: `1.0`) | |
 * | `list` | `Array` | |
 * | `dict` (str keys) | plain object (decoded: null prototype) or `Map` on encode | `" di"` when its one key is a tag |
 * | `tuple` | `PyTuple` | `" t"` |
 * | `bytes` | `Uint8Array` | `" b"` |
 * | `Markup` | `Markup` (or any object with `__html__()`) | `" m"` |
 * | `uuid.UUID` | `PyUUID` | `" u"` |
 * | `datetime` | `Date` (whole seconds, UTC) | `" d"` |
 *
 * As in Flask, a `datetime` before the year 100 reads back as a two-digit year (0099 → 1999).
 *
 * @example
 * ```ts
 * const flashes: FlaskValue = [PyTuple.of('message', 'Saved')];
 * ```
 */
export type FlaskValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyFloat
  | PyTuple<FlaskValue>
  | Uint8Array
  | Markup
  | PyUUID
  | Date
  | FlaskValue[]
  | FlaskSession;

/**
 * A Flask session (or any dict inside it).
 *
 * @example
 * ```ts
 * const session: FlaskSession = { _user_id: '42', _fresh: true, count: 1 };
 * ```
 */
export interface FlaskSession {
  [key: string]: FlaskValue;
}

const TAG_KEYS: ReadonlySet<string> = new Set([' di', ' t', ' b', ' m', ' u', ' d']);

function isDict(value: object): value is Record<string, unknown> | Map<unknown, unknown> {
  if (value instanceof Map) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function definedEntries(
  value: Record<string, unknown> | Map<unknown, unknown>,
): [unknown, unknown][] {
  const source: Iterable<[unknown, unknown]> = value instanceof Map ? value : Object.entries(value);
  const out: [unknown, unknown][] = [];
  for (const entry of source) if (entry[1] !== undefined) out.push(entry);
  return out;
}

function hasHtml(value: object): value is { __html__(): unknown } {
  return typeof (value as { __html__?: unknown }).__html__ === 'function';
}

/**
 * Flask's `TaggedJSONSerializer.tag`: the JSON-ready form of `value`, with tag dicts, checked in
 * Flask's order (escaped dict, dict, tuple, list, bytes, Markup, UUID, datetime).
 *
 * @example
 * ```ts
 * tagFlaskValue(PyTuple.of(1, 2)); // { ' t': [1, 2] }
 * ```
 */
export function tagFlaskValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof PyFloat) return value;
  if (isDict(value)) {
    const entries = definedEntries(value);
    const only = entries[0];
    if (entries.length === 1 && only && typeof only[0] === 'string' && TAG_KEYS.has(only[0])) {
      // TagDict: a dict whose one key looks like a tag is escaped, so it is not read as one.
      return { ' di': { [`${only[0]}__`]: tagFlaskValue(only[1]) } };
    }
    const out = new Map<unknown, unknown>();
    for (const [key, member] of entries) out.set(key, tagFlaskValue(member));
    return out;
  }
  if (value instanceof PyTuple) return { ' t': value.items.map(tagFlaskValue) };
  if (Array.isArray(value)) return value.map(tagFlaskValue);
  if (value instanceof Uint8Array) return { ' b': base64Encode(value) };
  if (hasHtml(value)) return { ' m': String(value.__html__()) };
  if (value instanceof PyUUID) return { ' u': value.hex };
  if (value instanceof Date) return { ' d': formatHttpDate(value) };
  return value;
}

class TagError extends Error {}

function untagOne(key: string, inner: FlaskValue): FlaskValue {
  switch (key) {
    case ' t':
      if (Array.isArray(inner)) return new PyTuple(inner);
      if (typeof inner === 'string') return new PyTuple([...inner]);
      throw new TagError(`tuple tag holds ${typeof inner}, not a list`);
    case ' b': {
      if (typeof inner !== 'string') throw new TagError('bytes tag does not hold a string');
      for (let i = 0; i < inner.length; i++) {
        if (inner.charCodeAt(i) > 0x7f) throw new TagError('bytes tag holds non-ASCII text');
      }
      const bytes = pythonB64Decode(inner);
      if (bytes === undefined)
        throw new TagError('bytes tag is not valid base64 (incorrect padding)');
      return bytes;
    }
    case ' m':
      if (typeof inner !== 'string') throw new TagError('markup tag does not hold a string');
      return new Markup(inner);
    case ' u': {
      const hex = typeof inner === 'string' ? PyUUID.normalize(inner) : undefined;
      if (hex === undefined)
        throw new TagError(`UUID tag holds no UUID: ${JSON.stringify(String(inner))}`);
      return new PyUUID(hex);
    }
    case ' d':
      if (typeof inner !== 'string') throw new TagError('datetime tag does not hold a string');
      // Werkzeug's parse_date gives None for a date it cannot read.
      return parseEmailDate(inner) ?? null;
    default: {
      // ' di': {"<key>__": value} -> {"<key>": value}
      if (typeof inner !== 'object' || inner === null || Array.isArray(inner) || !isDict(inner)) {
        throw new TagError('escaped-dict tag does not hold a dict');
      }
      const first = Object.keys(inner)[0];
      if (first === undefined) throw new TagError('escaped-dict tag holds an empty dict');
      const dict: FlaskSession = Object.create(null);
      dict[first.slice(0, -2)] = (inner as FlaskSession)[first] as FlaskValue;
      return dict;
    }
  }
}

/**
 * Flask's untagging pass, bottom-up: every dict with exactly one key that is a known tag becomes
 * the Python value it stands for. Throws where Flask's loader raises (a malformed tag).
 *
 * @example
 * ```ts
 * untagFlaskValue({ ' t': [1, 2] }); // PyTuple [1, 2]
 * ```
 */
export function untagFlaskValue(value: PyJson): FlaskValue {
  if (Array.isArray(value)) return value.map(untagFlaskValue);
  if (typeof value !== 'object' || value === null || value instanceof PyFloat) return value;
  const dict: FlaskSession = Object.create(null);
  let count = 0;
  let onlyKey = '';
  for (const key of Object.keys(value)) {
    dict[key] = untagFlaskValue(value[key] as PyJson);
    count++;
    onlyKey = key;
  }
  if (count === 1 && TAG_KEYS.has(onlyKey)) return untagOne(onlyKey, dict[onlyKey] as FlaskValue);
  return dict;
}

/**
 * Flask's session serializer: tag, then JSON with sorted keys, ASCII escapes and no spaces.
 * Throws `TypeError` for a value Flask could not store (a function, a class instance...).
 *
 * @example
 * ```ts
 * dumpsTaggedJson({ b: 1, a: PyTuple.of('x') }); // '{"a":{" t":["x"]},"b":1}'
 * ```
 */
export function dumpsTaggedJson(value: unknown): string {
  // The common flat session through the engine's JSON; anything else through Flask's tagging.
  const flat =
    typeof value === 'object' && value !== null ? fastDumpsFlatSession(value) : undefined;
  return flat ?? stringifyPythonJson(tagFlaskValue(value), FLASK_SESSION_STYLE);
}

/**
 * Read Flask session JSON (any valid JSON, canonical or not) and untag it. Throws `SyntaxError` or
 * `Error` where Flask's loader raises.
 *
 * @example
 * ```ts
 * loadsTaggedJson('{"a":{" t":["x"]}}'); // { a: PyTuple ['x'] }
 * ```
 */
export function loadsTaggedJson(text: string): FlaskValue {
  return (
    (fastLoadsFlatSession(text) as FlaskSession | undefined) ??
    untagFlaskValue(parsePythonJson(text))
  );
}
