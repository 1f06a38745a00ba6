/**
 * @module Flask's session cookie (`SecureCookieSessionInterface`), both ways: a TypeScript server
 * reads the `session` cookie a Flask app wrote, and writes one that Flask accepts.
 */
import { BadPayload } from './errors.js';
import { normalizeKeys } from './keys.js';
import { PyTuple } from './python-types.js';
import {
  dumpsTaggedJson,
  type FlaskSession,
  type FlaskValue,
  loadsTaggedJson,
} from './tagged-json.js';
import { TimestampSigner } from './timestamp-signer.js';
import type { MaxAgeOptions, SecretKey, TimedUnsignResult, TimeOptions } from './types.js';
import {
  decodeUrlSafePayload,
  decodeUrlSafePayloadSync,
  encodeUrlSafePayload,
  encodeUrlSafePayloadSync,
} from './url-safe-serializer.js';

/**
 * Flask's default `PERMANENT_SESSION_LIFETIME`: 31 days, checked on every load.
 *
 * @example
 * ```ts
 * new FlaskSessionCodec({ secretKey: 'dev', maxAge: FLASK_SESSION_MAX_AGE });
 * ```
 */
export const FLASK_SESSION_MAX_AGE = 2_678_400;

/**
 * How the Flask app is configured.
 *
 * @example
 * ```ts
 * const options: FlaskSessionCodecOptions = { secretKey: 'new', fallbacks: ['old'] };
 * ```
 */
export interface FlaskSessionCodecOptions {
  /** `app.secret_key` / `SECRET_KEY`: signs new cookies and verifies first. */
  readonly secretKey: SecretKey;
  /**
   * `SECRET_KEY_FALLBACKS` (Flask ≥ 3.1): old keys that still verify. Flask 3.1.1 tries
   * `secretKey`, then these from last to first, and never signs with them.
   */
  readonly fallbacks?: readonly SecretKey[];
  /**
   * `PERMANENT_SESSION_LIFETIME` in seconds (default 31 days). Flask checks it on every session,
   * permanent or not, and rejects cookies dated in the future.
   */
  readonly maxAge?: number;
  /** `session_interface.salt`; default `"cookie-session"`. Change it only if the Flask app did. */
  readonly salt?: string;
}

/**
 * What {@link FlaskSessionCodec.decodeWithKey} learns.
 *
 * @example
 * ```ts
 * const { session, rotated }: FlaskSessionDecodeResult = await codec.decodeWithKey(value);
 * ```
 */
export interface FlaskSessionDecodeResult {
  readonly session: FlaskSession;
  /** Index in `[...fallbacks, secretKey]` of the key that matched. */
  readonly keyIndex: number;
  /** True when a fallback key matched: re-encode to move the cookie to `secretKey`. */
  readonly rotated: boolean;
  /** Unix seconds the cookie was signed at. */
  readonly timestamp: number;
}

/** Flask turns the loaded JSON into a dict with `dict(data)`; anything else is an HTTP 500 there. */
function toSession(value: FlaskValue): FlaskSession {
  if (value === null) return Object.create(null);
  if (Array.isArray(value) || value instanceof PyTuple) {
    // dict([["a", 1]]): a list (or tuple) of key-value pairs.
    const session: FlaskSession = Object.create(null);
    for (const pair of value instanceof PyTuple ? value.items : value) {
      const items = pair instanceof PyTuple ? pair.items : pair;
      if (!Array.isArray(items) || items.length !== 2 || typeof items[0] !== 'string') {
        throw new BadPayload('session payload is a list but not of [key, value] pairs');
      }
      session[items[0]] = items[1] as FlaskValue;
    }
    return session;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === null)
    return value as FlaskSession;
  throw new BadPayload(`session payload is not a dict: ${JSON.stringify(typeof value)}`);
}

/**
 * Reads and writes Flask's `session` cookie exactly as Flask does: `URLSafeTimedSerializer` with
 * salt `cookie-session`, HMAC key derivation and SHA-1, over Flask's tagged JSON (keys sorted by
 * code point, non-ASCII escaped, Python float `repr`, zlib when it saves 2 bytes or more). A
 * session decoded and encoded again unchanged gives the identical cookie (at the same `now`).
 *
 * Python values map to TypeScript as described at {@link FlaskValue}: `int` → `number`/`bigint`,
 * integral `float` → `PyFloat`, `tuple` → `PyTuple`, `bytes` → `Uint8Array`, `Markup` → `Markup`,
 * `UUID` → `PyUUID`, `datetime` → `Date`. Decoded dicts have a null prototype.
 *
 * `decode` rejects with `BadSignature` (wrong key, tampered), `SignatureExpired` (older than
 * `maxAge`, or dated in the future: keep clocks in sync) or `BadPayload`. Flask answers the first
 * two with an empty session and the last with HTTP 500, so treat them the same way.
 *
 * @example
 * ```ts
 * import { FlaskSessionCodec } from 'shortbread/signing';
 * const codec = new FlaskSessionCodec({ secretKey: process.env.FLASK_SECRET_KEY! });
 * const session = await codec.decode(cookieValue); // { user_id: 42, _fresh: true, ... }
 * session.count = Number(session.count ?? 0) + 1;
 * const value = await codec.encode(session); // set as `session=<value>; HttpOnly; Path=/`
 * ```
 */
export class FlaskSessionCodec {
  /** Seconds a cookie stays valid after it was signed. */
  readonly maxAge: number;
  readonly #core: FlaskSessionCore;

