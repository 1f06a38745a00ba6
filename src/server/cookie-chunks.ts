/**
 * @module Cookie chunking: a value too large for one cookie is split over `name.0`, `name.1`, …, read
 * back whole, and stale chunks of an earlier, larger value are deleted, so a large value never
 * silently vanishes (a browser drops a cookie over 4096 bytes, RFC 6265bis §5.6 step 5).
 *
 * Every step is bounded by `maxChunks`: the Cookie header is scanned once, at most `maxChunks` chunks
 * are read, and a write sends at most `maxChunks + 1` Set-Cookie lines whatever the request carried
 * (a header of a thousand forged `name.N` cookies costs one scan, not a thousand deletions).
 */
import { parseCookieList } from '../codec/cookie.js';
import { decodeCookieValue } from '../codec/cookie-value.js';
import { encodeCookieValue } from '../codec/encode-cookie.js';
import { CookieError } from '../codec/errors.js';
import { NAME_VALUE_MAX_BYTES } from '../codec/limits.js';
import type { ParseCookieOptions } from '../codec/types.js';
import { type ResponseCookieOptions, ResponseCookies } from './response-cookies.js';

/** Where a request's cookies come from: a `Request`, its `Headers`, or the `Cookie` header text. */
export type ChunkSource = Request | Headers | string | null | undefined;

/**
 * The default most chunks of one value: 3. Node refuses a request whose headers exceed 16 KiB
 * (`--max-http-header-size`, 16384 bytes for all of them); four full chunks (4 × 4096 bytes plus
 * separators) would fill it alone, three (~12 KiB) leave ~4 KiB for the rest of the request.
 */
export const DEFAULT_MAX_CHUNKS = 3;

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
  /**
   * The most chunks one value may take (an integer from 1 to 1000); beyond it `CookieError`
   * `ERR_COOKIE_TOO_LARGE`. Reading stops there too. @default 3
   */
  maxChunks?: number | undefined;
}

/**
 * Options of {@link readChunkedCookie}: how to decode, and the most chunks to read.
 *
 * @example
 * ```ts
 * const options: ReadChunkedCookieOptions = { maxChunks: 5 };
 * ```
 */
export interface ReadChunkedCookieOptions extends ParseCookieOptions {
  /** Chunks past this many are not read (a value cut there fails its signature check). @default 3 */
  maxChunks?: number | undefined;
}

function headerOf(source: ChunkSource): string {
  if (source == null) return '';
  if (typeof source === 'string') return source;
  return ('headers' in source ? source.headers : source).get('cookie') ?? '';
}

function checkMaxChunks(maxChunks: number): number {
  if (!Number.isInteger(maxChunks) || maxChunks < 1 || maxChunks > 1000) {
    throw new TypeError(
      `maxChunks is invalid: ${JSON.stringify(maxChunks)} (an integer from 1 to 1000; the default 3 fits Node's 16 KiB header limit)`,
    );
  }
  return maxChunks;
}

const keep = (raw: string): string => raw;

/** What the request carried of a chunked cookie: the single cookie and chunks 0 … maxChunks-1 (raw, first wins). */
interface Carried {
  readonly single: string | undefined;
  readonly chunks: (string | undefined)[];
}

/** One scan of the Cookie header: linear in its length, whatever it holds. */
function carriedOf(header: string, name: string, maxChunks: number): Carried {
  let single: string | undefined;
  const chunks: (string | undefined)[] = new Array(maxChunks).fill(undefined);
  const prefix = `${name}.`;
  for (const [each, raw] of parseCookieList(header, { decode: keep })) {
    if (each === name) {
      single ??= raw;
      continue;
    }
    if (each.length <= prefix.length || !each.startsWith(prefix)) continue;
    const index = each.slice(prefix.length);
    if (!/^(0|[1-9][0-9]{0,3})$/.test(index)) continue;
    const n = Number(index);
    if (n < maxChunks && chunks[n] === undefined) chunks[n] = raw;
  }
  return { single, chunks };
}

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

/** Characters of a chunk's value: name `name.N` (N below maxChunks) and value within the limit. */
function roomOf(name: string, maxChunks: number): number {
  return NAME_VALUE_MAX_BYTES - (name.length + 1 + String(maxChunks - 1).length);
}

/**
 * How many cookies `value` takes when written by {@link writeChunkedCookie}: 1 when it fits one
 * cookie, else its chunk count, which may exceed `maxChunks` (the write would then refuse it).
 *
 * @example
 * ```ts
 * chunkedCookieCount('big', 'x'.repeat(10_000)); // 3 (internal to the server and session layers)
 * ```
 */
export function chunkedCookieCount(
  name: string,
  value: string,
  maxChunks: number = DEFAULT_MAX_CHUNKS,
): number {
  const wire = encodeCookieValue(value, 'uri', undefined);
  if (name.length + wire.length <= NAME_VALUE_MAX_BYTES) return 1;
  const room = roomOf(name, checkMaxChunks(maxChunks));
  return room <= 0 ? Number.POSITIVE_INFINITY : Math.ceil(wire.length / room);
}

