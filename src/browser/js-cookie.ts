/**
 * @module `Cookies`: js-cookie 3's API (3.0.8) over `document.cookie`, with its encoding of names
 * and values, so a page switches by its import line. Its own subpath (`shortbread/browser/js-cookie`)
 * keeps `shortbread/browser` small. Where it differs from js-cookie on purpose (docs/coming-from-
 * js-cookie.md): `get()` returns a record without prototype, so a cookie named `toString` or
 * `__proto__` is read like any other and a missing one is `undefined`, never an inherited function.
 */

/**
 * The attributes of a cookie: js-cookie writes every truthy one as `; key=value` (`; key` for
 * `true`), cutting a value at its first ";".
 *
 * @example
 * ```ts
 * import type { CookieAttributes } from 'shortbread/browser/js-cookie';
 * const attributes: CookieAttributes = { expires: 7, path: '/', sameSite: 'Lax' };
 * ```
 */
export interface CookieAttributes {
  /** Days from now (fractions allowed), or a Date. */
  expires?: number | Date | undefined;
  /** @default '/' */
  path?: string | undefined;
  domain?: string | undefined;
  secure?: boolean | undefined;
  sameSite?: 'strict' | 'Strict' | 'lax' | 'Lax' | 'none' | 'None' | undefined;
  /** Any other attribute, written as given. */
  [attribute: string]: unknown;
}

/**
 * How values (and, given the name, per cookie) are read from and written to `document.cookie`.
 *
 * @example
 * ```ts
 * import { Cookies, type CookieConverter } from 'shortbread/browser/js-cookie';
 * const plain: Partial<CookieConverter> = { read: (value) => value };
 * Cookies.withConverter(plain).get('raw');
 * ```
 */
export interface CookieConverter {
  read(value: string, name: string): string | undefined;
  write(value: unknown, name: string): string;
}

/**
 * js-cookie's API: `get`, `set`, `remove`, and `withAttributes`/`withConverter` for an instance with
 * other defaults; `attributes` and `converter` are frozen.
 *
 * @example
 * ```ts
 * import { Cookies } from 'shortbread/browser/js-cookie';
 * Cookies.set('name', 'value', { expires: 7 });
 * Cookies.get('name'); // 'value'
 * ```
 */
export interface CookiesStatic {
  /** All cookies, by decoded name; the first of a name wins. */
  get(): Record<string, string | undefined>;
  /** One cookie's value, or `undefined`. */
  get(name: string): string | undefined;
  /** Writes the cookie and returns the string written to `document.cookie` (none without a document). */
  set(name: string, value: unknown, attributes?: CookieAttributes): string | undefined;
  /** Expires the cookie: give the path and domain it was set with. */
  remove(name: string, attributes?: CookieAttributes): void;
  /** An instance whose default attributes are these over the current ones. */
  withAttributes(attributes: CookieAttributes): CookiesStatic;
  /** An instance whose converter is this one's with `read` and/or `write` replaced. */
  withConverter(converter: Partial<CookieConverter>): CookiesStatic;
  readonly attributes: Readonly<CookieAttributes>;
  readonly converter: Readonly<CookieConverter>;
}

/** js-cookie's copy: own and inherited enumerable keys, `__proto__` skipped (no prototype change). */
function assign<T extends object>(target: T, ...sources: (object | null | undefined)[]): T {
  const into = target as Record<string, unknown>;
  for (const source of sources) {
    for (const key in source) {
      if (key !== '__proto__') into[key] = (source as Record<string, unknown>)[key];
    }
  }
  return target;
}

/** Percent-escapes of the characters js-cookie writes as they are (RFC 6265 cookie-octets). */
const VALUE_KEPT = /%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g;
/** In a name, js-cookie keeps fewer: `#$&+^`|`, and escapes "(" and ")". */
const NAME_KEPT = /%(2[346B]|5E|60|7C)/g;

/**
 * js-cookie's converter: a value read loses one pair of surrounding quotes and has its runs of
 * percent-escapes decoded (a malformed run throws, and `get` then skips that cookie); a value
 * written is percent-encoded except for the cookie-octets.
 */
