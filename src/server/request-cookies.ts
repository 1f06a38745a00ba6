/** @module `RequestCookies`: Flask's `request.cookies`, read lazily from a Fetch `Request`. */
import { findAllCookies, findCookie, parseCookie, parseCookieList } from '../codec/cookie.js';
import type { Cookies, ParseCookieOptions } from '../codec/types.js';
import { keepRaw } from '../internal/keep-raw.js';

/**
 * Where {@link RequestCookies} finds the `Cookie` header: a `Request`, its `Headers`, the header
 * text itself, or nothing (no cookies).
 *
 * @example
 * ```ts
 * const source: RequestCookiesSource = new Request('https://example.com/', { headers: { cookie: 'a=1' } });
 * ```
 */
export type RequestCookiesSource = Request | Headers | string | null | undefined;

/**
 * Options of {@link RequestCookies}.
 *
 * @example
 * ```ts
 * const options: RequestCookiesOptions = { decode: (raw) => raw }; // keep values exactly as sent
 * ```
 */
export type RequestCookiesOptions = ParseCookieOptions;

/**
 * The cookies a request carried: Flask's `request.cookies` on a standard `Request`.
 *
 * A name sent twice (`a=1; a=2`, which a browser does for cookies of the same name on different paths
 * or domains, most specific path first) reads as its first value, as in Werkzeug and every browser
 * based server; {@link RequestCookies.getAll} gives every value.
 *
 * Nothing is parsed on construction. The first `get` or `has` scans the header for that name only,
 * and `getAll` scans for its name; a second name, `size`, iteration and `toObject` parse the header
 * once and keep the result.
 *
 * Several `Cookie` header lines are one list. A browser sends one line (RFC 6265 §5.4, kept by
 * 6265bis), but HTTP/2 may split it into several fields to be joined again with `"; "` (RFC 9113
 * §8.2.3); Node's `http` module and undici's `Headers` both join them that way, so they read as one
 * list here. A `Headers` that joined them with `", "` instead would make `a=1, b=2` one value, as
 * Werkzeug reads it: a comma is legal inside a value, so it is not split on.
 *
 * @example
 * ```ts
 * import { RequestCookies } from 'shortbread';
 *
 * const request = new Request('https://example.com/', { headers: { cookie: 'flavor=chocolate%20chip; a=1; a=2' } });
 * const cookies = new RequestCookies(request);
 * cookies.get('flavor'); // 'chocolate chip'
 * cookies.getAll('a'); // ['1', '2']
 * cookies.size; // 2
 * ```
 */
export class RequestCookies implements Iterable<[name: string, value: string]> {
  readonly #source: RequestCookiesSource;
  readonly #options: RequestCookiesOptions | undefined;
  #header: string | undefined;
  /** The full parse (first occurrence of each name; null prototype), built once when needed. */
  #record: Cookies | undefined;
  /** The distinct names in header order, listed only for size and iteration. */
  #names: readonly string[] | undefined;
  #scanned = false;

  /**
   * @param source - a `Request`, `Headers`, the `Cookie` header text, or `null`/`undefined` for none.
   * @param options - `decode` replaces the default value decoding (quotes, Werkzeug octal escapes, `%XX`).
   *
   * @example
   * ```ts
   * new RequestCookies('a=1; b=2').get('b'); // '2'
   * new RequestCookies(request.headers, { decode: (raw) => raw });
   * ```
   */
  constructor(source?: RequestCookiesSource, options?: RequestCookiesOptions) {
    this.#source = source;
    this.#options = options;
  }

