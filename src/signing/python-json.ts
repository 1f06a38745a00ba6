/**
 * @module JSON exactly as Python's `json` module reads and writes it: ints of any size, float
 * `repr`, `NaN`/`Infinity`, `ensure_ascii` escaping, `sort_keys` by code point, and the
 * separators each caller picks. Byte equality with itsdangerous and Flask depends on it.
 */
import { PyFloat, PyTuple } from './python-types.js';

/**
 * A value Python's `json.loads` can produce, as shortbread represents it.
 *
 * @example
 * ```ts
 * const value: PyJson = parsePythonJson('{"a": 1.0}'); // { a: PyFloat(1) }
 * ```
 */
export type PyJson =
  | null
  | boolean
  | number
  | bigint
  | string
  | PyFloat
  | PyJson[]
  | { [key: string]: PyJson };

/**
 * How Python's `json.dumps` was called.
 *
 * @example
 * ```ts
 * const sorted: PythonJsonStyle = { ...PYTHON_COMPACT_STYLE, sortKeys: true };
 * ```
 */
export interface PythonJsonStyle {
  /** Between items: `", "` (Python's default) or `","` (compact). */
  readonly itemSeparator: string;
  /** Between a key and its value: `": "` (default) or `":"` (compact). */
  readonly keySeparator: string;
  /** `ensure_ascii`: escape every character outside 0x20-0x7E as `\uXXXX`. */
  readonly ensureAscii: boolean;
  /** `sort_keys`: order dict keys by Unicode code point. */
  readonly sortKeys: boolean;
}

/**
 * `json.dumps(obj)`: the default style of itsdangerous's plain `Serializer`.
 *
 * @example
 * ```ts
 * stringifyPythonJson({ a: [1, 2] }, PYTHON_DEFAULT_STYLE); // '{"a": [1, 2]}'
 * ```
 */
export const PYTHON_DEFAULT_STYLE: PythonJsonStyle = Object.freeze({
  itemSeparator: ', ',
  keySeparator: ': ',
  ensureAscii: true,
  sortKeys: false,
});

/**
 * itsdangerous `_CompactJSON`: what `URLSafeSerializer` writes.
 *
 * @example
 * ```ts
 * stringifyPythonJson({ a: 'é' }, PYTHON_COMPACT_STYLE); // '{"a":"é"}'
 * ```
 */
export const PYTHON_COMPACT_STYLE: PythonJsonStyle = Object.freeze({
  itemSeparator: ',',
  keySeparator: ':',
  ensureAscii: false,
  sortKeys: false,
});

/**
 * Flask's `DefaultJSONProvider` with compact separators: what the session cookie holds.
 *
 * @example
 * ```ts
 * stringifyPythonJson({ b: 1, a: 'é' }, FLASK_SESSION_STYLE); // '{"a":"\\u00e9","b":1}'
 * ```
 */
export const FLASK_SESSION_STYLE: PythonJsonStyle = Object.freeze({
  itemSeparator: ',',
  keySeparator: ':',
  ensureAscii: true,
  sortKeys: true,
});

const SHORT_ESCAPES: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

function unicodeEscape(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A JSON string literal as Python writes it. With `ensureAscii`, every UTF-16 code unit outside
 * 0x20-0x7E (0x7F included) becomes `\uxxxx` in lowercase hex, so astral characters become
 * surrogate-pair escapes. Without it only `"`, `\` and C0 controls are escaped; a lone surrogate is
 * escaped too, since it has no UTF-8 form (Python would raise).
 *
 * @example
 * ```ts
 * pythonQuote('é\n', true); // '"\\u00e9\\n"'
 * ```
 */
export function pythonQuote(text: string, ensureAscii: boolean): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let escaped: string | undefined;
    if (code < 0x20 || code === 0x22 || code === 0x5c) {
      escaped = SHORT_ESCAPES[code] ?? unicodeEscape(code);
    } else if (code >= 0x7f) {
      if (ensureAscii) escaped = unicodeEscape(code);
      else if (code >= 0xd800 && code <= 0xdfff) {
        const next = text.charCodeAt(i + 1);
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
        else escaped = unicodeEscape(code);
      }
    }
    if (escaped !== undefined) {
      out += text.slice(last, i) + escaped;
      last = i + 1;
    }
  }
  return `${out}${text.slice(last)}"`;
}

