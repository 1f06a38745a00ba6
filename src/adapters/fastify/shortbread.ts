/**
 * @module `shortbread` for Fastify 5: a plugin that decorates `request` with `cookies`,
 * `signedCookies`, `cookieList` and `session`, and `reply` with Flask's `setCookie` / `deleteCookie`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseCookie } from '../../codec/cookie.js';
import type { Cookies, ParseCookieOptions } from '../../codec/types.js';
import { RequestCookies } from '../../server/request-cookies.js';
import {
  type DeleteCookieOptions,
  type ResponseCookieOptions,
  ResponseCookies,
  type ResponseCookiesOptions,
} from '../../server/response-cookies.js';
import { unsignCookies } from '../../server/unsign-cookies.js';
import type { Session } from '../../session/session.js';
import {
  commitSessionLinesNow,
  loadSessionNow,
  type SessionCommitLines,
  type Sessions,
} from '../../session/sessions.js';
import { Signer } from '../../signing/signer.js';
import type { SecretKeys } from '../../signing/types.js';

/**
 * `secure` as the plugin takes it: `'auto'` is `request.protocol === 'https'`, which believes
 * `X-Forwarded-Proto` only when Fastify's `trustProxy` option says so.
 *
 * @example
 * ```ts
 * const secure: FastifySecureOption = 'auto';
 * ```
 */
export type FastifySecureOption = boolean | 'auto';

/**
 * Options of `reply.setCookie`: Flask's `set_cookie` options (`maxAge` in seconds), `secure: 'auto'`.
 *
 * @example
 * ```ts
 * const options: FastifyCookieOptions = { maxAge: 3600, httpOnly: true, secure: 'auto' };
 * ```
 */
export interface FastifyCookieOptions extends Omit<ResponseCookieOptions, 'secure'> {
  secure?: FastifySecureOption | undefined;
}

/**
 * Options of `reply.deleteCookie`, with `secure: 'auto'`.
 *
 * @example
 * ```ts
 * const options: FastifyDeleteCookieOptions = { path: '/cookies' };
 * ```
 */
export interface FastifyDeleteCookieOptions extends Omit<DeleteCookieOptions, 'secure'> {
  secure?: FastifySecureOption | undefined;
}

/**
 * Options of the {@link shortbread} plugin (the same as the Express middleware's).
 *
 * @example
 * ```ts
 * const options: ShortbreadFastifyOptions = { secret: process.env.SECRET_KEY!, cookieDefaults: { secure: 'auto' } };
 * ```
 */
export interface ShortbreadFastifyOptions {
  /** Defaults of every `reply.setCookie` (Flask's: Path `/`, `Expires` next to `Max-Age`). */
  cookieDefaults?:
    | (Omit<ResponseCookiesOptions, 'secure'> & { secure?: FastifySecureOption })
    | undefined;
  /** How request cookie values are decoded. */
  parse?: ParseCookieOptions | undefined;
  /** Key(s) of the itsdangerous `Signer` behind `request.signedCookies` / `reply.setSignedCookie`. */
  secret?: SecretKeys | undefined;
  /** A `Signer` of your own; takes the place of `secret`. */
  signer?: Signer | undefined;
  /** Gives every request `request.session`, saved in `onSend`, before the headers go. */
  sessions?: Sessions | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The first value of each cookie name (null prototype). */
    cookies: { [cookieName: string]: string | undefined };
    /** Cookies whose itsdangerous signature checks out, unsigned (shortbread). */
    signedCookies: { [cookieName: string]: string | undefined };
    /** Every cookie, with `getAll` for a name sent twice (shortbread). */
    cookieList: RequestCookies;
    /** The session (shortbread, with the `sessions` option). */
    session: Session;
  }
  interface FastifyReply {
    /** Flask's `set_cookie` (shortbread): `maxAge` in seconds; same name, domain and path replaces. */
    setCookie(name: string, value?: string, options?: FastifyCookieOptions): FastifyReply;
    /** Flask's `delete_cookie` (shortbread). */
    deleteCookie(name: string, options?: FastifyDeleteCookieOptions): FastifyReply;
    /**
     * `setCookie` with the value signed by the plugin's itsdangerous `Signer` (shortbread). Resolves
     * to nothing: a reply is thenable (it resolves when sent), so resolving to it would wait forever.
     */
    setSignedCookie(name: string, value: string, options?: FastifyCookieOptions): Promise<void>;
  }
}

