/**
 * @module TypeScript stand-ins for the Python values that JSON alone cannot tell apart: a float
 * with an integral value, a tuple, Markup and a UUID. They let a Flask session decode and encode
 * back to the very same cookie.
 */

/**
 * A Python `float` whose value is integral (`1.0`, `-5.0`, `1e+16`). JavaScript has one number
 * type, so `1.0` and `1` would both become `1`, and `1` goes back to Python as an `int`. Decoding
 * gives a `PyFloat` exactly for those floats; every other float (`1.5`, `NaN`, `-0.0`) decodes to a
 * plain `number`, which is unambiguous. Wrap a number in `PyFloat` to send a float to Python.
 * `valueOf()` makes it work in arithmetic: `+new PyFloat(2) === 2`.
 *
 * @example
 * ```ts
 * import { FlaskSessionCodec, PyFloat } from 'shortbread/signing';
 * const codec = new FlaskSessionCodec({ secretKey: 'dev' });
 * await codec.encode({ price: new PyFloat(3) }); // Python reads {"price": 3.0}
 * ```
 */
export class PyFloat {
  /** The number; any number, integral or not. */
  readonly value: number;

  constructor(value: number) {
    this.value = value;
  }

  valueOf(): number {
    return this.value;
  }

  toString(): string {
    return String(this.value);
  }

  toJSON(): number {
    return this.value;
  }
}

/**
 * A Python `tuple` (Flask tags it `" t"`): `session["_flashes"]` is a list of
 * `("category", "message")` tuples. A JavaScript array is a Python `list`.
 *
 * @example
 * ```ts
 * import { PyTuple } from 'shortbread/signing';
 * const flash = PyTuple.of('message', 'Saved');
 * const [category, text] = flash.items;
 * ```
 */
export class PyTuple<T = unknown> implements Iterable<T> {
  /** The items, in order. */
  readonly items: readonly T[];

  constructor(items: Iterable<T>) {
    this.items = Object.freeze([...items]);
  }

  /**
   * A tuple of the arguments.
   *
   * @example
   * ```ts
   * PyTuple.of(1, 2).items; // [1, 2]
   * ```
   */
  static of<T>(...items: T[]): PyTuple<T> {
    return new PyTuple(items);
  }

  get length(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }

  toJSON(): readonly T[] {
    return this.items;
  }
}

/**
 * markupsafe's `Markup`: a string known to be safe HTML (Flask tags it `" m"`). Any object with an
 * `__html__()` method is encoded the same way, as Flask does.
 *
 * @example
 * ```ts
 * import { Markup } from 'shortbread/signing';
 * new Markup('<b>hi</b>').__html__(); // '<b>hi</b>'
 * ```
 */
export class Markup {
  /** The HTML text. */
  readonly html: string;

  constructor(html: string) {
    this.html = html;
  }

  __html__(): string {
    return this.html;
  }

  toString(): string {
    return this.html;
  }

  toJSON(): string {
    return this.html;
  }
}

/**
 * Python's `uuid.UUID` (Flask tags it `" u"` and writes the 32-digit lowercase hex). The
 * constructor accepts what `UUID(text)` accepts: hex with or without dashes, braces, or a
 * `urn:uuid:` prefix.
 *
 * @example
 * ```ts
 * import { PyUUID } from 'shortbread/signing';
 * new PyUUID('12345678-1234-5678-1234-567812345678').hex; // '12345678123456781234567812345678'
 * ```
 */
export class PyUUID {
  /** 32 lowercase hex digits, no dashes (Python's `uuid.hex`). */
  readonly hex: string;

  constructor(text: string) {
    const hex = PyUUID.normalize(text);
    if (hex === undefined) {
      throw new TypeError(
        `UUID is invalid: ${JSON.stringify(text)} (32 hex digits, dashes and braces optional; pass a value like crypto.randomUUID())`,
      );
    }
    this.hex = hex;
  }

  /**
   * The 32-digit hex of `text` the way Python's `UUID(text)` reads it, or `undefined` when Python
   * would raise.
   *
   * @example
   * ```ts
   * PyUUID.normalize('{12345678-1234-5678-1234-567812345678}'); // '1234567812345678...'
   * ```
   */
  static normalize(text: string): string | undefined {
    // CPython uuid.UUID.__init__: remove "urn:" and "uuid:", strip braces, remove dashes.
    let hex = text.replaceAll('urn:', '').replaceAll('uuid:', '');
    let start = 0;
    let end = hex.length;
    while (start < end && (hex[start] === '{' || hex[start] === '}')) start++;
    while (end > start && (hex[end - 1] === '{' || hex[end - 1] === '}')) end--;
    hex = hex.slice(start, end).replaceAll('-', '');
    if (hex.length !== 32) return undefined;
    for (let i = 0; i < 32; i++) {
      const code = hex.charCodeAt(i);
      const isDigit = code >= 0x30 && code <= 0x39;
      const isHexLetter = (code >= 0x61 && code <= 0x66) || (code >= 0x41 && code <= 0x46);
      if (!isDigit && !isHexLetter) return undefined;
    }
    return hex.toLowerCase();
  }

  /** The dashed 8-4-4-4-12 form, like `str(uuid)`. */
  toString(): string {
    const h = this.hex;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  toJSON(): string {
    return this.toString();
  }
}
