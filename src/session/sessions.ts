/**
 * @module `Sessions`: Flask's session machinery on Fetch: load the session a request carries, let the
 * handler change it, write back only what changed, following Flask's `save_session` rules.
 */
import { stringifySetCookie } from '../codec/set-cookie.js';
import type { Cookies, SameSite, StringifySetCookieOptions } from '../codec/types.js';
import { hasLoneSurrogate } from '../internal/byte-string.js';
import {
  deleteChunkedCookie,
  readChunkedCookie,
  writeChunkedCookie,
} from '../server/cookie-chunks.js';
import { RequestCookies } from '../server/request-cookies.js';
import { ResponseCookies } from '../server/response-cookies.js';
import { FLASK_SESSION_MAX_AGE } from '../signing/flask-session.js';
import { normalizeKeys } from '../signing/keys.js';
import { toEpochMillis } from '../signing/now.js';
import { Signer } from '../signing/signer.js';
import type { SecretKey } from '../signing/types.js';
import { type CookieRead, type CookieSessionCodec, CookieSessionStore } from './cookie-store.js';
import {
  changesBetween,
  FORWARD_KEY,
  type Forward,
  forwardId,
  forwardRecord,
  movedData,
  readForward,
  withForward,
  withoutForward,
} from './forward.js';
import { flaskSessionIdCookie, type SessionIdCookie } from './id-cookie.js';
import { PERMANENT_KEY, refuseGrace, Session, sessionState } from './session.js';
import {
  checkSeconds,
  type ExpiryPolicy,
  META_KEY,
  openMeta,
  planMeta,
  type SessionMeta,
} from './session-meta.js';
import {
  applyChanges,
  isEmptyChanges,
  isSessionStoreError,
  type SessionData,
  type SessionStore,
  SessionStoreError,
  type SessionStoreOperation,
  type SessionValue,
} from './store.js';
import {
  entries,
  entryKey,
  entryValue,
  indexId,
  isListed,
  newHandle,
  revocation,
  type UserSession,
} from './user-index.js';

/**
 * The session cookie's name and attributes: Flask's `SESSION_COOKIE_*` settings, with Flask's
 * defaults.
 *
 * @example
 * ```ts
 * const cookie: SessionCookieOptions = { secure: true, sameSite: 'lax' };
 * ```
 */
export interface SessionCookieOptions {
  /** `SESSION_COOKIE_NAME`. @default 'session' */
  readonly name?: string | undefined;
  /** `SESSION_COOKIE_PATH`. @default '/' */
  readonly path?: string | undefined;
  /** `SESSION_COOKIE_DOMAIN`: unset means this host only. */
  readonly domain?: string | undefined;
  /** `SESSION_COOKIE_SECURE`: only over HTTPS. Set it in production. @default false */
  readonly secure?: boolean | undefined;
  /** `SESSION_COOKIE_HTTPONLY`: hidden from page scripts. @default true */
  readonly httpOnly?: boolean | undefined;
  /** `SESSION_COOKIE_SAMESITE`. `'lax'` is a good choice; unset sends no attribute (Flask's default). */
  readonly sameSite?: SameSite | 'Strict' | 'Lax' | 'None' | undefined;
  /** `SESSION_COOKIE_PARTITIONED` (CHIPS); implies `secure`, as in Flask 3.1. @default false */
  readonly partitioned?: boolean | undefined;
  /**
   * Not in Flask: a cookie session too large for one cookie is split over `session.0`, `session.1`,
   * … (see `writeChunkedCookie`) instead of being refused with `ERR_SESSION_TOO_LARGE`. A Flask app
   * cannot read a chunked session, so leave it off when sharing sessions with Flask. @default false
   */
  readonly chunked?: boolean | undefined;
}

/**
 * Options of {@link Sessions}.
 *
 * @example
 * ```ts
 * const options: SessionsOptions = { secret: process.env.SECRET_KEY!, lifetime: 7 * 24 * 3600 };
 * ```
 */
export interface SessionsOptions {
  /**
   * Flask's `SECRET_KEY`: signs the cookie (the whole session, or the session id). Long and random
   * (32 bytes or more), kept out of the code. A Flask app with the same key shares the sessions.
   */
  readonly secret: SecretKey;
  /**
   * Flask's `SECRET_KEY_FALLBACKS`: earlier secrets that still verify (never sign). A cookie that only
   * a fallback verifies is signed again with `secret` in the response.
   */
  readonly fallbacks?: readonly SecretKey[] | undefined;
  /** Where the data lives. @default new CookieSessionStore() (the whole session in the cookie) */
  readonly store?: SessionStore | CookieSessionStore | undefined;
  /** The cookie's name and attributes. */
  readonly cookie?: SessionCookieOptions | undefined;
  /**
   * Flask's `PERMANENT_SESSION_LIFETIME`, in seconds: a permanent session's cookie expires this long
   * after the last write; every session's signature and server-side record too. @default 2678400 (31 days)
   */
  readonly lifetime?: number | undefined;
  /**
   * Flask's `SESSION_REFRESH_EACH_REQUEST`: a permanent session is written on every request that
   * loads it, even unchanged, so its expiry keeps moving (sliding expiry). @default true
   */
  readonly rolling?: boolean | undefined;
  /**
   * Not in Flask: seconds without a write after which the session is over (sliding expiry). Each
   * request that loads the session rewrites it (record and cookie), at most once per `touchAfter`.
   * Unset: no idle limit.
   */
  readonly idleTimeout?: number | undefined;
  /**
   * Not in Flask: seconds from the session's creation after which it is over, however active it is.
   * `regenerate()` keeps the creation time, so logging in again does not extend it. Unset: no cap.
   */
  readonly absoluteLifetime?: number | undefined;
  /**
   * Not in Flask: an unchanged session is rewritten (record and cookie, `rolling` included) only
   * when this many seconds have passed since its last write, so read-only traffic costs no store
   * writes. Unset: Flask's rules (`rolling`), or every request when `idleTimeout` is set.
   */
  readonly touchAfter?: number | undefined;
  /**
   * How a server-side store's session id rides in the cookie. @default Flask-Session's (signed by
   * `secret` with salt `flask-session`); `expressSessionCookie` from `shortbread/express` reads and
   * writes express-session's `s:<id>.<signature>`.
   */
  readonly idCookie?: SessionIdCookie | undefined;
}

/**
 * The clock of one call: a Date or epoch milliseconds. @default the current time
 *
 * @example
 * ```ts
 * await sessions.load(request, { now: new Date('2026-01-01T00:00:00Z') });
 * ```
 */
export interface SessionTimeOptions {
  readonly now?: Date | number | undefined;
}

/**
 * A Fetch handler that gets the request's session.
 *
 * @example
 * ```ts
 * const handler: SessionHandler = (request, session) => new Response(String(session.get('user_id')));
 * ```
 */
export type SessionHandler = (request: Request, session: Session) => Response | Promise<Response>;

/**
 * Options of {@link Sessions.wrap}.
 *
 * @example
 * ```ts
 * const options: WrapOptions = { onError: () => new Response('Try again', { status: 503 }) };
 * ```
 */