  /** The `Cookie` header text, read from the source on first use. */
  #text(): string {
    if (this.#header === undefined) {
      const source = this.#source;
      if (typeof source === 'string') this.#header = source;
      else if (source == null) this.#header = '';
      else if (isHeaders(source)) this.#header = source.get('cookie') ?? '';
      else this.#header = source.headers.get('cookie') ?? '';
    }
    return this.#header;
  }

  #parse(): Cookies {
    // parseCookie is the fast path (first occurrence wins, as in Werkzeug and browsers).
    this.#record ??= parseCookie(this.#text(), this.#options);
    return this.#record;
  }

  #nameList(): readonly string[] {
    if (this.#names === undefined) {
      const record = this.#parse();
      let names = Object.keys(record);
      // Object.keys puts integer-like names ("1", "42") first; only then is the header order lost,
      // and since they sort first, checking the first name tells. Recover the order from the list.
      if (names.length > 1 && isArrayIndex(names[0] ?? ''))
        names = headerOrder(this.#text(), record);
      this.#names = names;
    }
    return this.#names;
  }

  /**
   * The value of the first cookie called `name`, decoded, or `undefined`.
   *
   * @example
   * ```ts
   * new RequestCookies('flavor=chocolate%20chip').get('flavor'); // 'chocolate chip'
   * ```
   */
  get(name: string): string | undefined {
    // The record has a null prototype: a miss is undefined, never an inherited member.
    if (this.#record !== undefined) return this.#record[name];
    // One name is one scan; a handler that asks for a second name will likely ask for more, and
    // one full parse costs about as much as three scans, so parse once from then on.
    if (!this.#scanned) {
      this.#scanned = true;
      return findCookie(this.#text(), name, this.#options);
    }
    return this.#parse()[name];
  }

  /**
   * Every value sent under `name`, in header order (Werkzeug's `request.cookies.getlist`). One scan
   * of the header for that name.
   *
   * @example
   * ```ts
   * new RequestCookies('a=1; b=2; a=3').getAll('a'); // ['1', '3']
   * ```
   */
  getAll(name: string): string[] {
    return findAllCookies(this.#text(), name, this.#options);
  }

  /**
   * Whether a cookie called `name` was sent.
   *
   * @example
   * ```ts
   * new RequestCookies('a=1').has('a'); // true
   * ```
   */
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /**
   * How many distinct names were sent.
   *
   * @example
   * ```ts
   * new RequestCookies('a=1; a=2; b=3').size; // 2
   * ```
   */
  get size(): number {
    return this.#nameList().length;
  }

  /**
   * `[name, value]` of the first cookie of each name, in header order.
   *
   * @example
   * ```ts
   * [...new RequestCookies('b=2; a=1').entries()]; // [['b', '2'], ['a', '1']]
   * ```
   */
  *entries(): IterableIterator<[name: string, value: string]> {
    const record = this.#parse();
    for (const name of this.#nameList()) yield [name, record[name] as string];
  }

  /**
   * The distinct names, in header order.
   *
   * @example
   * ```ts
   * [...new RequestCookies('b=2; a=1; b=3').keys()]; // ['b', 'a']
   * ```
   */
  *keys(): IterableIterator<string> {
    yield* this.#nameList();
  }

  /**
   * The first value of each name, in header order.
   *
   * @example
   * ```ts
   * [...new RequestCookies('b=2; a=1').values()]; // ['2', '1']
   * ```
   */
  *values(): IterableIterator<string> {
    const record = this.#parse();
    for (const name of this.#nameList()) yield record[name] as string;
  }

  /**
   * Same as {@link RequestCookies.entries}, so `for (const [name, value] of cookies)` works.
   *
   * @example
   * ```ts
   * for (const [name, value] of new RequestCookies('a=1')) console.log(name, value);
   * ```
   */
  [Symbol.iterator](): IterableIterator<[name: string, value: string]> {
    return this.entries();
  }

  /**
   * A fresh null-prototype record of the first value of each name (`__proto__` is a name like any).
   * Changing it does not change this object.
   *
   * @example
   * ```ts
   * new RequestCookies('a=1; a=2').toObject(); // { a: '1' } (null prototype)
   * ```
   */
  toObject(): Cookies {
    const record = this.#parse();
    const copy: Cookies = Object.create(null);
    for (const name of this.#nameList()) copy[name] = record[name] as string;
    return copy;
  }

  /**
   * The same record as {@link RequestCookies.toObject}, for `JSON.stringify`.
   *
   * @example
   * ```ts
   * JSON.stringify(new RequestCookies('a=1')); // '{"a":"1"}'
   * ```
   */
  toJSON(): Cookies {
    return this.toObject();
  }
}

/** `Headers` from this realm or another (a polyfill, a second copy of undici): anything with `get`. */
function isHeaders(source: Request | Headers): source is Headers {
  return typeof (source as Headers).get === 'function' && !('headers' in source);
}

/** Whether `key` is an array index, which property order puts before every other key. */
function isArrayIndex(key: string): boolean {
  const code = key.charCodeAt(0);
  if (code < 48 || code > 57) return false;
  const number = Number(key);
  return number < 4294967295 && String(number) === key;
}

/** The distinct names of `record` in the order the header first sent them. */
function headerOrder(text: string, record: Cookies): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  // Names only: the decode of the values is not needed, so keep them raw.
  for (const [name] of parseCookieList(text, { decode: keepRaw })) {
    if (!seen.has(name) && Object.hasOwn(record, name)) {
      seen.add(name);
      names.push(name);
    }
  }
  return names;
}