const defaultConverter: CookieConverter = {
  read(value) {
    if (value[0] === '"') value = value.slice(1, -1);
    return value.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
  },
  write(value) {
    return encodeURIComponent(value as string).replace(VALUE_KEPT, decodeURIComponent);
  },
};

/** A name as js-cookie writes it: percent-encoded but for `#$&+^`|`, with "(" and ")" escaped too. */
function encodeName(name: string): string {
  return encodeURIComponent(name)
    .replace(NAME_KEPT, decodeURIComponent)
    .replace(/[()]/g, (paren) => (paren === '(' ? '%28' : '%29'));
}

/** `; key=value` for each truthy attribute (`; key` for `true`), each value cut at its first ";". */
function stringifyAttributes(attributes: Record<string, unknown>): string {
  let text = '';
  for (const attributeName in attributes) {
    if (!attributes[attributeName]) continue;
    text += `; ${attributeName}`;
    if (attributes[attributeName] === true) continue;
    // RFC 6265 §5.2: an attribute value ends at ";", so one could not carry another attribute.
    text += `=${(attributes[attributeName] as string).split(';')[0]}`;
  }
  return text;
}

/** An instance over `converter` and `defaults` (both frozen, as js-cookie freezes them). */
function create(converter: CookieConverter, defaults: CookieAttributes): CookiesStatic {
  function set(name: string, value: unknown, given?: CookieAttributes): string | undefined {
    if (typeof document === 'undefined') return undefined;
    const attributes: Record<string, unknown> = assign({}, defaults, given);
    if (typeof attributes.expires === 'number') {
      attributes.expires = new Date(Date.now() + attributes.expires * 864e5);
    }
    if (attributes.expires) attributes.expires = (attributes.expires as Date).toUTCString();
    name = encodeName(name);
    const line = `${name}=${converter.write(value, name)}${stringifyAttributes(attributes)}`;
    // biome-ignore lint/suspicious/noDocumentCookie: js-cookie's API is a document.cookie writer
    document.cookie = line;
    return line;
  }

  function get(): Record<string, string | undefined>;
  function get(name: string): string | undefined;
  function get(...args: [name?: string]): Record<string, string | undefined> | string | undefined {
    const name = args[0];
    // Asked for one cookie by a falsy name: none (js-cookie reads `get(undefined)` so).
    if (typeof document === 'undefined' || (args.length && !name)) return undefined;
    const text = document.cookie;
    const jar: Record<string, string | undefined> = Object.create(null);
    for (const pair of text ? text.split('; ') : []) {
      const parts = pair.split('=');
      const value = parts.slice(1).join('=');
      try {
        const found = decodeURIComponent(parts[0] as string);
        if (!(found in jar)) jar[found] = converter.read(value, found);
        if (name === found) break;
      } catch {
        // A name or value that fails to decode (or a read converter that throws) is skipped.
      }
    }
    return name ? jar[name] : jar;
  }

  const methods: Omit<CookiesStatic, 'attributes' | 'converter'> = {
    set,
    get,
    remove(name, attributes) {
      set(name, '', assign({}, attributes, { expires: -1 }));
    },
    withAttributes(this: CookiesStatic, attributes) {
      return create(this.converter, assign({}, this.attributes, attributes));
    },
    withConverter(this: CookiesStatic, replacement) {
      return create(assign({} as CookieConverter, this.converter, replacement), this.attributes);
    },
  };
  return Object.create(methods, {
    attributes: { value: Object.freeze(defaults) },
    converter: { value: Object.freeze(converter) },
  }) as CookiesStatic;
}

/**
 * The page's cookies with js-cookie 3's API and encoding: `Path=/` by default.
 *
 * @example
 * ```ts
 * import Cookies from 'shortbread/browser/js-cookie';
 * Cookies.set('theme', 'dark', { expires: 365, sameSite: 'Lax' });
 * Cookies.get('theme'); // 'dark'
 * Cookies.remove('theme');
 * ```
 */
export const Cookies: CookiesStatic = /* @__PURE__ */ create(defaultConverter, { path: '/' });
