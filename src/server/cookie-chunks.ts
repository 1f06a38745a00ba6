/**
 * @module Cookie chunking: a value too large for one cookie is split over `name.0`, `name.1`, …, read
 * back whole, and stale chunks of an earlier, larger value are deleted, so a large value never
 * silently vanishes (a browser drops a cookie over 4096 bytes, RFC 6265bis §5.6 step 5).
 */
import { findCookie, parseCookieList } from '../codec/cookie.js';
import { decodeCookieValue } from '../codec/cookie-value.js';
import { encodeCookieValue } from '../codec/encode-cookie.js';
import { CookieError } from '../codec/errors.js';
import { NAME_VALUE_MAX_BYTES } from '../codec/limits.js';
import type { ParseCookieOptions } from '../codec/types.js';
import { type ResponseCookieOptions, ResponseCookies } from './response-cookies.js';

/** Where a request's cookies come from: a `Request`, its `Headers`, or the `Cookie` header text. */
export type ChunkSource = Request | Headers | string | null | undefined;

/**
 * Options of {@link writeChunkedCookie}: the cookie's attributes (every chunk gets them), the request
 * whose stale chunks must go, and the most chunks a value may take.
 *
 * @example
 * ```ts
 * const options: ChunkedCookieOptions = { request, httpOnly: true, maxChunks: 5 };
 * ```
 */
export interface ChunkedCookieOptions extends Omit<ResponseCookieOptions, 'encoding' | 'encode'> {
  /** The request this response answers: the chunks it carried that the new value does not use are deleted. */
  request?: ChunkSource;
  /** The most chunks one value may take; beyond it `CookieError` `ERR_COOKIE_TOO_LARGE`. @default 10 */
  maxChunks?: number | undefined;
}

function headerOf(source: ChunkSource): string {
  if (source == null) return '';
  if (typeof source === 'string') return source;
  return ('headers' in source ? source.headers : source).get('cookie') ?? '';
}

const keep = (raw: string): string => raw;

/** What deleting a chunk needs of the cookie's attributes: where it lives and how it was set. */
function removalOf(attributes: Omit<ChunkedCookieOptions, 'request' | 'maxChunks'>) {
  return {
    path: attributes.path,
    domain: attributes.domain,
    secure: attributes.secure,
    httpOnly: attributes.httpOnly,
    sameSite: attributes.sameSite,
    partitioned: attributes.partitioned,
    now: attributes.now,
  };
}

/** Highest chunk index the request carried for `name`, or -1. */
function carriedChunks(header: string, name: string): number[] {
  const prefix = `${name}.`;
  const found: number[] = [];
  for (const [each] of parseCookieList(header, { decode: keep })) {
    if (!each.startsWith(prefix)) continue;
    const index = each.slice(prefix.length);
    if (/^(0|[1-9][0-9]{0,3})$/.test(index)) found.push(Number(index));
  }
  return found;
}

/**
 * Reads a cookie written by {@link writeChunkedCookie}: the single cookie `name` when the request has
 * it, else `name.0`, `name.1`, … joined in order (up to the first missing one) and decoded whole, or
 * `undefined`. Never throws.
 *
 * @example
 * ```ts
 * import { readChunkedCookie } from 'shortbread';
 * readChunkedCookie('big.0=hel; big.1=lo%20world', 'big'); // 'hello world'
 * readChunkedCookie('big=small', 'big'); // 'small'
 * ```
 */
export function readChunkedCookie(
  source: ChunkSource,
  name: string,
  options?: ParseCookieOptions,
): string | undefined {
  const header = headerOf(source);
  const decode = options?.decode ?? decodeCookieValue;
  const single = findCookie(header, name, { decode: keep });
  if (single !== undefined) return decode(single);
  let joined: string | undefined;
  for (let index = 0; ; index++) {
    const chunk = findCookie(header, `${name}.${index}`, { decode: keep });
    if (chunk === undefined) break;
    joined = (joined ?? '') + chunk;
  }
  // Chunks are split on the encoded text, so an escape may straddle two: decode after joining.
  return joined === undefined ? undefined : decode(joined);
}

/**
 * Writes `value` as one cookie when it fits in 4096 bytes with its name, else as chunks `name.0`,
 * `name.1`, … each within the limit, all with the same attributes (URI encoding). Chunks the request
 * carried that the new value does not use are deleted, and so is the single cookie when the value is
 * chunked (and the reverse), so what the browser keeps always reads back as `value`. Returns how many
 * chunks were written (1 for a single cookie).
 *
 * @example
 * ```ts
 * import { readChunkedCookie, writeChunkedCookie } from 'shortbread';
 * const response = new Response('ok');
 * writeChunkedCookie(response.headers, 'big', 'x'.repeat(10_000), { request, httpOnly: true });
 * response.headers.getSetCookie().length; // 3 chunks (plus deletions of stale ones)
 * ```
 */
export function writeChunkedCookie(
  headers: Headers,
  name: string,
  value: string,
  options: ChunkedCookieOptions = {},
): number {
  const { request, maxChunks = 10, ...attributes } = options;
  const cookies = new ResponseCookies(headers);
  const header = headerOf(request);
  const carried = carriedChunks(header, name);
  const wire = encodeCookieValue(value, 'uri', undefined);
  const removal = removalOf(attributes);

  if (name.length + wire.length <= NAME_VALUE_MAX_BYTES) {
    cookies.set(name, wire, { ...attributes, encoding: 'raw' });
    for (const index of carried) cookies.delete(`${name}.${index}`, removal);
    return 1;
  }

  // Each chunk's name is `name.N`; keep name + value of every chunk within the limit.
  const room = NAME_VALUE_MAX_BYTES - (name.length + 1 + String(maxChunks - 1).length);
  const count = Math.ceil(wire.length / room);
  if (room <= 0 || count > maxChunks) {
    throw new CookieError(
      'ERR_COOKIE_TOO_LARGE',
      `cookie ${JSON.stringify(name)} is too large: ${wire.length} bytes would take ${count} chunks, more than maxChunks ${maxChunks} (store less, raise maxChunks, or keep the data server-side)`,
    );
  }
  for (let index = 0; index < count; index++) {
    const chunk = wire.slice(index * room, (index + 1) * room);
    cookies.set(`${name}.${index}`, chunk, { ...attributes, encoding: 'raw' });
  }
  for (const index of carried) if (index >= count) cookies.delete(`${name}.${index}`, removal);
  if (findCookie(header, name, { decode: keep }) !== undefined) cookies.delete(name, removal);
  return count;
}

/**
 * Deletes a cookie and every chunk of it the request carried.
 *
 * @example
 * ```ts
 * import { deleteChunkedCookie } from 'shortbread';
 * deleteChunkedCookie(response.headers, 'big', { request });
 * ```
 */
export function deleteChunkedCookie(
  headers: Headers,
  name: string,
  options: Omit<ChunkedCookieOptions, 'maxChunks'> = {},
): void {
  const { request, ...attributes } = options;
  const cookies = new ResponseCookies(headers);
  const removal = removalOf(attributes);
  cookies.delete(name, removal);
  for (const index of carriedChunks(headerOf(request), name)) {
    cookies.delete(`${name}.${index}`, removal);
  }
}