/**
 * Python's `repr(float)`: the shortest digits that round-trip (as JavaScript's), written in fixed
 * notation with at least one fractional digit when the decimal exponent is in [-4, 16), otherwise
 * as `d.ddde±XX`. Non-finite values use the tokens Python's `json` emits.
 *
 * @example
 * ```ts
 * pythonFloatRepr(1); // '1.0'
 * pythonFloatRepr(1e16); // '1e+16'
 * pythonFloatRepr(1e-7); // '1e-07'
 * ```
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without digits gives the shortest round-trip digits: "d.ddde±x".
  const exponential = Math.abs(value).toExponential();
  const ePos = exponential.indexOf('e');
  const digits = exponential.slice(0, ePos).replace('.', '');
  const exponent = Number(exponential.slice(ePos + 1));
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = digits.slice(exponent + 1);
    return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exponent < 0 ? '-' : '+';
  return `${sign}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * Compare two strings by Unicode code point, as Python compares `str` (JavaScript's default sort
 * compares UTF-16 code units, which puts U+10000 and above before U+E000-U+FFFF).
 *
 * @example
 * ```ts
 * ['\u{10000}', '\uffff'].sort(compareCodePoints); // ['\uffff', '\u{10000}']
 * ```
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Both inside a pair whose high halves were equal: the low halves order the code points.
    const inPair = i > 0 && x >= 0xdc00 && x <= 0xdfff && y >= 0xdc00 && y <= 0xdfff;
    if (inPair) return x - y;
    return (a.codePointAt(i) as number) - (b.codePointAt(i) as number);
  }
  return a.length - b.length;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function notSerializable(value: unknown, why: string): TypeError {
  const shown =
    typeof value === 'object' && value !== null
      ? (value.constructor?.name ?? 'object')
      : typeof value;
  return new TypeError(`value is invalid: ${JSON.stringify(shown)} (${why})`);
}

/**
 * Write `value` as Python's `json.dumps` would with the given style. Numbers that are integers
 * become Python ints, `bigint` too; other numbers and {@link PyFloat} become floats; a
 * {@link PyTuple} becomes a list, as in Python. Objects with a plain or null prototype and `Map`s
 * become dicts; `undefined` members are skipped (in arrays they become `null`), as
 * `JSON.stringify` does. Anything else throws `TypeError`, as Python's `json` raises.
 *
 * @example
 * ```ts
 * stringifyPythonJson({ b: 1.5, a: [1, 'é'] }, FLASK_SESSION_STYLE); // '{"a":[1,"\\u00e9"],"b":1.5}'
 * ```
 */
export function stringifyPythonJson(value: unknown, style: PythonJsonStyle): string {
  const seen = new Set<object>();
  const write = (item: unknown): string => {
    switch (typeof item) {
      case 'string':
        return pythonQuote(item, style.ensureAscii);
      case 'boolean':
        return item ? 'true' : 'false';
      case 'bigint':
        return item.toString();
      case 'number':
        if (Number.isInteger(item) && !Object.is(item, -0)) {
          return Number.isSafeInteger(item) ? String(item) : BigInt(item).toString();
        }
        return pythonFloatRepr(item);
      case 'object': {
        if (item === null) return 'null';
        if (item instanceof PyFloat) return pythonFloatRepr(item.value);
        if (seen.has(item)) throw notSerializable(item, 'circular reference; Python raises too');
        seen.add(item);
        let out: string;
        if (item instanceof PyTuple || Array.isArray(item)) {
          const items: readonly unknown[] = item instanceof PyTuple ? item.items : item;
          out = `[${items.map((x) => (x === undefined ? 'null' : write(x))).join(style.itemSeparator)}]`;
        } else if (item instanceof Map || isPlainObject(item)) {
          const entries: [string, unknown][] = [];
          const source: Iterable<[unknown, unknown]> =
            item instanceof Map ? item : Object.entries(item);
          for (const [key, member] of source) {
            if (typeof key !== 'string') {
              throw notSerializable(
                key,
                'dict keys must be strings; convert the key with String()',
              );
            }
            if (member !== undefined) entries.push([key, member]);
          }
          if (style.sortKeys) entries.sort((x, y) => compareCodePoints(x[0], y[0]));
          const parts = entries.map(
            ([key, member]) =>
              `${pythonQuote(key, style.ensureAscii)}${style.keySeparator}${write(member)}`,
          );
          out = `{${parts.join(style.itemSeparator)}}`;
        } else {
          throw notSerializable(
            item,
            'not JSON serializable; use plain objects, arrays, strings, numbers, bigint, booleans, null, PyFloat or PyTuple',
          );
        }
        seen.delete(item);
        return out;
      }
      default:
        throw notSerializable(item, 'not JSON serializable; Python has no such value');
    }
  };
  return write(value);
}

/** CPython's default `sys.get_int_max_str_digits()`: longer ints make `json.loads` raise. */
const MAX_INT_DIGITS = 4300;

/**
 * Parse JSON the way Python's `json.loads` does (strict mode): `NaN`, `Infinity` and `-Infinity`
 * are accepted, integers keep every digit (`bigint` beyond 2^53), integral floats become
 * {@link PyFloat}, duplicate keys keep the last value, control characters inside strings are
 * refused. Dicts are null-prototype objects, so a `"__proto__"` key is an ordinary key. The scan is
 * linear. Throws `SyntaxError` where Python raises.
 *
 * @example
 * ```ts
 * parsePythonJson('{"a": 1.0, "b": NaN}'); // { a: PyFloat(1), b: NaN }
 * ```
 */
