/**
 * @module Flask session values shown the Python way (`repr`), and as JSON with type markers
 * (`{"$tuple": [...]}`) that `--json` prints and `flask sign` reads back.
 */

import type { PyJson } from '../signing/python-json.js';
import { pythonFloatRepr } from '../signing/python-json.js';
import { Markup, PyFloat, PyTuple, PyUUID } from '../signing/python-types.js';
import type { FlaskSession, FlaskValue } from '../signing/tagged-json.js';
import { CliError } from './cli-error.js';

/** Characters Python's `str.isprintable()` refuses that we meet in practice: controls, C1, separators. */
function isUnprintable(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0xa0) ||
    code === 0xad ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0xd800 && code <= 0xdfff)
  );
}

function escapeCode(code: number): string {
  if (code === 0x09) return '\\t';
  if (code === 0x0a) return '\\n';
  if (code === 0x0d) return '\\r';
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** Python's quote choice: single quotes unless the text has `'` and no `"`. */
function quoteFor(text: string): string {
  return text.includes("'") && !text.includes('"') ? '"' : "'";
}

/**
 * Python's `repr(str)` (close enough for reading: printable characters kept, the rest escaped).
 *
 * @example
 * ```ts
 * pythonStrRepr("it's"); // `"it's"`
 * ```
 */
export function pythonStrRepr(text: string): string {
  const quote = quoteFor(text);
  let out = quote;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 0;
    if (code > 0xffff) i++;
    const ch = String.fromCodePoint(code);
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (isUnprintable(code)) out += escapeCode(code);
    else out += ch;
  }
  return out + quote;
}

/**
 * Python's `repr(bytes)`: `b'...'` with printable ASCII kept and the rest as `\xNN`.
 *
 * @example
 * ```ts
 * pythonBytesRepr(Uint8Array.of(0, 0x61)); // "b'\\x00a'"
 * ```
 */
export function pythonBytesRepr(data: Uint8Array): string {
  let text = '';
  for (const byte of data) text += String.fromCharCode(byte);
  const quote = quoteFor(text);
  let out = `b${quote}`;
  for (const byte of data) {
    const ch = String.fromCharCode(byte);
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (byte < 0x20 || byte >= 0x7f) out += escapeCode(byte);
    else out += ch;
  }
  return out + quote;
}

function datetimeRepr(date: Date): string {
  const parts = [
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
  ];
  const seconds = date.getUTCSeconds();
  if (seconds !== 0) parts.push(seconds);
  return `datetime.datetime(${parts.join(', ')}, tzinfo=datetime.timezone.utc)`;
}

function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  return pythonFloatRepr(value);
}

/**
 * The Python `repr` of a value read from a Flask session: `True`, `None`, `1.0`, `('a', 1)`,
 * `b'\x00'`, `Markup('<b>')`, `UUID('...')`, `datetime.datetime(...)`.
 *
 * @example
 * ```ts
 * pythonRepr([PyTuple.of('message', 'Saved')]); // "[('message', 'Saved')]"
 * ```
 */
export function pythonRepr(value: FlaskValue): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Object.is(value, -0) ? String(value) : floatRepr(value);
  }
  if (typeof value === 'string') return pythonStrRepr(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (value instanceof PyTuple) {
    const items = value.items.map((item) => pythonRepr(item));
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (value instanceof Uint8Array) return pythonBytesRepr(value);
  if (value instanceof Markup) return `Markup(${pythonStrRepr(value.html)})`;
  if (value instanceof PyUUID) return `UUID('${value.toString()}')`;
  if (value instanceof Date) return datetimeRepr(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonRepr(item)).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${pythonStrRepr(k)}: ${pythonRepr(v)}`);
  return `{${entries.join(', ')}}`;
}

/**
 * A session as a Python dict, one key per line (keys in the cookie's order).
 *
 * @example
 * ```ts
 * pythonSessionRepr({ a: 1 }); // "{\n    'a': 1,\n}"
 * ```
 */
export function pythonSessionRepr(session: FlaskSession): string {
  const entries = Object.entries(session);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `    ${pythonStrRepr(k)}: ${pythonRepr(v)},\n`).join('')}}`;
}

const MARKERS = new Set([
  '$tuple',
  '$bytes',
  '$datetime',
  '$uuid',
  '$markup',
  '$float',
  '$int',
  '$dict',
]);

function base64(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * A Flask value as plain JSON, with markers for what JSON cannot say: `{"$tuple": [...]}`,
 * `{"$bytes": "<base64>"}`, `{"$datetime": "<ISO>"}`, `{"$uuid": "..."}`, `{"$markup": "..."}`,
 * `{"$float": 1}` (an integral or non-finite float), `{"$int": "<digits>"}` (beyond 2^53), and
 * `{"$dict": {...}}` around a dict whose one key is a marker.
 *
 * @example
 * ```ts
 * toTypedJson(PyTuple.of(1, 'a')); // { $tuple: [1, 'a'] }
 * ```
 */
export function toTypedJson(value: FlaskValue): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return { $int: value.toString() };
  if (typeof value === 'number') {
    return Number.isFinite(value) && !Object.is(value, -0) ? value : { $float: String(value) };
  }
  if (value instanceof PyFloat) {
    return { $float: Number.isFinite(value.value) ? value.value : String(value.value) };
  }
  if (value instanceof PyTuple) return { $tuple: value.items.map((item) => toTypedJson(item)) };
  if (value instanceof Uint8Array) return { $bytes: base64(value) };
  if (value instanceof Markup) return { $markup: value.html };
  if (value instanceof PyUUID) return { $uuid: value.toString() };
  if (value instanceof Date) return { $datetime: value.toISOString().replace('.000Z', 'Z') };
  if (Array.isArray(value)) return value.map((item) => toTypedJson(item));
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(value)) out[k] = toTypedJson(v);
  const keys = Object.keys(out);
  return keys.length === 1 && MARKERS.has(keys[0] as string) ? { $dict: out } : out;
}

