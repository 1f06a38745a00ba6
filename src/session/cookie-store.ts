/**
 * @module `CookieSessionStore`: the whole session in the cookie, signed exactly as Flask signs its
 * `session` cookie (so a Flask app and a shortbread app read each other's), or sealed (encrypted).
 */
import { NAME_VALUE_MAX_BYTES } from '../codec/limits.js';
import { chunkedCookieCount, DEFAULT_MAX_CHUNKS } from '../server/cookie-chunks.js';
import { BadData } from '../signing/errors.js';
import { FlaskSessionCore, type FlaskSessionDecodeResult } from '../signing/flask-session.js';
import { type SealKeys, sealNow, type UnsealResult, unsealWithKeyNow } from '../signing/seal.js';
import type { SecretKey } from '../signing/types.js';
import { type SessionData, SessionStoreError } from './store.js';
import { decodeData, encodeData } from './value-codec.js';

/**
 * Options of {@link CookieSessionStore}.
 *
 * @example
 * ```ts
 * const options: CookieSessionStoreOptions = { seal: process.env.SESSION_SEAL_KEY! };
 * ```
 */
export interface CookieSessionStoreOptions {
  /**
   * Encrypt the session (AES-256-GCM, `seal` of `shortbread/signing`) with these keys instead of
   * signing it the Flask way: users cannot read what is in it, and Flask cannot either. A secret of
   * at least 32 bytes, or `{ id, secret }` keys ordered oldest to newest for rotation.
   */
  readonly seal?: SealKeys | undefined;
  /** Flask's `session_interface.salt` for the signed form. @default 'cookie-session' */
  readonly salt?: string | undefined;
}

/**
 * What `Sessions` gives the store to build its codec: the keys, the lifetime and the cookie name.
 *
 * @example
 * ```ts
 * const config: CookieCodecConfig = { secret: 's', fallbacks: [], maxAge: 2678400, cookieName: 'session' };
 * ```
 */
export interface CookieCodecConfig {
  readonly secret: SecretKey;
  readonly fallbacks: readonly SecretKey[];
  /** Seconds a cookie stays valid after it was written (Flask's `PERMANENT_SESSION_LIFETIME`). */
  readonly maxAge: number;
  readonly cookieName: string;
  /** The cookie may be split into chunks, so only the chunk limit applies. @default false */
  readonly chunked?: boolean | undefined;
  /** With `chunked`: the most chunks the cookie may take. @default 3 */
  readonly maxChunks?: number | undefined;
}

/**
 * A session read from a cookie value: the data and whether an old key verified it.
 *
 * @example
 * ```ts
 * const read: CookieRead = { data: { a: 1 }, rotated: false };
 * ```
 */
export interface CookieRead {
  readonly data: SessionData;
  /** True when a fallback key (not the current one) verified it: write it again. */
  readonly rotated: boolean;
}

/**
 * Turns session data into a cookie value and back, for one configuration.
 *
 * @example
 * ```ts
 * const codec = new CookieSessionStore().codec(config);
 * const value = await codec.encode({ a: 1 }, new Date()); // a string already on Node
 * ```
 */
export interface CookieSessionCodec {
  /**
   * The data in a cookie value; `undefined` for a value that is forged, expired or unreadable.
   * Answers without a promise where the runtime allows (node:crypto), as `Sessions` awaits either.
   */
  decode(value: string, now: Date): CookieRead | undefined | Promise<CookieRead | undefined>;
  /**
   * The cookie value for `data`, written at `now`; throws (or rejects with) `SessionStoreError`
   * when too big. Answers without a promise where the runtime allows.
   */
  encode(data: SessionData, now: Date): string | Promise<string>;
}

/**
 * The default store of `Sessions`: the whole session travels in the cookie, so the server keeps
 * nothing (no database, nothing to clean up, any number of servers). The price: at most ~4 KB of
 * data, every request carries it, and a cookie cannot be revoked before it expires (logout deletes
 * it from the browser, but a copy taken earlier stays valid until its lifetime ends).
 *
 * By default the cookie is Flask's own `session` cookie, byte for byte (`FlaskSessionCodec`):
 * base64 JSON (readable by the user, not changeable), signed with HMAC-SHA1 over the secret, dated,
 * compressed when that saves room. A Flask app with the same `SECRET_KEY` reads and writes the same
 * sessions. With `seal`, the cookie is encrypted instead; Flask cannot read it then.
 *
 * @example
 * ```ts
 * import { CookieSessionStore, Sessions } from 'shortbread/session';
 * // Flask-compatible (the default):
 * const flaskLike = new Sessions({ secret: process.env.SECRET_KEY! });
 * // Encrypted:
 * const sealed = new Sessions({
 *   secret: process.env.SECRET_KEY!,
 *   store: new CookieSessionStore({ seal: process.env.SESSION_SEAL_KEY! }),
 * });
 * ```
 */