export interface WrapOptions {
  /**
   * Answers the request when the store fails (Redis down, SQLite locked) while loading or saving
   * the session. Without it, the `SessionStoreError` is thrown to the server.
   */
  readonly onError?:
    | ((error: SessionStoreError, request: Request) => Response | Promise<Response>)
    | undefined;
}

/** Flask-Session signs the id the same way (`Signer(secret, salt="flask-session", key_derivation="hmac")`). */
const ID_SALT = 'flask-session';

/** What commit does to the cookie. */
/**
 * What {@link Sessions.commitLines} returns: the `Set-Cookie` lines to add to the response, and
 * whether to add `Cookie` to its `Vary` header.
 *
 * @example
 * ```ts
 * const result: SessionCommitLines = await sessions.commitLines(session);
 * result.setCookie; // ['session=eyJ…; HttpOnly; Path=/'] when the cookie changed, else []
 * ```
 */
export interface SessionCommitLines {
  readonly setCookie: readonly string[];
  readonly vary: boolean;
}

type CookieAction =
  | { readonly kind: 'none' }
  | { readonly kind: 'delete' }
  | { readonly kind: 'set'; readonly value: string; readonly expires: Date | undefined };

const NO_ACTION: CookieAction = Object.freeze({ kind: 'none' });
const DELETE_ACTION: CookieAction = Object.freeze({ kind: 'delete' });

/** What a save did: the cookie to write, the id and data the session now has. */
interface Saved {
  readonly action: CookieAction;
  readonly id: string | undefined;
  readonly data: SessionData;
  /** The record this request's changes landed in, when no cookie names it (a retired id's). */
  readonly landed?: string | undefined;
  /** The new id the session's own (retired) id still forwards to; its commits write there. */
  readonly forward?: string | undefined;
}

/** A save that leaves no session: the cookie is deleted. */
function deletedSave(): Saved {
  return { action: DELETE_ACTION, id: undefined, data: emptyData() };
}

/** The adapters' way in to `Sessions`' promise-free paths (set by the class's static block). */
let loadNowOf!: (
  sessions: Sessions,
  cookieHeader: string | undefined,
  cookies: Cookies | undefined,
) => Session | Promise<Session>;
let commitLinesNowOf!: (
  sessions: Sessions,
  session: Session,
) => SessionCommitLines | Promise<SessionCommitLines>;
/** No options: one object for every call of the hot path. */
const NOW: SessionTimeOptions = Object.freeze({});

/**
 * `sessions.load(cookieHeader)` for the Node adapters, answering without a promise where the cookie
 * store decodes synchronously (node:crypto): each promise is a turn of the event loop in a server.
 * With `cookies`, the adapter's own parse of the header: a header that carries no session cookie
 * (nor its first chunk) loads a new session without being read again, and with `parsedAsSessions`
 * (the adapter parsed with the default options) the session cookie's value is taken from it, with
 * no second scan. Throws where `load` rejects. Not exported from the package.
 *
 * @example
 * ```ts
 * const loaded = loadSessionNow(sessions, req.headers.cookie, req.cookies, true);
 * const session = loaded instanceof Promise ? await loaded : loaded;
 * ```
 */
export function loadSessionNow(
  sessions: Sessions,
  cookieHeader: string | undefined,
  cookies?: Cookies,
  parsedAsSessions = false,
): Session | Promise<Session> {
  if (cookies === undefined) return loadNowOf(sessions, cookieHeader, undefined);
  // The session may be one cookie or chunks (`session.0`, `session.1`, …).
  const name = sessions.cookieName;
  const carried = cookies[name] !== undefined || cookies[`${name}.0`] !== undefined;
  return loadNowOf(
    sessions,
    carried ? cookieHeader : undefined,
    parsedAsSessions ? cookies : undefined,
  );
}

/**
 * `sessions.commitLines(session)` for the Node adapters, answering without a promise where the
 * cookie store encodes synchronously. Throws where `commitLines` rejects. Not exported from the
 * package.
 *
 * @example
 * ```ts
 * const lines = commitSessionLinesNow(sessions, session);
 * const { setCookie, vary } = lines instanceof Promise ? await lines : lines;
 * ```
 */
export function commitSessionLinesNow(
  sessions: Sessions,
  session: Session,
): SessionCommitLines | Promise<SessionCommitLines> {
  return commitLinesNowOf(sessions, session);
}

/**
 * Flask's sessions for any Fetch server: `load` the request's session, let the handler use it, and
 * `commit` what changed to the response. The store decides where the data lives: in the cookie
 * (default, Flask-compatible), in memory, in SQLite, or in Redis; the behaviour is the same.
 *
 * Flask's rules, exactly:
 * - the cookie is written only when the session changed, or when it is permanent and `rolling`;
 * - an emptied session's cookie is deleted; an empty session is never stored;
 * - a session that was read adds `Vary: Cookie`;
 * - a permanent session's cookie gets `Expires` (now + `lifetime`, no `Max-Age`); others end with the
 *   browser session;
 * - when the cookie is sent twice, the first one counts; a forged, expired or unreadable cookie
 *   gives a new empty session, never an error.
 *
 * With a server-side store, the cookie holds only the session id (256 random bits, signed with the
 * secret), and concurrent requests of one session that change different keys both keep their change:
 * each request's changes are applied key by key to the stored version at commit, atomically.
 *
 * @example
 * ```ts
 * import { Sessions } from 'shortbread/session';
 * import { serve } from 'shortbread/node';
 *
 * const sessions = new Sessions({ secret: process.env.SECRET_KEY! });
 * await serve(
 *   sessions.wrap((request, session) => {
 *     const count = Number(session.get('count') ?? 0) + 1;
 *     session.set('count', count);
 *     return new Response(`You have been here ${count} times`);
 *   }),
 * );
 * ```
 */
export class Sessions {
  static {
    loadNowOf = (sessions, cookieHeader, cookies) => sessions.#loadNow(cookieHeader, NOW, cookies);
    commitLinesNowOf = (sessions, session) => sessions.#commitLinesNow(session, NOW);
  }

  /** The store the data lives in. */
  readonly store: SessionStore | CookieSessionStore;
  /** The session cookie's name. */
  readonly cookieName: string;
  /** Seconds a session lives after its last write. */
  readonly lifetime: number;
  /** Whether permanent sessions are written on every request. */
  readonly rolling: boolean;