/**
 * Reads a cookie written by {@link writeChunkedCookie}: the single cookie `name` when the request has
 * it, else `name.0`, `name.1`, … joined in order (up to the first missing one, at most `maxChunks`)
 * and decoded whole, or `undefined`. Never throws for what the request holds.
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
  options?: ReadChunkedCookieOptions,
): string | undefined {
  const decode = options?.decode ?? decodeCookieValue;
  const carried = carriedOf(
    headerOf(source),
    name,
    checkMaxChunks(options?.maxChunks ?? DEFAULT_MAX_CHUNKS),
  );
  if (carried.single !== undefined) return decode(carried.single);
  const parts: string[] = [];
  for (const chunk of carried.chunks) {
    if (chunk === undefined) break;
    parts.push(chunk);
  }
  // Chunks are split on the encoded text, so an escape may straddle two: decode after joining.
  return parts.length === 0 ? undefined : decode(parts.join(''));
}

/**
 * Writes `value` as one cookie when it fits in 4096 bytes with its name, else as chunks `name.0`,
 * `name.1`, … each within the limit, all with the same attributes (URI encoding). Chunks the request
 * carried that the new value does not use are deleted, and so is the single cookie when the value is
 * chunked (and the reverse), so what the browser keeps always reads back as `value`. A chunk the
 * request already carries with the same text is not sent again unless the cookie has an `expires` or
 * `maxAge` to refresh. Returns how many chunks the value takes (1 for a single cookie).
 *
 * @example
 * ```ts
 * import { readChunkedCookie, writeChunkedCookie } from 'shortbread';
 * const request = new Request('http://localhost/');
 * const response = new Response('ok');
 * writeChunkedCookie(response.headers, 'big', 'x'.repeat(10_000), { request, httpOnly: true }); // 3
 * response.headers.getSetCookie().length; // 3
 * ```
 */
export function writeChunkedCookie(
  headers: Headers,
  name: string,
  value: string,
  options: ChunkedCookieOptions = {},
): number {
  const { request, maxChunks = DEFAULT_MAX_CHUNKS, ...attributes } = options;
  checkMaxChunks(maxChunks);
  const cookies = new ResponseCookies(headers);
  const carried = carriedOf(headerOf(request), name, maxChunks);
  const wire = encodeCookieValue(value, 'uri', undefined);
  const removal = removalOf(attributes);
  // An expiry moves on every write: then every chunk is sent again, else only those that changed.
  const refresh = attributes.expires !== undefined || attributes.maxAge !== undefined;
  const put = (each: string, text: string, had: string | undefined): void => {
    if (refresh || had !== text) cookies.set(each, text, { ...attributes, encoding: 'raw' });
  };

  let count = 1;
  if (name.length + wire.length <= NAME_VALUE_MAX_BYTES) {
    put(name, wire, carried.single);
  } else {
    // Each chunk's name is `name.N`; keep name + value of every chunk within the limit.
    const room = roomOf(name, maxChunks);
    count = room <= 0 ? Number.POSITIVE_INFINITY : Math.ceil(wire.length / room);
    if (count > maxChunks) {
      throw new CookieError(
        'ERR_COOKIE_TOO_LARGE',
        `cookie ${JSON.stringify(name)} is too large: ${wire.length} bytes would take ${count} chunks, more than maxChunks ${maxChunks} (store less, raise maxChunks, or keep the data server-side)`,
      );
    }
    for (let index = 0; index < count; index++) {
      put(`${name}.${index}`, wire.slice(index * room, (index + 1) * room), carried.chunks[index]);
    }
    if (carried.single !== undefined) cookies.delete(name, removal);
  }
  // A single cookie uses no chunk: every carried one goes; else those past the new count.
  const firstStale = count === 1 ? 0 : count;
  for (let index = firstStale; index < maxChunks; index++) {
    if (carried.chunks[index] !== undefined) cookies.delete(`${name}.${index}`, removal);
  }
  return count;
}

/**
 * Deletes a cookie and every chunk of it the request carried (at most `maxChunks` of them).
 *
 * @example
 * ```ts
 * import { deleteChunkedCookie } from 'shortbread';
 * const request = new Request('http://localhost/', { headers: { cookie: 'big.0=a; big.1=b' } });
 * const response = new Response(null);
 * deleteChunkedCookie(response.headers, 'big', { request });
 * response.headers.getSetCookie().length; // 3: big, big.0, big.1
 * ```
 */
export function deleteChunkedCookie(
  headers: Headers,
  name: string,
  options: ChunkedCookieOptions = {},
): void {
  const { request, maxChunks = DEFAULT_MAX_CHUNKS, ...attributes } = options;
  const cookies = new ResponseCookies(headers);
  const removal = removalOf(attributes);
  cookies.delete(name, removal);
  const { chunks } = carriedOf(headerOf(request), name, checkMaxChunks(maxChunks));
  for (let index = 0; index < chunks.length; index++) {
    if (chunks[index] !== undefined) cookies.delete(`${name}.${index}`, removal);
  }
}
