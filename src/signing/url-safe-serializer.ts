/**
 * @module itsdangerous's `URLSafeSerializer` and `URLSafeTimedSerializer`: compact JSON, zlib when
 * it saves at least 2 bytes (marked by a leading `.`), base64url: tokens safe in URLs and cookies.
 */
import { base64UrlDecode, base64UrlEncode } from '../internal/base64url.js';
import { utf8DecodeStrict, utf8Encode } from '../internal/bytes.js';
import { zlibCannotSaveTwoBytes } from '../internal/deflate-bound.js';
import {
  zlibCompress,
  zlibCompressSync,
  zlibDecompress,
  zlibDecompressSync,
} from '../internal/zlib.js';
import { BadPayload } from './errors.js';
import { PYTHON_COMPACT_STYLE, type PythonJsonStyle } from './python-json.js';
import { Serializer, TimedSerializer } from './serializer.js';

/**
 * itsdangerous `URLSafeSerializerMixin.dump_payload`: compress with zlib only when the result is at
 * least 2 bytes shorter, base64url, and mark compression with a leading `.`.
 *
 * @example
 * ```ts
 * await encodeUrlSafePayload('{"a":1}'); // 'eyJhIjoxfQ'
 * ```
 */
export async function encodeUrlSafePayload(json: string): Promise<string> {
  const done = encodeUrlSafePayloadSync(json);
  if (done !== undefined) return done;
  const raw = utf8Encode(json);
  return packed(raw, await zlibCompress(raw));
}

/** The payload of `raw` given its zlib form: compressed only when that saves 2 bytes or more. */
function packed(raw: Uint8Array, compressed: Uint8Array): string {
  if (compressed.length < raw.length - 1) return `.${base64UrlEncode(compressed)}`;
  return base64UrlEncode(raw);
}

/**
 * {@link encodeUrlSafePayload} without a promise where node:zlib exists, or where the payload
 * provably cannot compress; `undefined` otherwise (use the async one).
 *
 * @example
 * ```ts
 * encodeUrlSafePayloadSync('{"a":1}'); // 'eyJhIjoxfQ' on Node
 * ```
 */
export function encodeUrlSafePayloadSync(json: string): string | undefined {
  const raw = utf8Encode(json);
  // A small payload zlib provably cannot shorten by 2 bytes is sent as it is, as Flask would.
  if (zlibCannotSaveTwoBytes(raw)) return base64UrlEncode(raw);
  const compressed = zlibCompressSync(raw);
  return compressed === undefined ? undefined : packed(raw, compressed);
}

/**
 * Undo {@link encodeUrlSafePayload}: the JSON text, or a `BadPayload` naming the step that failed
 * (base64, zlib, UTF-8).
 *
 * @example
 * ```ts
 * await decodeUrlSafePayload('eyJhIjoxfQ'); // '{"a":1}'
 * ```
 */
export async function decodeUrlSafePayload(payload: string): Promise<string> {
  const bytes = payloadBytes(payload);
  if (bytes instanceof Uint8Array) return payloadText(bytes);
  return payloadText(inflated(await zlibDecompress(bytes.compressed)));
}

/** The base64-decoded payload, or its still compressed bytes when it is marked with `.`. */
function payloadBytes(payload: string): Uint8Array | { compressed: Uint8Array } {
  const compressed = payload.startsWith('.');
  const bytes = base64UrlDecode(compressed ? payload.slice(1) : payload);
  if (bytes === undefined) {
    throw new BadPayload(`payload is not valid base64: ${JSON.stringify(payload.slice(0, 40))}`);
  }
  return compressed ? { compressed: bytes } : bytes;
}

function inflated(bytes: Uint8Array | null | undefined): Uint8Array {
  if (bytes === undefined || bytes === null) {
    throw new BadPayload('payload is marked compressed (leading ".") but is not a zlib stream');
  }
  return bytes;
}

function payloadText(bytes: Uint8Array): string {
  const text = utf8DecodeStrict(bytes);
  if (text === undefined) throw new BadPayload('payload is not valid UTF-8');
  return text;
}

/**
 * {@link decodeUrlSafePayload} without a promise where node:zlib exists (or nothing is
 * compressed); `undefined` where it needs the async one. Throws `BadPayload` as that one rejects.
 *
 * @example
 * ```ts
 * decodeUrlSafePayloadSync('eyJhIjoxfQ'); // '{"a":1}'
 * ```
 */
export function decodeUrlSafePayloadSync(payload: string): string | undefined {
  const bytes = payloadBytes(payload);
  if (bytes instanceof Uint8Array) return payloadText(bytes);
  const sync = zlibDecompressSync(bytes.compressed);
  return sync === undefined ? undefined : payloadText(inflated(sync));
}

/**
 * itsdangerous's `URLSafeSerializer`: compact JSON (raw UTF-8, keys in insertion order),
 * compressed when that helps, base64url, signed. Tokens hold only `A-Z a-z 0-9 - _ .`.
 *
 * @example
 * ```ts
 * import { URLSafeSerializer } from 'shortbread/signing';
 * const s = new URLSafeSerializer('secret', { salt: 'activate' });
 * const token = await s.dumps({ user: 5 }); // 'eyJ1c2VyIjo1fQ.<sig>'
 * await s.loads(token); // { user: 5 }
 * ```
 */
export class URLSafeSerializer<T = unknown> extends Serializer<T> {
  protected override defaultStyle(): PythonJsonStyle {
    return PYTHON_COMPACT_STYLE;
  }

  protected override async dumpPayload(value: T): Promise<string> {
    return encodeUrlSafePayload(this.payloadSerializer.dumps(value));
  }

  protected override async loadPayload(payload: string): Promise<T> {
    return this.parse(await decodeUrlSafePayload(payload));
  }
}

/**
 * itsdangerous's `URLSafeTimedSerializer`: {@link URLSafeSerializer} plus a timestamp, so
 * `loads(token, { maxAge })` rejects old and future-dated tokens. Flask's session cookie is one of
 * these (see `FlaskSessionCodec`).
 *
 * @example
 * ```ts
 * import { URLSafeTimedSerializer } from 'shortbread/signing';
 * const s = new URLSafeTimedSerializer('secret', { salt: 'reset-password' });
 * const token = await s.dumps({ user: 5 }, { now: 1_700_000_000_000 });
 * await s.loads(token, { maxAge: 3600, now: 1_700_000_060_000 }); // { user: 5 }
 * ```
 */
export class URLSafeTimedSerializer<T = unknown> extends TimedSerializer<T> {
  protected override defaultStyle(): PythonJsonStyle {
    return PYTHON_COMPACT_STYLE;
  }

  protected override async dumpPayload(value: T): Promise<string> {
    return encodeUrlSafePayload(this.payloadSerializer.dumps(value));
  }

  protected override async loadPayload(payload: string): Promise<T> {
    return this.parse(await decodeUrlSafePayload(payload));
  }
}