  readonly #cookie: Required<
    Omit<SessionCookieOptions, 'name' | 'domain' | 'sameSite' | 'chunked'>
  > &
    Pick<SessionCookieOptions, 'domain' | 'sameSite'>;
  /** The options of the session cookie's Set-Cookie line, but for a permanent one's `Expires`. */
  readonly #setOptions: Readonly<StringifySetCookieOptions>;
  readonly #chunked: boolean;
  /** The Cookie header each loaded session came with: commit deletes the chunks it no longer needs. */
  readonly #loadedFrom = new WeakMap<Session, string>();
  readonly #codec: CookieSessionCodec | undefined;
  readonly #server: SessionStore | undefined;
  readonly #ids: SessionIdCookie;
  readonly #policy: ExpiryPolicy;
  /** The bookkeeping (creation, last write) of each loaded session that has some. */
  readonly #metaOf = new WeakMap<Session, SessionMeta>();
  /**
   * Sessions loaded through a forward (their id was retired by `regenerate({ grace })`): the new id
   * their writes go to. The session itself keeps the id its request came with.
   */
  readonly #forwards = new WeakMap<Session, string>();
  /** Sessions `bind` tied to a user, written to the user's index at their commit. */
  readonly #bindings = new WeakMap<
    Session,
    { user: string; handle: string; metadata: SessionValue }
  >();