export function parsePythonJson(text: string): PyJson {
  let pos = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at position ${pos} of ${text.length}`);
  };
  const skipWhitespace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else return;
    }
  };
  const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

  const parseString = (): string => {
    // pos is at the opening quote.
    pos++;
    let out = '';
    let chunkStart = pos;
    for (;;) {
      if (pos >= text.length) fail('Unterminated string');
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(chunkStart, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail('Invalid control character');
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(chunkStart, pos);
      const e = text[pos + 1];
      pos += 2;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          const hex = text.slice(pos, pos + 4);
          let code = 0;
          for (let i = 0; i < 4; i++) {
            const h = hex.charCodeAt(i);
            const v = isDigit(h)
              ? h - 0x30
              : (h | 0x20) >= 0x61 && (h | 0x20) <= 0x66
                ? (h | 0x20) - 0x57
                : -1;
            if (v < 0 || Number.isNaN(h)) fail('Invalid \\uXXXX escape');
            code = code * 16 + v;
          }
          pos += 4;
          // UTF-16 keeps a surrogate pair as two code units, so no joining is needed.
          out += String.fromCharCode(code);
          break;
        }
        default:
          pos -= 1;
          fail('Invalid \\escape');
      }
      chunkStart = pos;
    }
  };

  const parseNumber = (): PyJson => {
    const start = pos;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const intStart = pos;
    if (text.charCodeAt(pos) === 0x30) pos++;
    else if (isDigit(text.charCodeAt(pos))) {
      while (isDigit(text.charCodeAt(pos))) pos++;
    } else {
      pos = start;
      fail('Expecting value');
    }
    let isFloat = false;
    if (text.charCodeAt(pos) === 0x2e && isDigit(text.charCodeAt(pos + 1))) {
      isFloat = true;
      pos += 2;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === 0x65 || e === 0x45) {
      let p = pos + 1;
      const sign = text.charCodeAt(p);
      if (sign === 0x2b || sign === 0x2d) p++;
      if (isDigit(text.charCodeAt(p))) {
        while (isDigit(text.charCodeAt(p))) p++;
        pos = p;
        isFloat = true;
      }
    }
    const literal = text.slice(start, pos);
    if (isFloat) {
      const value = Number(literal);
      return Number.isInteger(value) && !Object.is(value, -0) ? new PyFloat(value) : value;
    }
    if (pos - intStart > MAX_INT_DIGITS) fail('Integer string exceeds 4300 digits');
    if (pos - intStart <= 15) return Number(literal);
    const big = BigInt(literal);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(big)
      : big;
  };

  const parseValue = (depth: number): PyJson => {
    if (depth > 1000) fail('Nesting too deep');
    skipWhitespace();
    const c = text[pos];
    switch (c) {
      case '"':
        return parseString();
      case '{': {
        pos++;
        const dict: { [key: string]: PyJson } = Object.create(null);
        skipWhitespace();
        if (text[pos] === '}') {
          pos++;
          return dict;
        }
        for (;;) {
          skipWhitespace();
          if (text[pos] !== '"') fail('Expecting property name enclosed in double quotes');
          const key = parseString();
          skipWhitespace();
          if (text[pos] !== ':') fail("Expecting ':' delimiter");
          pos++;
          dict[key] = parseValue(depth + 1);
          skipWhitespace();
          if (text[pos] === ',') {
            pos++;
            continue;
          }
          if (text[pos] === '}') {
            pos++;
            return dict;
          }
          fail("Expecting ',' delimiter");
        }
      }
      case '[': {
        pos++;
        const list: PyJson[] = [];
        skipWhitespace();
        if (text[pos] === ']') {
          pos++;
          return list;
        }
        for (;;) {
          list.push(parseValue(depth + 1));
          skipWhitespace();
          if (text[pos] === ',') {
            pos++;
            continue;
          }
          if (text[pos] === ']') {
            pos++;
            return list;
          }
          fail("Expecting ',' delimiter");
        }
      }
      default:
        if (text.startsWith('null', pos)) {
          pos += 4;
          return null;
        }
        if (text.startsWith('true', pos)) {
          pos += 4;
          return true;
        }
        if (text.startsWith('false', pos)) {
          pos += 5;
          return false;
        }
        if (text.startsWith('NaN', pos)) {
          pos += 3;
          return Number.NaN;
        }
        if (text.startsWith('Infinity', pos)) {
          pos += 8;
          return Number.POSITIVE_INFINITY;
        }
        if (text.startsWith('-Infinity', pos)) {
          pos += 9;
          return Number.NEGATIVE_INFINITY;
        }
        return parseNumber();
    }
  };

  const value = parseValue(0);
  skipWhitespace();
  if (pos !== text.length) fail('Extra data');
  return value;
}