export class CookieSessionStore {
  readonly kind = 'cookie';
  /** True when the cookie is encrypted (`seal`) rather than signed. */
  readonly sealed: boolean;
  readonly #seal: SealKeys | undefined;
  readonly #salt: string | undefined;

  /**
   * @example
   * ```ts
   * new CookieSessionStore({ seal: [{ id: '2025', secret: key2025 }, { id: '2026', secret: key2026 }] });
   * ```
   */
  constructor(options: CookieSessionStoreOptions = {}) {
    this.#seal = options.seal;
    this.#salt = options.salt;
    this.sealed = options.seal !== undefined;
  }

  /**
   * The codec for one `Sessions` configuration. `Sessions` calls it once, at construction.
   *
   * @example
   * ```ts
   * const codec = store.codec({ secret: 's', fallbacks: [], maxAge: 60, cookieName: 'session' });
   * ```
   */
  codec(config: CookieCodecConfig): CookieSessionCodec {
    const limit = (value: string): string => {
      if (config.chunked === true) {
        // The chunk limit, checked here so that it is the same SessionStoreError as without chunks
        // (wrap's onError gets it), not a CookieError when the response is written.
        const maxChunks = config.maxChunks ?? DEFAULT_MAX_CHUNKS;
        const count = chunkedCookieCount(config.cookieName, value, maxChunks);
        if (count <= maxChunks) return value;
        throw new SessionStoreError(
          'ERR_SESSION_TOO_LARGE',
          'cookie',
          'encode',
          `session cookie is too large: ${value.length} bytes would take ${count} chunks, more than maxChunks ${maxChunks} (browsers and Node refuse larger headers; keep less in the session, or use a server-side store such as SqliteSessionStore or RedisSessionStore)`,
        );
      }
      const size = config.cookieName.length + value.length;
      if (size > NAME_VALUE_MAX_BYTES) {
        throw new SessionStoreError(
          'ERR_SESSION_TOO_LARGE',
          'cookie',
          'encode',
          `session cookie is too large: ${size} bytes of name and value (browsers drop cookies over ${NAME_VALUE_MAX_BYTES} bytes, so the session would silently be lost; keep less in the session, or use a server-side store such as SqliteSessionStore or RedisSessionStore)`,
        );
      }
      return value;
    };
    const sealKeys = this.#seal;
    if (sealKeys !== undefined) {
      const context = config.cookieName;
      return {
        decode(value, now) {
          let opened: ReturnType<typeof unsealWithKeyNow<unknown>>;
          try {
            opened = unsealWithKeyNow<unknown>(value, { keys: sealKeys, now, context });
          } catch (error) {
            return badCookie(error);
          }
          return opened instanceof Promise
            ? opened.then(readSealed, badCookie)
            : readSealed(opened);
        },
        encode(data, now) {
          const sealed = sealNow(encodeData(data), {
            keys: sealKeys,
            now,
            ttl: config.maxAge,
            context,
          });
          return sealed instanceof Promise ? sealed.then(limit) : limit(sealed);
        },
      };
    }
    const codec = new FlaskSessionCore({
      secretKey: config.secret,
      fallbacks: config.fallbacks,
      maxAge: config.maxAge,
      ...(this.#salt === undefined ? {} : { salt: this.#salt }),
    });
    return {
      decode(value, now) {
        let read: ReturnType<FlaskSessionCore['decodeNow']>;
        try {
          read = codec.decodeNow(value, { now });
        } catch (error) {
          return badCookie(error);
        }
        return read instanceof Promise ? read.then(readFlask, badCookie) : readFlask(read);
      },
      encode(data, now) {
        const value = codec.encodeNow(data, { now });
        return value instanceof Promise ? value.then(limit) : limit(value);
      },
    };
  }
}

/**
 * Flask's open_session: a bad signature or an expired cookie is a new, empty session. A bad payload
 * under a good signature is HTTP 500 in Flask; received input never throws here, so it is a new
 * session too. Anything else (bad keys in the configuration: TypeError) still throws.
 */
function badCookie(error: unknown): undefined {
  if (error instanceof BadData) return undefined;
  throw error;
}

function readFlask(result: FlaskSessionDecodeResult): CookieRead {
  return { data: result.session, rotated: result.rotated };
}

/** A sealed cookie holds the session's own encoding as a string; anything else is not ours. */
function readSealed(opened: UnsealResult<unknown>): CookieRead | undefined {
  if (typeof opened.value !== 'string') return undefined;
  try {
    return { data: decodeData(opened.value), rotated: opened.rotated };
  } catch {
    return undefined;
  }
}