  /**
   * @example
   * ```ts
   * import { Sessions } from 'shortbread/session';
   * import { SqliteSessionStore } from 'shortbread/session/sqlite';
   * const sessions = new Sessions({
   *   secret: process.env.SECRET_KEY!,
   *   store: new SqliteSessionStore({ filename: 'sessions.db' }),
   *   cookie: { secure: true, sameSite: 'lax' },
   * });
   * ```
   */
  constructor(options: SessionsOptions) {
    const { secret } = options;
    if (
      !(typeof secret === 'string' || secret instanceof Uint8Array) ||
      (typeof secret === 'string' ? secret.length === 0 : secret.length === 0)
    ) {
      throw new TypeError(
        `session secret is invalid: ${JSON.stringify(typeof secret === 'string' ? secret : typeof secret)} (a non-empty string or Uint8Array; generate one with crypto.getRandomValues(new Uint8Array(32)))`,
      );
    }
    const fallbacks = options.fallbacks ?? [];
    // Refuse an empty or blank key before anything is built with it (issue 20 row 1).
    normalizeKeys([...fallbacks, secret], 'session key ([...fallbacks, secret])');
    const lifetime = options.lifetime ?? FLASK_SESSION_MAX_AGE;
    if (typeof lifetime !== 'number' || !Number.isFinite(lifetime) || lifetime <= 0) {
      throw new TypeError(
        `session lifetime is invalid: ${JSON.stringify(lifetime)} (seconds above 0; e.g. 2678400 for 31 days)`,
      );
    }
    this.lifetime = lifetime;
    this.rolling = options.rolling ?? true;
    this.#policy = {
      idleTimeout: checkSeconds('idleTimeout', options.idleTimeout),
      absoluteLifetime: checkSeconds('absoluteLifetime', options.absoluteLifetime),
      touchAfter: checkSeconds('touchAfter', options.touchAfter),
    };
    const cookie = options.cookie ?? {};
    this.cookieName = cookie.name ?? 'session';
    const partitioned = cookie.partitioned ?? false;
    this.#cookie = {
      path: cookie.path ?? '/',
      domain: cookie.domain,
      // Flask 3.1: SESSION_COOKIE_PARTITIONED sets Secure too (browsers require it).
      secure: (cookie.secure ?? false) || partitioned,
      httpOnly: cookie.httpOnly ?? true,
      sameSite: cookie.sameSite,
      partitioned,
    };
    this.#chunked = cookie.chunked ?? false;
    // Every option written: the session cookie's line is built from these alone, with no merge.
    this.#setOptions = Object.freeze({
      ...this.#cookie,
      encoding: 'uri',
      maxAge: undefined,
      expires: undefined,
      syncExpires: false,
    });
    // Refuse a name or attributes no browser would keep now, not at the first response.
    stringifySetCookie(this.cookieName, 'x', this.#setOptions);
    this.store = options.store ?? new CookieSessionStore();
    if (this.store instanceof CookieSessionStore) {
      this.#codec = this.store.codec({
        secret,
        fallbacks,
        maxAge: Math.floor(lifetime),
        cookieName: this.cookieName,
        chunked: this.#chunked,
      });
      this.#server = undefined;
    } else {
      this.#codec = undefined;
      this.#server = this.store;
    }
    // itsdangerous key lists run oldest to newest: the last signs.
    this.#ids =
      options.idCookie ??
      flaskSessionIdCookie(
        new Signer([...fallbacks, secret], { salt: ID_SALT, keyDerivation: 'hmac' }),
      );
  }

  /**
   * The session a request carries (Flask's `open_session`). Never rejects for what the client sent:
   * no cookie, a forged, expired or unknown one all give a new empty session. Rejects with
   * `SessionStoreError` when a server-side store fails. `request` is a `Request`, its `Headers`, or
   * the `Cookie` header's text as a Node server holds it (`req.headers.cookie`, maybe undefined).
   *
   * @example
   * ```ts
   * const session = await sessions.load(request);
   * session.get('user_id');
   * const same = await sessions.load(request.headers.get('cookie') ?? undefined);
   * ```
   */
  async load(
    request: Request | Headers | string | undefined,
    options: SessionTimeOptions = {},
  ): Promise<Session> {
    return this.#loadNow(request, options);
  }

  /**
   * `load`, without a promise where the cookie store decodes synchronously (node:crypto): the
   * adapters' hot path. Throws where `load` rejects.
   */
  #loadNow(
    request: Request | Headers | string | undefined,
    options: SessionTimeOptions,
    cookies?: Cookies,
  ): Session | Promise<Session> {
    // Flask: request.cookies.get(name); the first of several cookies of that name wins.
    if (this.#chunked && this.#codec !== undefined) {
      const header = cookieHeaderOf(request);
      const loaded = this.#loadCookie(readChunkedCookie(header, this.cookieName), options);
      const remember = (session: Session): Session => {
        this.#loadedFrom.set(session, header);
        return session;
      };
      return loaded instanceof Promise ? loaded.then(remember) : remember(loaded);
    }
    const raw =
      cookies === undefined
        ? new RequestCookies(request).get(this.cookieName)
        : cookies[this.cookieName];
    if (this.#codec !== undefined) return this.#loadCookie(raw, options);
    return this.#loadServer(raw, options);
  }

  /** `load` for a server-side store: the cookie holds the signed id, the store the data. */
  async #loadServer(raw: string | undefined, options: SessionTimeOptions): Promise<Session> {
    if (raw === undefined || raw === '') return new Session();
    const now = toDate(options.now);
    const store = this.#server as SessionStore;
    const unsigned = await this.#ids.unsign(raw);
    if (unsigned === undefined) return new Session();
    const { id, rotated } = unsigned;
    let data = await guard(store, 'get', () => store.get(id, { now: now.getTime() }));
    let to: string | undefined;
    if (data === undefined || FORWARD_KEY in data) {
      const followed = await this.#follow(store, id, data, now.getTime());
      if (followed === undefined) return new Session();
      ({ data, to } = followed);
    }
    const session = this.#opened(
      data,
      now,
      (visible) => new Session({ data: visible, id, isNew: false, rotated }),
    );
    if (to !== undefined) this.#forwards.set(session, to);
    // A session bound to a user opens only while the user's index lists it (not revoked).
    const meta = this.#metaOf.get(session);
    if (meta?.user !== undefined && meta.handle !== undefined) {
      const user = meta.user;
      const index = await guard(store, 'get', () =>
        store.get(indexId(user), { now: now.getTime() }),
      );
      if (!isListed(index, meta.handle)) return new Session();
    }
    return session;
  }

  /**
   * The data an id opens when its record is gone or carries a forward (`regenerate({ grace })`
   * moved the session): the new session's, with its id, while the grace lasts. One hop only: a
   * target that is itself gone opens nothing, so there are no chains and no loops.
   */
  async #follow(
    store: SessionStore,
    id: string,
    data: SessionData | undefined,
    now: number,
  ): Promise<{ data: SessionData; to?: string | undefined } | undefined> {
    const forward =
      data === undefined
        ? readForward(await guard(store, 'get', () => store.get(forwardId(id), { now })))
        : readForward(data);
    // No forward (a value of the app's own under the reserved key is left as it is).
    if (forward === undefined) return data === undefined ? undefined : { data };
    if (forward.until <= now) return undefined;
    const target = await guard(store, 'get', () => store.get(forward.to, { now }));
    if (target !== undefined) {
      // A target being moved on by a grace regenerate of its own still holds its data.
      const onward = readForward(target);
      if (onward !== undefined && onward.until <= now) return undefined;
      return { data: withoutForward(target), to: forward.to };
    }
    // The regenerate is still committing: the old record holds the data until the new one exists.
    return data === undefined ? undefined : { data: withoutForward(data) };
  }

  /** A loaded session without its bookkeeping, or a new one when empty or past an expiry rule. */
  #opened(data: SessionData, now: Date, make: (visible: SessionData) => Session): Session {
    const opened = openMeta(data, this.#policy, now.getTime());
    if (opened.expired || isEmpty(opened.data)) return new Session();
    const session = make(opened.data);
    if (opened.meta !== undefined) this.#metaOf.set(session, opened.meta);
    return session;
  }

  #loadCookie(raw: string | undefined, options: SessionTimeOptions): Session | Promise<Session> {
    const now = toDate(options.now);
    if (raw === undefined || raw === '' || this.#codec === undefined)
      return this.#openCookie(undefined, now);
    const read = this.#codec.decode(raw, now);
    return read instanceof Promise
      ? read.then((r) => this.#openCookie(r, now))
      : this.#openCookie(read, now);
  }

  #openCookie(read: CookieRead | undefined, now: Date): Session {
    const session =
      read === undefined
        ? new Session()
        : this.#opened(
            read.data,
            now,
            (visible) => new Session({ data: visible, isNew: false, rotated: read.rotated }),
          );
    // A cookie session has no id to forward: regenerate({ grace }) on it throws at the call.
    refuseGrace(session, 'cookie');
    return session;
  }

  /**
   * Saves what the handler changed and writes the cookie on `response` (Flask's `save_session`);
   * returns the response. A response with immutable headers (`Response.redirect`, one from
   * `fetch`) is copied, so always use the returned one. Rejects with `SessionStoreError` when
   * the store fails (nothing is half written), and with `TypeError`, before anything is stored, for
   * a `response` that is not a `Response` or that has immutable headers and a body already read;
   * and for a value a session cannot hold.
   *
   * @example
   * ```ts
   * const session = await sessions.load(request);
   * session.set('user_id', 42);
   * return sessions.commit(session, new Response('Logged in'));
   * ```
   */
  async commit(
    session: Session,
    response: Response,
    options: SessionTimeOptions = {},
  ): Promise<Response> {
    const mutable = checkResponse(response);
    const now = toDate(options.now);
    const action = await this.#saveNow(session, now);
    if (action === undefined) return response;
    // Immutable headers (Response.redirect, fetch): write on a copy, which takes over the body.
    const target = mutable ? response : new Response(response.body, response);
    addVaryCookie(target.headers);
    this.#write(target.headers, action, now, session);
    return target;
  }

  /**
   * `commit` for a server that holds its own response (the Express and Fastify adapters): saves
   * what the handler changed and adds the `Set-Cookie` and `Vary` lines to `headers`, with no
   * `Response` to build and check per request. Rejects as `commit` does for the store.
   *
   * @example
   * ```ts
   * const headers = new Headers();
   * await sessions.commitHeaders(session, headers);
   * headers.getSetCookie(); // the session cookie line, when it changed
   * ```
   */
  async commitHeaders(
    session: Session,
    headers: Headers,
    options: SessionTimeOptions = {},
  ): Promise<void> {
    const now = toDate(options.now);
    const action = await this.#saveNow(session, now);
    if (action === undefined) return;
    addVaryCookie(headers);
    this.#write(headers, action, now, session);
  }

  /**
   * `commit` for a server that writes its own headers, with no `Headers` object to build: saves
   * what the handler changed and returns the `Set-Cookie` lines to add and whether `Vary: Cookie`
   * is due (the session was read, or its cookie is set or deleted). The Express and Fastify
   * adapters use it. Rejects as `commit` does for the store.
   *
   * @example
   * ```ts
   * const { setCookie, vary } = await sessions.commitLines(session);
   * for (const line of setCookie) res.appendHeader('set-cookie', line);
   * if (vary) res.appendHeader('vary', 'Cookie');
   * ```
   */
  async commitLines(
    session: Session,
    options: SessionTimeOptions = {},
  ): Promise<SessionCommitLines> {
    return this.#commitLinesNow(session, options);
  }

  /**
   * `commitLines`, without a promise where the cookie store encodes synchronously (node:crypto):
   * the adapters' hot path. Throws where `commitLines` rejects.
   */
  #commitLinesNow(
    session: Session,
    options: SessionTimeOptions,
  ): SessionCommitLines | Promise<SessionCommitLines> {
    const now = toDate(options.now);
    const action = this.#saveNow(session, now);
    return action instanceof Promise
      ? action.then((done) => this.#lines(done, now, session))
      : this.#lines(action, now, session);
  }

  #lines(action: CookieAction | undefined, now: Date, session: Session): SessionCommitLines {
    if (action === undefined) return { setCookie: [], vary: false };
    const lines: string[] = [];
    this.#write(lines, action, now, session);
    return { setCookie: lines, vary: true };
  }

  /**
   * Saves the session; the cookie action to write, or `undefined` when no header is due. The cookie
   * store answers without a promise where its codec does.
   */
  #saveNow(
    session: Session,
    now: Date,
  ): CookieAction | undefined | Promise<CookieAction | undefined> {
    const codec = this.#codec;
    if (codec === undefined) return this.#save(session, now);
    const loaded = sessionState(session);
    if (loaded.grace > 0) {
      // A session the cookie store did not load (made with new Session()): refused here instead.
      throw new SessionStoreError(
        'ERR_SESSION_STORE_UNSUPPORTED',
        'cookie',
        'regenerate',
        'session store cannot keep a grace period: the cookie store has no id to forward (the whole session is in the cookie); call regenerate() without grace, or use a server-side store (memory, SQLite, Redis or PostgreSQL)',
      );
    }
    // The cookie store has no user index (bind() refuses it), so nothing is forced or listed.
    const plan = planMeta(loaded, this.#metaOf.get(session), this.#policy, now.getTime());
    // The cookie holds the handler's data as it is (bookkeeping aside): the session keeps its own.
    if (plan.kind !== 'write') return this.#settled(loaded, loaded.id, undefined, NO_ACTION);
    const { state, meta } = plan;
    const saved = this.#saveCookie(codec, state, now);
    const settle = ({ action }: Saved): CookieAction | undefined => {
      if (meta === undefined) this.#metaOf.delete(session);
      else this.#metaOf.set(session, meta);
      return this.#settled(loaded, undefined, undefined, action);
    };
    return saved instanceof Promise ? saved.then(settle) : settle(saved);
  }

  /** Marks the session committed; the cookie action, or `undefined` when no header is due. */
  #settled(
    loaded: ReturnType<typeof sessionState>,
    id: string | undefined,
    data: SessionData | undefined,
    action: CookieAction,
  ): CookieAction | undefined {
    loaded.committed(id, data);
    // Flask adds Vary: Cookie when the session was read, and whenever it sets or deletes the cookie.
    return loaded.accessed || action.kind !== 'none' ? action : undefined;
  }

  /** `#saveNow` for a server-side store: the record, the user index, the id cookie. */
  async #save(session: Session, now: Date): Promise<CookieAction | undefined> {
    const loaded = sessionState(session);
    const binding = this.#bindings.get(session);
    let known = this.#metaOf.get(session);
    if (binding !== undefined) {
      const t = now.getTime();
      known = {
        created: known?.created ?? t,
        written: known?.written ?? t,
        user: binding.user,
        handle: binding.handle,
      };
    }
    const plan = planMeta(loaded, known, this.#policy, now.getTime(), binding !== undefined);
    if (plan.kind !== 'write') return this.#settled(loaded, loaded.id, undefined, NO_ACTION);
    const { state, meta } = plan;
    const saved = await this.#saveServer(
      state,
      now,
      this.#ttl(meta, now),
      this.#forwards.get(session),
    );
    if (saved.forward === undefined) this.#forwards.delete(session);
    else this.#forwards.set(session, saved.forward);
    const { action, id } = saved;
    if (meta === undefined) this.#metaOf.delete(session);
    else this.#metaOf.set(session, meta);
    // The index names the record the session lives in: the one its cookie names, or for a
    // request with a retired id that binds, the new one its writes went to.
    const listed = action.kind === 'set' ? id : binding !== undefined ? saved.landed : undefined;
    if (listed !== undefined && meta?.user !== undefined) {
      await this.#listSession(listed, meta, binding?.metadata, now);
    }
    this.#bindings.delete(session);
    return this.#settled(loaded, id, visibleData(saved.data), action);
  }

  /**
   * A Fetch handler that loads the session, calls `handler` with it, and commits it: the one-line
   * way to use sessions with `serve` or any Fetch server.
   *
   * @example
   * ```ts
   * const app = sessions.wrap(async (request, session) => {
   *   if (new URL(request.url).pathname === '/logout') {
   *     session.destroy();
   *     return Response.redirect(new URL('/', request.url), 303);
   *   }
   *   return new Response(`Hello ${session.get('name') ?? 'stranger'}`);
   * }, { onError: () => new Response('Sessions are unavailable, try again', { status: 503 }) });
   * ```
   */
  wrap(
    handler: SessionHandler,
    options: WrapOptions = {},
  ): (request: Request) => Promise<Response> {
    const { onError } = options;
    return async (request) => {
      let session: Session;
      try {
        session = await this.load(request);
      } catch (error) {
        if (onError !== undefined && isSessionStoreError(error)) return onError(error, request);
        throw error;
      }
      const response = await handler(request, session);
      try {
        return await this.commit(session, response);
      } catch (error) {
        if (onError !== undefined && isSessionStoreError(error)) return onError(error, request);
        throw error;
      }
    };
  }

  /**
   * Ties the session to a user, with metadata the app wants to show later (user agent, IP, a
   * device name): from its commit on, `list(userId)` shows it and `revoke` / `revokeAll` end it.
   * Call it at login, after `regenerate()`. Binding again to the same user keeps the handle and
   * replaces the metadata. A bound session costs one more store read per request (its user's
   * index, to see whether it was revoked) and one more write per session write. Throws
   * `SessionStoreError` (`ERR_SESSION_STORE_UNSUPPORTED`) on the cookie store: a cookie that holds
   * the whole session cannot be revoked.
   *
   * @example
   * ```ts
   * session.regenerate();
   * session.set('user_id', 42);
   * sessions.bind(session, '42', { agent: request.headers.get('user-agent') });
   * ```
   */
  bind(session: Session, userId: string, metadata: SessionValue = null): void {
    this.#indexStore('bind');
    checkUser(userId);
    const known = this.#metaOf.get(session);
    const handle =
      known?.user === userId && known.handle !== undefined ? known.handle : newHandle();
    this.#bindings.set(session, { user: userId, handle, metadata });
  }

  /**
   * The handle of a bound session in its user's index (what `list` calls `id`), or undefined.
   *
   * @example
   * ```ts
   * const mine = sessions.handleOf(session);
   * ```
   */
  handleOf(session: Session): string | undefined {
    return this.#bindings.get(session)?.handle ?? this.#metaOf.get(session)?.handle;
  }

  /**
   * The user's live sessions, most recently seen first. Entries whose session ended (logout,
   * expiry) are dropped from the index on the way.
   *
   * @example
   * ```ts
   * for (const s of await sessions.list('42')) console.log(s.id, s.lastSeenAt, s.metadata);
   * ```
   */
  async list(userId: string, options: SessionTimeOptions = {}): Promise<UserSession[]> {
    const store = this.#indexStore('list');
    checkUser(userId);
    const now = toDate(options.now).getTime();
    const key = indexId(userId);
    const index = await guard(store, 'get', () => store.get(key, { now }));
    const live: UserSession[] = [];
    const gone: string[] = [];
    for (const [handle, entry] of entries(index)) {
      const data = await guard(store, 'get', () => store.get(entry.sessionId, { now }));
      if (data === undefined || openMeta(data, this.#policy, now).expired) {
        gone.push(handle);
        continue;
      }
      live.push({
        id: handle,
        createdAt: new Date(entry.created),
        lastSeenAt: new Date(entry.seen),
        metadata: entry.metadata,
      });
    }
    if (gone.length > 0) await this.#revokeHandles(store, key, index, gone, now);
    return live.sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
  }

  /**
   * Ends one of the user's sessions by its handle (from `list`): its cookie opens nothing from the
   * next request on. Resolves false when the user has no such session.
   *
   * @example
   * ```ts
   * await sessions.revoke('42', handle); // true
   * ```
   */
  async revoke(userId: string, handle: string, options: SessionTimeOptions = {}): Promise<boolean> {
    return (await this.#revoke('revoke', userId, (h) => h === handle, options)) > 0;
  }

  /**
   * Ends every session of the user ("log out everywhere"), except the one named by `except` (a
   * handle, or the current `Session`); resolves with how many ended. Requests in flight cannot
   * bring any back: each handle gets a tombstone that a late write does not remove.
   *
   * @example
   * ```ts
   * await sessions.revokeAll('42', { except: session }); // 3
   * ```
   */
  async revokeAll(
    userId: string,
    options: SessionTimeOptions & { readonly except?: string | Session | undefined } = {},
  ): Promise<number> {
    const keep = options.except instanceof Session ? this.handleOf(options.except) : options.except;
    return this.#revoke('revokeAll', userId, (h) => h !== keep, options);
  }

  async #revoke(
    name: string,
    userId: string,
    chosen: (handle: string) => boolean,
    options: SessionTimeOptions,
  ): Promise<number> {
    const store = this.#indexStore('revoke', name);
    checkUser(userId);
    const now = toDate(options.now).getTime();
    const key = indexId(userId);
    const index = await guard(store, 'get', () => store.get(key, { now }));
    const ending = [...entries(index)].filter(([handle]) => chosen(handle));
    if (ending.length === 0) return 0;
    // The tombstones first: from here on no request opens these sessions, even before their
    // records are gone.
    const handles = ending.map(([handle]) => handle);
    await this.#revokeHandles(store, key, index, handles, now);
    for (const [, entry] of ending) {
      await guard(store, 'destroy', () => store.destroy(entry.sessionId, { now }));
    }
    return ending.length;
  }

  async #revokeHandles(
    store: SessionStore,
    key: string,
    index: SessionData | undefined,
    handles: readonly string[],
    now: number,
  ): Promise<void> {
    const changes = revocation(index, handles, now, this.lifetime * 1000);
    const write = { ttl: this.lifetime, now, upsert: true };
    const result = await guard(store, 'update', () => store.update(key, changes, write));
    if (result === undefined) throw this.#noUpsert(store, 'revoke');
  }

  /** Writes the session's entry (id, times, metadata) into its user's index. */
  async #listSession(
    id: string,
    meta: SessionMeta,
    metadata: SessionValue | undefined,
    now: Date,
  ): Promise<void> {
    const store = this.#server as SessionStore;
    const user = meta.user as string;
    const handle = meta.handle as string;
    const key = indexId(user);
    const t = now.getTime();
    // Metadata is given at bind; later writes keep what the index holds.
    const previous =
      metadata === undefined
        ? entries(await guard(store, 'get', () => store.get(key, { now: t }))).get(handle)
        : undefined;
    const value = entryValue({
      sessionId: id,
      created: meta.created,
      seen: t,
      metadata: metadata ?? previous?.metadata ?? null,
    });
    const changes = {
      clear: false,
      set: new Map<string, SessionValue>([[entryKey(handle), value]]),
      delete: new Set<string>(),
    };
    const write = { ttl: this.lifetime, now: t, upsert: true };
    const result = await guard(store, 'update', () => store.update(key, changes, write));
    if (result === undefined) throw this.#noUpsert(store, 'bind');
  }

  /** The server-side store, or the error that says a per-user index needs one. */
  #indexStore(operation: 'bind' | 'list' | 'revoke', name: string = operation): SessionStore {
    if (this.#server !== undefined) return this.#server;
    throw new SessionStoreError(
      'ERR_SESSION_STORE_UNSUPPORTED',
      'cookie',
      operation,
      `session store cannot ${name}: the cookie store keeps each session in its cookie, so there is no list of a user's sessions and a copied cookie cannot be revoked (use a server-side store: memory, SQLite, Redis or PostgreSQL)`,
    );
  }

  #noUpsert(store: SessionStore, operation: 'bind' | 'revoke'): SessionStoreError {
    return new SessionStoreError(
      'ERR_SESSION_STORE_UNSUPPORTED',
      store.kind,
      operation,
      `session store cannot keep a per-user index: ${store.kind} update ignored { upsert: true } (implement it: apply the changes to an empty record when none is live)`,
    );
  }

  /** Flask's save_session for the cookie store: the cookie is the whole session. */
  #saveCookie(
    codec: CookieSessionCodec,
    state: ReturnType<typeof sessionState>,
    now: Date,
  ): Saved | Promise<Saved> {
    const data = state.data;
    if (isEmpty(data)) {
      // Flask: an emptied session deletes the cookie; an untouched empty one sends nothing.
      return { action: state.modified ? DELETE_ACTION : NO_ACTION, id: undefined, data };
    }
    if (!(state.modified || (state.permanent && this.rolling) || state.rotated)) {
      return { action: NO_ACTION, id: undefined, data };
    }
    const expires = this.#expires(data, now);
    const value = codec.encode(data, now);
    const saved = (text: string): Saved => ({
      action: { kind: 'set', value: text, expires },
      id: undefined,
      data,
    });
    return value instanceof Promise ? value.then(saved) : saved(value);
  }

  /** The server-side version: the store holds the data, the cookie holds the signed id. */
  async #saveServer(
    state: ReturnType<typeof sessionState>,
    now: Date,
    ttl: number,
    forward: string | undefined,
  ): Promise<Saved> {
    const store = this.#server as SessionStore;
    const write = { ttl, now: now.getTime() };
    const deleted = deletedSave();
    // Its request came with an id that regenerate({ grace }) retired: it writes to the new one.
    if (forward !== undefined) {
      return this.#saveRetired(state, (state.previousId ?? state.id) as string, forward, now, ttl);
    }
    if (state.renewed) return this.#saveRenewed(state, now, ttl);
    if (state.modified) {
      const { id } = state;
      if (id === undefined) {
        // A new session: nothing stored yet, so its data is exactly what this request set.
        return isEmpty(state.data) ? deleted : this.#create(state.data, now, ttl);
      }
      let merged = await guard(store, 'update', () => store.update(id, state.changes, write));
      // Only a record that is gone or carries a forward mark can have been retired.
      if (merged === undefined || FORWARD_KEY in merged) {
        const to = await this.#retiredTo(store, id, merged, write.now);
        if (to !== undefined) return this.#saveRetired(state, id, to, now, ttl);
      }
      if (merged === undefined) {
        // The record vanished since load (a concurrent logout, or it expired): never bring the old
        // id back, nor what markModified() wrote back of it. What this request set starts a new
        // session.
        const fresh = ownChanges(state);
        return isEmpty(fresh) ? deleted : this.#create(fresh, now, ttl);
      }
      merged = withoutForward(merged);
      if (isEmpty(merged)) return deleted;
      // The browser holds this id's cookie already, signed with the newest key: without an Expires
      // to move forward, the same line again would change nothing (express-session sends none).
      if (!state.rotated && merged[PERMANENT_KEY] !== true) {
        // No cookie, but a bind() in this request still lists the session under its id.
        return { action: { kind: 'none' }, id, data: merged, landed: id };
      }
      return { action: await this.#setId(id, merged, now), id, data: merged };
    }
    const { id, data } = state;
    if (id === undefined || isEmpty(data)) return { action: { kind: 'none' }, id, data };
    if (state.permanent && this.rolling) {
      // Flask's refresh of a permanent session; a record gone meanwhile is not brought back.
      const alive = await guard(store, 'touch', () => store.touch(id, write));
      if (!alive) {
        // Gone because a regenerate({ grace }) moved it: the browser holds the new cookie already.
        const to = await this.#retiredTo(store, id, undefined, write.now);
        return to === undefined ? deleted : { action: NO_ACTION, id, data, forward: to };
      }
      return { action: await this.#setId(id, data, now), id, data };
    }
    if (state.rotated) return { action: await this.#setId(id, data, now), id, data };
    return { action: { kind: 'none' }, id, data };
  }

  /** A new record holding `data`, under a new id, and the cookie that carries it. */
  async #create(data: SessionData, now: Date, ttl: number): Promise<Saved> {
    const store = this.#server as SessionStore;
    const id = this.#ids.newId();
    await guard(store, 'set', () => store.set(id, data, { ttl, now: now.getTime() }));
    return { action: await this.#setId(id, data, now), id, data };
  }

  /** regenerate() / destroy(): the old id goes, the data (if any) moves to a new id. */
  async #saveRenewed(
    state: ReturnType<typeof sessionState>,
    now: Date,
    ttl: number,
  ): Promise<Saved> {
    const store = this.#server as SessionStore;
    const t = now.getTime();
    const write = { ttl, now: t };
    const deleted = deletedSave();
    const previous = state.previousId;
    if (previous === undefined) {
      return isEmpty(state.data) ? deleted : this.#create(state.data, now, ttl);
    }
    if (isEmpty(state.data)) {
      await guard(store, 'destroy', () => store.destroy(previous));
      // An id retired by a grace regenerate since load: ending it ends the session it leads to.
      const to = await this.#retiredTo(store, previous, undefined, t);
      if (to !== undefined) await this.#endForward(store, previous, to);
      return deleted;
    }
    // With grace the data moves under an id chosen now, and the old record is marked with it in the
    // same atomic update, so a request with the old id that writes from here on learns where to.
    const forward: Forward | undefined =
      state.grace > 0 ? { to: this.#ids.newId(), until: t + state.grace * 1000 } : undefined;
    const changes = forward === undefined ? state.changes : withForward(state.changes, forward);
    // What moves is the record as stored now, with this request's changes; a record gone since
    // load (a concurrent logout) moves nothing but the keys this request set.
    const current = await guard(store, 'update', () => store.update(previous, changes, write));
    // (The mark in `current` is this request's own when it has a grace.)
    const to =
      forward === undefined || current === undefined
        ? await this.#retiredTo(store, previous, current, t)
        : undefined;
    if (to !== undefined) return this.#saveRetired(state, previous, to, now, ttl);
    if (forward !== undefined && current !== undefined) {
      return this.#moveWithGrace(previous, forward, current, now, ttl, state.grace);
    }
    await guard(store, 'destroy', () => store.destroy(previous));
    const moved = current === undefined ? ownChanges(state) : withoutForward(current);
    return isEmpty(moved) ? deleted : this.#create(moved, now, ttl);
  }

  /**
   * The rest of a `regenerate({ grace })` once the old record is marked: the new record, then what
   * requests with the old id wrote in between, then the forward record (living `grace` seconds),
   * then the old record goes. A concurrent logout of the old id ends the new session too.
   */
  async #moveWithGrace(
    previous: string,
    forward: Forward,
    current: SessionData,
    now: Date,
    ttl: number,
    grace: number,
  ): Promise<Saved> {
    const store = this.#server as SessionStore;
    const t = now.getTime();
    const write = { ttl, now: t };
    const deleted = deletedSave();
    const { to } = forward;
    let moved = withoutForward(current);
    if (isEmpty(moved)) {
      await guard(store, 'destroy', () => store.destroy(previous));
      return deleted;
    }
    await guard(store, 'set', () => store.set(to, moved, write));
    // A request with the old id whose write landed before the new record existed could not put it
    // there: it is in the old record, so carry it over.
    const after = await guard(store, 'get', () => store.get(previous, { now: t }));
    if (after === undefined) {
      await guard(store, 'destroy', () => store.destroy(to));
      return deleted;
    }
    const late = changesBetween(current, after);
    if (!isEmptyChanges(late)) {
      moved = movedData(moved, late);
      await guard(store, 'update', () => store.update(to, late, write));
    }
    const kept = { ttl: grace, now: t };
    await guard(store, 'set', () => store.set(forwardId(previous), forwardRecord(forward), kept));
    await guard(store, 'destroy', () => store.destroy(previous));
    return { action: await this.#setId(to, moved, now), id: to, data: moved };
  }

  /**
   * The new id an old one forwards to while its grace lasts: the mark in its record (`result`, the
   * record an update returned), or, when the record is gone, its forward record.
   */
  async #retiredTo(
    store: SessionStore,
    id: string,
    result: SessionData | undefined,
    now: number,
  ): Promise<string | undefined> {
    const forward =
      result === undefined
        ? readForward(await guard(store, 'get', () => store.get(forwardId(id), { now })))
        : readForward(result);
    return forward !== undefined && forward.until > now ? forward.to : undefined;
  }

  /** Ends a retired id's session: the new record, the old one and the forward. */
  async #endForward(store: SessionStore, from: string, to: string): Promise<void> {
    await guard(store, 'destroy', () => store.destroy(to));
    await guard(store, 'destroy', () => store.destroy(from));
    await guard(store, 'destroy', () => store.destroy(forwardId(from)));
  }

  /**
   * The save of a request that came with an id a grace regenerate retired (`from`, forwarding to
   * `to`). Its changes land in the new record; its response carries no session cookie: not the new
   * id (whoever holds the old one must not learn it), and not the old id again (it would replace
   * the browser's new cookie). Only when this request ends the session (`destroy()`, `clear()`)
   * is the cookie deleted, or a brand-new session started for keys set after `destroy()`.
   * `regenerate()` here changes no id: the old one is already on its way out.
   */
  async #saveRetired(
    state: ReturnType<typeof sessionState>,
    from: string,
    to: string,
    now: Date,
    ttl: number,
  ): Promise<Saved> {
    const store = this.#server as SessionStore;
    const write = { ttl, now: now.getTime() };
    const kept = { action: { kind: 'none' } as const, id: from, data: state.data, forward: to };
    if (state.renewed && state.changes.clear) {
      await this.#endForward(store, from, to);
      if (isEmpty(state.data)) return deletedSave();
      return this.#create(state.data, now, ttl);
    }
    if (!state.modified && !state.renewed) return kept;
    const merged = await guard(store, 'update', () => store.update(to, state.changes, write));
    // The new session ended meanwhile: what this request wrote ends with it. (A new record not yet
    // written means its regenerate is still committing: it carries this write over itself.)
    if (merged === undefined) return kept;
    const data = withoutForward(merged);
    if (isEmpty(data)) return { action: { kind: 'delete' }, id: undefined, data };
    return { ...kept, data, landed: to };
  }

  async #setId(id: string, data: SessionData, now: Date): Promise<CookieAction> {
    return { kind: 'set', value: await this.#ids.sign(id), expires: this.#expires(data, now) };
  }

  /**
   * Flask: a permanent session expires `lifetime` from now; any other at the end of the browser
   * session. An idle timeout or absolute lifetime shortens a permanent cookie to match.
   */
  #expires(data: SessionData, now: Date): Date | undefined {
    if (data[PERMANENT_KEY] !== true) return undefined;
    const created = (data[META_KEY] as { c?: unknown } | undefined)?.c;
    const meta = typeof created === 'number' ? { created, written: now.getTime() } : undefined;
    return new Date(now.getTime() + this.#ttl(meta, now) * 1000);
  }

  /** Seconds a record written now lives: the lifetime, cut by the idle and absolute limits. */
  #ttl(meta: SessionMeta | undefined, now: Date): number {
    let ttl = this.lifetime;
    const { idleTimeout, absoluteLifetime } = this.#policy;
    if (idleTimeout !== undefined) ttl = Math.min(ttl, idleTimeout);
    if (absoluteLifetime !== undefined && meta !== undefined) {
      // Never 0: a store refuses a ttl of 0, and the load check ends the session anyway.
      const left = (meta.created + absoluteLifetime * 1000 - now.getTime()) / 1000;
      ttl = Math.min(ttl, Math.max(left, 1));
    }
    return ttl;
  }

  /** Writes the cookie `action` asks for as Set-Cookie lines, on `Headers` or an array of lines. */
  #write(target: Headers | string[], action: CookieAction, now: Date, session: Session): void {
    if (action.kind === 'none') return;
    if (this.#chunked && this.#codec !== undefined) {
      if (Array.isArray(target)) {
        // The chunk writer edits Headers (it replaces and deletes lines): run it on one, then copy.
        const headers = new Headers();
        this.#write(headers, action, now, session);
        target.push(...headers.getSetCookie());
        return;
      }
      const headers = target;
      const request = this.#loadedFrom.get(session);
      if (action.kind === 'delete') {
        deleteChunkedCookie(headers, this.cookieName, { ...this.#cookie, request, now });
      } else {
        writeChunkedCookie(headers, this.cookieName, action.value, {
          ...this.#cookie,
          expires: action.expires,
          syncExpires: false,
          request,
          now,
        });
      }
      return;
    }
    if (action.kind === 'delete') {
      new ResponseCookies(target, { now }).delete(this.cookieName, this.#cookie);
      return;
    }
    // Flask never sends Max-Age on the session cookie: Expires for permanent sessions, else nothing.
    const options =
      action.expires === undefined
        ? this.#setOptions
        : Object.assign({}, this.#setOptions, { expires: action.expires, now });
    if (Array.isArray(target))
      target.push(stringifySetCookie(this.cookieName, action.value, options));
    // On Headers, a line the handler wrote for the same cookie is replaced, not repeated.
    else new ResponseCookies(target).set(this.cookieName, action.value, options);
  }
}

/**
 * Refuses what commit cannot answer with, before anything is stored; returns whether the headers
 * can be written in place. The probe deletes a header the response cannot have: with a valid name,
 * the only error it can raise is the immutable guard, so nothing else is taken for it.
 */
function checkResponse(response: Response): boolean {
  if (!(response instanceof Response)) {
    const what = response === null ? 'null' : typeof response;
    throw new TypeError(
      `session commit needs a Response: got ${
        what === 'object'
          ? `an object (${Object.keys(response as object)
              .slice(0, 5)
              .join(', ')})`
          : what
      } (return new Response(body, { status, headers }) from the handler)`,
    );
  }
  // A body already read cannot be sent by any server: fail now, not after the store was written.
  if (response.bodyUsed) {
    throw new TypeError(
      `session commit needs a Response whose body was not read: status ${response.status} with bodyUsed true (commit before reading the body, or return a new Response)`,
    );
  }
  try {
    response.headers.delete('x-shortbread-immutable-probe');
    return true;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  if (response.body?.locked === true) {
    throw new TypeError(
      `session commit cannot copy the response: its headers are immutable and its body is being read (status ${response.status}; commit before reading the body, or return a new Response)`,
    );
  }
  return false;
}

/** The `Cookie` header text `load` was given: in a request, in headers, or as it is. */
function cookieHeaderOf(request: Request | Headers | string | undefined): string {
  if (request === undefined) return '';
  if (typeof request === 'string') return request;
  return (request instanceof Headers ? request : request.headers).get('cookie') ?? '';
}

function toDate(now: Date | number | undefined): Date {
  if (now === undefined) return new Date();
  // One unit everywhere: a Date or epoch milliseconds; a number in seconds is refused (row 9).
  return now instanceof Date ? now : new Date(toEpochMillis(now));
}

/**
 * The keys this request set one by one, without those `markModified` merely wrote back (the loaded
 * session, which a concurrent logout revoked).
 */
function ownChanges(state: ReturnType<typeof sessionState>): SessionData {
  const fresh = applyChanges(undefined, state.changes);
  for (const key of state.marked) delete fresh[key];
  return fresh;
}

/** The data the handler's session shows after a save: never the bookkeeping or a forward mark. */
function visibleData(data: SessionData): SessionData {
  return withoutForward(META_KEY in data ? withoutKey(data, META_KEY) : data);
}

function isEmpty(data: SessionData): boolean {
  for (const _ in data) return false;
  return true;
}

function checkUser(userId: string): void {
  if (typeof userId !== 'string' || userId === '' || hasLoneSurrogate(userId)) {
    throw new TypeError(
      `session user id is invalid: ${JSON.stringify(userId)} (a non-empty string of whole Unicode characters, e.g. String(user.id))`,
    );
  }
}

function withoutKey(data: SessionData, key: string): SessionData {
  const out = emptyData();
  for (const k of Object.keys(data)) if (k !== key) out[k] = data[k] as SessionData[string];
  return out;
}

function emptyData(): SessionData {
  return Object.create(null) as SessionData;
}

/** Adds `Cookie` to `Vary` unless it is there (or `Vary: *`). */
function addVaryCookie(headers: Headers): void {
  const current = headers.get('vary');
  if (current === null || current.trim() === '') {
    headers.set('vary', 'Cookie');
    return;
  }
  for (const token of current.split(',')) {
    const name = token.trim().toLowerCase();
    if (name === 'cookie' || name === '*') return;
  }
  headers.set('vary', `${current}, Cookie`);
}

/**
 * Runs a store call; an error that is not already a `SessionStoreError` (a third-party store's own
 * failure) becomes one, so handlers need to know one error type. `TypeError` and `RangeError` (a
 * value that cannot be stored: a bug in the caller) pass through.
 */
async function guard<T>(
  store: SessionStore,
  operation: SessionStoreOperation,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isSessionStoreError(error) || error instanceof TypeError || error instanceof RangeError)
      throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new SessionStoreError(
      'ERR_SESSION_STORE_FAILED',
      store.kind,
      operation,
      `session store failed: ${store.kind} ${operation} threw ${JSON.stringify(reason.slice(0, 200))} (see cause; the session was not changed)`,
      { cause: error },
    );
  }
}