/**
 * The reply's Flask-style `setCookie` (shortbread): `maxAge` in seconds; appends a `Set-Cookie` line,
 * replacing one of the same name, domain and path.
 *
 * @example
 * ```ts
 * const set: ShortbreadSetCookie = (name, value, options) => reply.setCookie(name, value, options);
 * ```
 */
export type ShortbreadSetCookie = (
  name: string,
  value?: string,
  options?: FastifyCookieOptions,
) => FastifyReply;

/** Per-reply state: the array of Set-Cookie lines the reply holds, and the editor over it. */
interface Held {
  readonly lines: string[];
  readonly cookies: ResponseCookies;
}

/** The reply decorator holding {@link Held} (declared with the others, so every reply has the slot). */
const HELD = Symbol('shortbread.fastify.responseCookies');

type HoldingReply = FastifyReply & { [HELD]: Held | null };

/**
 * The Fastify 5 plugin. Registered once at the root (it skips Fastify's encapsulation, as
 * fastify-plugin would, so every route sees the decorators). `onRequest` parses the `Cookie` header
 * and loads the session; `onSend` commits the session before the headers are written.
 *
 * `reply.setCookie` takes `maxAge` in seconds (as `@fastify/cookie` does); replace one with the other,
 * not both: they decorate the same names.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { shortbread } from 'shortbread/fastify';
 * import { Sessions } from 'shortbread/session';
 *
 * const app = Fastify();
 * await app.register(shortbread, { sessions: new Sessions({ secret: process.env.SECRET_KEY! }) });
 * app.get('/', async (request, reply) => {
 *   const count = Number(request.session.get('count') ?? 0) + 1;
 *   request.session.set('count', count);
 *   reply.setCookie('flavor', request.cookies.flavor ?? 'chocolate chip', { maxAge: 30 });
 *   return `visit ${count}`;
 * });
 * ```
 */