function bad(what: string, value: unknown, fix: string): never {
  throw new CliError('E_BAD_INPUT', `${what} is invalid: ${JSON.stringify(value)} (${fix})`);
}

/**
 * Read the JSON of {@link toTypedJson} back (parsed by `parsePythonJson`, so `1.0` stays a float and
 * big integers stay exact). Throws `E_BAD_INPUT` for a malformed marker.
 *
 * @example
 * ```ts
 * fromTypedJson(parsePythonJson('{"$tuple": [1, 2]}')); // PyTuple(1, 2)
 * ```
 */
export function fromTypedJson(value: PyJson): FlaskValue {
  if (value === null || typeof value !== 'object' || value instanceof PyFloat) return value;
  if (Array.isArray(value)) return value.map((item) => fromTypedJson(item));
  const keys = Object.keys(value);
  const key = keys[0];
  if (keys.length === 1 && key !== undefined && MARKERS.has(key)) {
    const inner = value[key] as PyJson;
    switch (key) {
      case '$tuple':
        if (!Array.isArray(inner)) bad('$tuple', inner, 'an array');
        return new PyTuple(inner.map((item) => fromTypedJson(item)));
      case '$bytes': {
        if (typeof inner !== 'string') bad('$bytes', inner, 'base64 text');
        let binary: string;
        try {
          binary = atob(inner);
        } catch {
          bad('$bytes', inner, 'base64 text');
        }
        return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
      }
      case '$datetime': {
        const date = typeof inner === 'string' ? new Date(inner) : undefined;
        if (date === undefined || Number.isNaN(date.getTime())) {
          bad('$datetime', inner, 'an ISO date like 2026-01-01T00:00:00Z');
        }
        return new Date(Math.floor(date.getTime() / 1000) * 1000);
      }
      case '$uuid':
        if (typeof inner !== 'string' || PyUUID.normalize(inner) === undefined) {
          bad('$uuid', inner, 'a UUID like 12345678-1234-5678-1234-567812345678');
        }
        return new PyUUID(inner);
      case '$markup':
        if (typeof inner !== 'string') bad('$markup', inner, 'HTML text');
        return new Markup(inner);
      case '$float': {
        const n =
          inner instanceof PyFloat
            ? inner.value
            : typeof inner === 'string'
              ? Number(inner)
              : inner;
        if (
          typeof n !== 'number' ||
          (typeof inner === 'string' && Number.isNaN(n) && inner !== 'NaN')
        ) {
          bad('$float', inner, 'a number, "NaN", "Infinity" or "-Infinity"');
        }
        // A plain number already means float when it is not integral (or is NaN/±Infinity).
        return Number.isInteger(n) ? new PyFloat(n) : n;
      }
      case '$int':
        if (typeof inner !== 'string' || !/^-?[0-9]+$/.test(inner))
          bad('$int', inner, 'decimal digits');
        return BigInt(inner);
      default: {
        if (
          inner === null ||
          typeof inner !== 'object' ||
          Array.isArray(inner) ||
          inner instanceof PyFloat
        ) {
          bad('$dict', inner, 'an object');
        }
        const out: FlaskSession = Object.create(null);
        for (const [k, v] of Object.entries(inner)) out[k] = fromTypedJson(v);
        return out;
      }
    }
  }
  const out: FlaskSession = Object.create(null);
  for (const [k, v] of Object.entries(value)) out[k] = fromTypedJson(v);
  return out;
}
