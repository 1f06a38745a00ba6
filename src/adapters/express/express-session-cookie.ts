/**
 * @module express-session's session cookie (`connect.sid=s:<id>.<signature>`, cookie-signature's
 * HMAC-SHA256 in base64 without padding) as a `SessionIdCookie`, so `Sessions` takes over an
 * express-session app without logging anyone out: same cookie, same secrets, same ids.
 */
import { base64Encode, base64UrlEncode } from '../../internal/base64url.js';
import { utf8Encode } from '../../internal/bytes.js';
import { type HmacKey, importHmacKey, randomBytes } from '../../internal/hmac.js';
import { timingSafeEqualText } from '../../internal/timing-safe-equal.js';
import type { SessionIdCookie } from '../../session/id-cookie.js';
import { Session } from '../../session/session.js';
import type { SessionsOptions } from '../../session/sessions.js';
import type { SessionStore } from '../../session/store.js';
import { normalizeKeys } from '../../signing/keys.js';

/**
 * Options of {@link expressSessionCookie}.
 *
 * @example
 * ```ts
 * const options: ExpressSessionCookieOptions = { secret: ['new secret', 'old secret'] };
 * ```
 */
export interface ExpressSessionCookieOptions {
  /**
   * express-session's `secret`: a string, or a list whose first entry signs and every entry
   * verifies (rotation).
   */
  readonly secret: string | readonly string[];
}

/** express-session's ids: uid-safe's 24 random bytes, base64url (32 characters). */
const ID_BYTES = 24;
/** No cookie-signature value of a real id is this long; longer input is not worth an HMAC. */
const MAX_VALUE_LENGTH = 1024;

/** cookie-signature's `sign`: `<value>.<base64 HMAC-SHA256, "=" padding removed>`. */
async function signature(key: HmacKey, value: string): Promise<string> {
  const mac = base64Encode(await key.sign(utf8Encode(value)));
  let end = mac.length;
  while (end > 0 && mac.charCodeAt(end - 1) === 0x3d) end--;
  return mac.slice(0, end);
}

/**
 * express-session's signed session id cookie: `s:` + cookie-signature's `<id>.<signature>`.
 * New ids are express-session's own (24 random bytes, base64url), so a session created here is
 * one express-session can read, and the other way round. A value signed by a later entry of
 * `secret` reads (and is signed again with the first).
 *
 * @example
 * ```ts
 * import { expressSessionCookie } from 'shortbread/express';
 * const ids = expressSessionCookie({ secret: 'keyboard cat' });
 * const value = await ids.sign('abc'); // 's:abc.<signature>'
 * await ids.unsign(value); // { id: 'abc', rotated: false }
 * ```
 */
export function expressSessionCookie(options: ExpressSessionCookieOptions): SessionIdCookie {
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s === '')) {
    throw new TypeError(
      `express-session secret is invalid: ${JSON.stringify(options.secret)} (a non-empty string, or a list of them: the first signs)`,
    );
  }
  // Whitespace-only keys too, as everywhere keys enter (issue 20 row 1).
  normalizeKeys(secrets, 'express-session secret');
  const keys = Promise.all(secrets.map((s) => importHmacKey('sha256', utf8Encode(s))));
  return {
    newId: () => base64UrlEncode(randomBytes(ID_BYTES)),
    async sign(id) {
      const [first] = await keys;
      return `s:${id}.${await signature(first as HmacKey, id)}`;
    },
    async unsign(value) {
      // express-session: only a value starting "s:" is signed; the id runs to the last ".".
      if (!value.startsWith('s:') || value.length > MAX_VALUE_LENGTH) return undefined;
      const dot = value.lastIndexOf('.');
      if (dot <= 2) return undefined;
      const id = value.slice(2, dot);
      const mac = value.slice(dot + 1);
      const all = await keys;
      for (let index = 0; index < all.length; index++) {
        const expected = await signature(all[index] as HmacKey, id);
        if (timingSafeEqualText(expected, mac)) return { id, rotated: index > 0 };
      }
      return undefined;
    },
  };
}

/**
 * Options of {@link expressSessionOptions}.
 *
 * @example
 * ```ts
 * import { MemorySessionStore } from 'shortbread/session';
 * const options: ExpressSessionOptions = { secret: 'keyboard cat', store: new MemorySessionStore() };
 * ```
 */
export interface ExpressSessionOptions extends ExpressSessionCookieOptions {
  /** Where the sessions live: usually `fromConnectStore(yourExpressSessionStore)`. */
  readonly store: SessionStore;
  /** express-session's `name`. @default 'connect.sid' */
  readonly name?: string | undefined;
  /** The session cookie's other attributes (express-session's `cookie` option, Path `/` and HttpOnly by default). */
  readonly cookie?: SessionsOptions['cookie'];
  /** Seconds a record lives after its last write (`Sessions`' `lifetime`). @default 86400 (connect-redis's ttl) */
  readonly lifetime?: number | undefined;
}

/**
 * The `Sessions` options that read and write an express-session app's sessions: its cookie name,
 * its signature, its store. `new Sessions(expressSessionOptions({ ... }))` is the switch.
 *
 * @example
 * ```ts
 * import { expressSessionOptions } from 'shortbread/express';
 * import { MemorySessionStore, Sessions } from 'shortbread/session';
 * const sessions = new Sessions(
 *   expressSessionOptions({ secret: 'keyboard cat', store: new MemorySessionStore() }),
 * );
 * sessions.cookieName; // 'connect.sid'
 * ```
 */
export function expressSessionOptions(options: ExpressSessionOptions): SessionsOptions {
  const secrets = typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  return {
    // Sessions wants a secret even when the id cookie signs itself: the first one.
    secret: secrets[0] ?? '',
    store: options.store,
    idCookie: expressSessionCookie(options),
    lifetime: options.lifetime ?? 86_400,
    cookie: { ...options.cookie, name: options.name ?? 'connect.sid' },
  };
}

/**
 * The request's shortbread session, typed as such. While `@types/express-session` is installed
 * (connect-redis and other stores' types pull it in), TypeScript sees its declaration of
 * `req.session`, not shortbread's; this reads the same object with shortbread's type.
 *
 * @example
 * ```ts
 * import { sessionOf } from 'shortbread/express';
 * app.get('/me', (req, res) => {
 *   res.send(String(sessionOf(req).get('user') ?? 'anonymous'));
 * });
 * ```
 */
export function sessionOf(req: { readonly session?: unknown }): Session {
  const session = req.session;
  if (!(session instanceof Session)) {
    throw new TypeError(
      'req.session is not a shortbread session: add app.use(shortbread({ sessions })) before this route, and remove express-session',
    );
  }
  return session;
}