  constructor(options: FlaskSessionCodecOptions) {
    this.#core = new FlaskSessionCore(options);
    this.maxAge = this.#core.maxAge;
  }

  /**
   * The cookie value for `session` (a plain object or a Map with string keys), signed with
   * `secretKey` at `now`. Throws `TypeError` for a value Flask could not hold.
   *
   * @example
   * ```ts
   * await codec.encode({ user_id: 1 }, { now: 1_700_000_000_000 });
   * // 'eyJ1c2VyX2lkIjoxfQ.ZVPxAA.<sig>'
   * ```
   */
  async encode(session: object, options: TimeOptions = {}): Promise<string> {
    return this.#core.encodeNow(session, options);
  }

  /**
   * Verify and read a cookie value; also say which key matched and when it was signed.
   *
   * @example
   * ```ts
   * const { session, rotated } = await codec.decodeWithKey(value);
   * if (rotated) setCookie('session', await codec.encode(session));
   * ```
   */
  async decodeWithKey(value: string, options: TimeOptions = {}): Promise<FlaskSessionDecodeResult> {
    return this.#core.decodeNow(value, options);
  }

  /**
   * Verify and read a cookie value (`maxAge` checked against `now`).
   *
   * @example
   * ```ts
   * const session = await codec.decode(value).catch(() => ({})); // Flask's behaviour on a bad cookie
   * ```
   */
  async decode(value: string, options: TimeOptions = {}): Promise<FlaskSession> {
    return (await this.decodeWithKey(value, options)).session;
  }
}

/** The TimestampSigner of a Flask session codec, with its promise-free steps in reach. */
class SessionSigner extends TimestampSigner {
  signSession(payload: string, options: TimeOptions): string | Promise<string> {
    return this.signNow(payload, options);
  }

  unsignSession(
    value: string,
    options: MaxAgeOptions,
  ): TimedUnsignResult | Promise<TimedUnsignResult> {
    return this.unsignNow(value, options);
  }
}

/**
 * {@link FlaskSessionCodec}'s work, answering without a promise wherever the runtime allows
 * (node:crypto HMAC and node:zlib once the keys are imported): the cookie session store calls it on
 * every request, where each promise is a turn of the event loop. Not exported from the package.
 *
 * @example
 * ```ts
 * const core = new FlaskSessionCore({ secretKey: 'dev' });
 * const value = core.encodeNow({ a: 1 }, {}); // a string on Node, once the key is imported
 * ```
 */
export class FlaskSessionCore {
  readonly maxAge: number;
  /** The serializer's signer: Flask's `URLSafeTimedSerializer`, run step by step here. */
  readonly #signer: SessionSigner;
  readonly #keyCount: number;

  constructor(options: FlaskSessionCodecOptions) {
    // Flask 3.1.1: keys = [*SECRET_KEY_FALLBACKS, SECRET_KEY]; itsdangerous signs with the last.
    const keys = [...(options.fallbacks ?? []), options.secretKey];
    normalizeKeys(keys, 'Flask key ([...fallbacks, secretKey])');
    this.#keyCount = keys.length;
    this.maxAge = options.maxAge ?? FLASK_SESSION_MAX_AGE;
    this.#signer = new SessionSigner(keys, {
      salt: options.salt ?? 'cookie-session',
      keyDerivation: 'hmac',
      digestMethod: 'sha1',
    });
  }

  /** {@link FlaskSessionCodec.encode}; throws where that rejects. */
  encodeNow(session: object, options: TimeOptions): string | Promise<string> {
    const proto = Object.getPrototypeOf(session);
    if (!(session instanceof Map) && proto !== Object.prototype && proto !== null) {
      throw new TypeError(
        `session is invalid: ${JSON.stringify(session.constructor?.name ?? typeof session)} (a plain object or a Map with string keys)`,
      );
    }
    // The serializer's steps, each without a promise of its own where the runtime allows.
    const json = dumpsTaggedJson(session);
    const payload = encodeUrlSafePayloadSync(json);
    if (payload !== undefined) return this.#signer.signSession(payload, options);
    return encodeUrlSafePayload(json).then((text) => this.#signer.signSession(text, options));
  }

  /** {@link FlaskSessionCodec.decodeWithKey}; throws where that rejects. */
  decodeNow(
    value: string,
    options: TimeOptions,
  ): FlaskSessionDecodeResult | Promise<FlaskSessionDecodeResult> {
    const loadOptions: MaxAgeOptions =
      options.now === undefined
        ? { maxAge: this.maxAge }
        : { maxAge: this.maxAge, now: options.now };
    const result = this.#signer.unsignSession(value, loadOptions);
    return result instanceof Promise ? result.then((r) => this.#read(r)) : this.#read(result);
  }

  /** URLSafeTimedSerializer.loads: the payload is read only after the signature checked out. */
  #read(result: TimedUnsignResult): FlaskSessionDecodeResult | Promise<FlaskSessionDecodeResult> {
    const json = decodeUrlSafePayloadSync(result.value);
    if (json !== undefined) return this.#session(json, result);
    return decodeUrlSafePayload(result.value).then((text) => this.#session(text, result));
  }

  #session(json: string, result: TimedUnsignResult): FlaskSessionDecodeResult {
    let loaded: FlaskValue;
    try {
      loaded = loadsTaggedJson(json);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new BadPayload(`payload could not be deserialized: ${reason}`, { cause: error });
    }
    return {
      session: toSession(loaded),
      keyIndex: result.keyIndex,
      rotated: result.keyIndex !== this.#keyCount - 1,
      timestamp: result.timestamp ?? 0,
    };
  }
}