export const shortbread = Object.assign(
  async function shortbread(
    fastify: FastifyInstance,
    options: ShortbreadFastifyOptions,
  ): Promise<void> {
    const signer =
      options.signer ?? (options.secret === undefined ? undefined : new Signer(options.secret));
    const unsign = (value: string): Promise<string> => (signer as Signer).unsign(value);
    const { sessions, cookieDefaults, parse } = options;

    fastify.decorateRequest('cookies', null as never);
    fastify.decorateRequest('signedCookies', null as never);
    fastify.decorateRequest('cookieList', null as never);
    if (sessions !== undefined) fastify.decorateRequest('session', null as never);
    fastify.decorateReply(HELD, null);

    /**
     * Runs `change` on a ResponseCookies over the reply's Set-Cookie lines. The reply keeps its own
     * array of them (`reply.header` stores a copy of the one it is given, `getHeader` returns the
     * stored one, `writeHead` reads it), so the editor is made over that stored array: while
     * `getHeader` still returns it, the editor's changes are the header. When other code replaced
     * it, the lines are read again.
     */
    const edit = (reply: FastifyReply, change: (cookies: ResponseCookies) => void): void => {
      const current = reply.getHeader('set-cookie');
      const held = (reply as HoldingReply)[HELD];
      if (held !== null && current === held.lines) {
        change(held.cookies);
        return;
      }
      // Replaced rather than added to: `reply.header` appends to an existing Set-Cookie.
      if (current !== undefined) reply.removeHeader('set-cookie');
      reply.header(
        'set-cookie',
        current === undefined ? [] : Array.isArray(current) ? current.slice() : [String(current)],
      );
      const lines = reply.getHeader('set-cookie') as string[];
      const cookies = new ResponseCookies(lines, resolveSecure(reply.request, cookieDefaults));
      (reply as HoldingReply)[HELD] = { lines, cookies };
      try {
        change(cookies);
      } finally {
        // A change that threw (a cookie no browser would keep) leaves no empty header behind.
        if (lines.length === 0) reply.removeHeader('set-cookie');
      }
    };

    const setCookie = function (
      this: FastifyReply,
      name: string,
      value = '',
      opts?: FastifyCookieOptions,
    ): FastifyReply {
      const resolved = resolveSecure(this.request, opts);
      edit(this, (cookies) => cookies.set(name, value, resolved));
      return this;
    };
    fastify.decorateReply('setCookie', setCookie);
    fastify.decorateReply(
      'deleteCookie',
      function (this: FastifyReply, name: string, opts?: FastifyDeleteCookieOptions) {
        const resolved = resolveSecure(this.request, opts);
        edit(this, (cookies) => cookies.delete(name, resolved));
        return this;
      },
    );
    fastify.decorateReply(
      'setSignedCookie',
      async function (
        this: FastifyReply,
        name: string,
        value: string,
        opts?: FastifyCookieOptions,
      ) {
        if (signer === undefined) {
          throw new TypeError(
            'reply.setSignedCookie is invalid without a key: undefined (signing needs a key; register shortbread with { secret })',
          );
        }
        setCookie.call(this, name, await signer.sign(value), opts);
      },
    );

    /** The synchronous part of every request: parse the header once. */
    const read = (request: FastifyRequest): Cookies => {
      const header = request.headers.cookie;
      // One parse for the record; the RequestCookies scans again only if getAll is asked for.
      const cookies =
        header === undefined ? (Object.create(null) as Cookies) : parseCookie(header, parse);
      request.cookieList = new RequestCookies(header, parse);
      request.cookies = cookies;
      request.signedCookies = Object.create(null);
      return cookies;
    };

    /** Loads `request.session`, with no promise where the cookie store decodes synchronously. */
    const openSession = (
      store: Sessions,
      request: FastifyRequest,
      cookies: Cookies,
      done: (error?: Error) => void,
    ): void => {
      let loaded: Session | Promise<Session>;
      try {
        // Parsed with the default options, `cookies` saves Sessions a second scan of the header.
        loaded = loadSessionNow(store, request.headers.cookie, cookies, parse === undefined);
      } catch (error) {
        done(error as Error);
        return;
      }
      if (loaded instanceof Promise) {
        loaded.then((session) => {
          request.session = session;
          done();
        }, done);
        return;
      }
      request.session = loaded;
      done();
    };

    // Callback hooks: no promise per request unless there is something to wait for.
    fastify.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done) => {
      const cookies = read(request);
      if (signer === undefined) {
        if (sessions === undefined) done();
        else openSession(sessions, request, cookies, done);
        return;
      }
      unsignCookies(cookies, unsign).then((signed) => {
        request.signedCookies = signed;
        if (sessions === undefined) done();
        else openSession(sessions, request, cookies, done);
      }, done);
    });

    if (sessions !== undefined) {
      fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload, done) => {
        const session = request.session as Session | null;
        if (session === null) {
          done(null, payload);
          return;
        }
        let lines: SessionCommitLines | Promise<SessionCommitLines>;
        try {
          lines = commitSessionLinesNow(sessions, session);
        } catch (error) {
          done(error as Error);
          return;
        }
        if (lines instanceof Promise) {
          lines.then((committed) => {
            applyLines(reply, committed);
            done(null, payload);
          }, done);
          return;
        }
        applyLines(reply, lines);
        done(null, payload);
      });
    }
  },
  {
    // fastify-plugin's markers, without depending on it: decorate the parent scope, and a name.
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'shortbread',
  },
);

/** Adds what the session commit wrote (`Set-Cookie` lines, `Vary`) to the reply. */
function applyLines(reply: FastifyReply, { setCookie, vary }: SessionCommitLines): void {
  if (setCookie.length > 0) {
    const existing = reply.getHeader('set-cookie');
    const current =
      existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    reply.removeHeader('set-cookie');
    reply.header('set-cookie', [...current, ...setCookie]);
  }
  if (vary) addVaryCookie(reply);
}

function resolveSecure<T extends { secure?: FastifySecureOption | undefined }>(
  request: FastifyRequest,
  options: T | undefined,
): (Omit<T, 'secure'> & { secure?: boolean }) | undefined {
  // No options: none to pass on, so the cookie takes the defaults as they are (no merge).
  if (options === undefined) return undefined;
  if (options.secure !== 'auto') return options as Omit<T, 'secure'> & { secure?: boolean };
  return Object.assign({}, options, { secure: request.protocol === 'https' });
}

/** Adds `Cookie` to the reply's `Vary` unless it is there (or `*`). */
function addVaryCookie(reply: FastifyReply): void {
  const existing = reply.getHeader('vary');
  const current = existing === undefined ? '' : String(existing);
  if (current.trim() === '') {
    reply.header('vary', 'Cookie');
    return;
  }
  for (const token of current.split(',')) {
    const name = token.trim().toLowerCase();
    if (name === 'cookie' || name === '*') return;
  }
  reply.header('vary', `${current}, Cookie`);
}
