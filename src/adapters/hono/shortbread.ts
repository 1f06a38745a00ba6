/**
 * @module `shortbread` for Hono 4: a middleware that puts the request's cookies, the response's
 * cookies and the session on `c.var`, typed.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Cookies, ParseCookieOptions } from '../../codec/types.js';
import { RequestCookies } from '../../server/request-cookies.js';
import { ResponseCookies, type ResponseCookiesOptions } from '../../server/response-cookies.js';
import { unsignCookies } from '../../server/unsign-cookies.js';
import type { Session } from '../../session/session.js';
import { commitSessionLinesNow, loadSessionNow, type Sessions } from '../../session/sessions.js';
import { Signer } from '../../signing/signer.js';
import type { SecretKeys } from '../../signing/types.js';

/**
 * `secure` in the defaults: `'auto'` is "the request URL is https", or the first `X-Forwarded-Proto`
 * with `trustProxy`.
 *
 * @example
 * ```ts
 * const secure: HonoSecureOption = 'auto';
 * ```
 */
export type HonoSecureOption = boolean | 'auto';

/**
 * Options of {@link shortbread} (the same as the Express and Fastify adapters', plus `trustProxy`,
 * since Hono has no setting of its own for it).
 *
 * @example
 * ```ts
 * const options: ShortbreadHonoOptions = { cookieDefaults: { secure: 'auto', httpOnly: true }, trustProxy: true };
 * ```
 */
export interface ShortbreadHonoOptions {
  /** Defaults of every `c.var.responseCookies.set` (Flask's: Path `/`, `Expires` next to `Max-Age`). */
  cookieDefaults?:
    | (Omit<ResponseCookiesOptions, 'secure'> & { secure?: HonoSecureOption })
    | undefined;
  /** How request cookie values are decoded. */
  parse?: ParseCookieOptions | undefined;
  /** Key(s) of the itsdangerous `Signer` behind `c.var.signedCookies` / `c.var.setSignedCookie`. */
  secret?: SecretKeys | undefined;
  /** A `Signer` of your own; takes the place of `secret`. */
  signer?: Signer | undefined;
  /** Gives every request `c.var.session`, committed after the handler. */
  sessions?: Sessions | undefined;
  /** `secure: 'auto'` believes `X-Forwarded-Proto`. Only behind a proxy you run. @default false */
  trustProxy?: boolean | undefined;
}

/**
 * What the middleware puts on `c.var`.
 *
 * @example
 * ```ts
 * const app = new Hono<{ Variables: ShortbreadVariables }>();
 * ```
 */
export interface ShortbreadVariables {
  /** The request's cookies (Flask's `request.cookies`): `get`, `getAll`, `has`, iteration. */
  cookies: RequestCookies;
  /** The cookies whose itsdangerous signature checks out, unsigned (null prototype). */
  signedCookies: Cookies;
  /** The cookies this response sets: Flask's `set_cookie` / `delete_cookie` as `set` / `delete`. */
  responseCookies: ResponseCookies;
  /** `responseCookies.set` with the value signed by the middleware's `Signer`. */
  setSignedCookie: (
    name: string,
    value: string,
    options?: Parameters<ResponseCookies['set']>[2],
  ) => Promise<void>;
  /** The session (only with the `sessions` option). */
  session: Session;
}

/**
 * The Hono `Env` the middleware gives: use it as `new Hono<ShortbreadEnv>()` to type `c.var`.
 *
 * @example
 * ```ts
 * const app = new Hono<ShortbreadEnv>();
 * ```
 */
export interface ShortbreadEnv {
  Variables: ShortbreadVariables;
}

/**
 * The Hono 4 middleware. Put it first (outermost): the cookies set through `c.var.responseCookies`
 * and the session are written onto `c.res` after every handler and inner middleware has run, each
 * `Set-Cookie` kept as its own line next to those set by Hono's own cookie helper.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { type ShortbreadEnv, shortbread } from 'shortbread/hono';
 * import { Sessions } from 'shortbread/session';
 *
 * const app = new Hono<ShortbreadEnv>();
 * app.use(shortbread({ sessions: new Sessions({ secret: process.env.SECRET_KEY! }) }));
 * app.get('/', (c) => {
 *   const count = Number(c.var.session.get('count') ?? 0) + 1;
 *   c.var.session.set('count', count);
 *   c.var.responseCookies.set('flavor', c.var.cookies.get('flavor') ?? 'chocolate chip', { maxAge: 30 });
 *   return c.text(`visit ${count}`);
 * });
 * ```
 */
export function shortbread(options: ShortbreadHonoOptions = {}): MiddlewareHandler<ShortbreadEnv> {
  const signer =
    options.signer ?? (options.secret === undefined ? undefined : new Signer(options.secret));
  const unsign = (value: string): Promise<string> => (signer as Signer).unsign(value);
  const { sessions, cookieDefaults, parse, trustProxy } = options;
  return async function shortbreadMiddleware(c, next) {
    const request = c.req.raw;
    const cookies = new RequestCookies(request, parse);
    c.set('cookies', cookies);
    c.set(
      'signedCookies',
      signer === undefined
        ? (Object.create(null) as Cookies)
        : await unsignCookies(cookies, unsign),
    );
    // A plain array of lines, copied onto c.res once the handlers are done: no Headers of our own.
    const lines: string[] = [];
    const responseCookies = new ResponseCookies(
      lines,
      resolveSecure(request, cookieDefaults, trustProxy === true),
    );
    c.set('responseCookies', responseCookies);
    c.set(
      'setSignedCookie',
      signer === undefined
        ? refuseSigning
        : async (name, value, opts) => {
            responseCookies.set(name, await signer.sign(value), opts);
          },
    );
    let session: Session | undefined;
    if (sessions !== undefined) {
      // No promise where the cookie store decodes synchronously (node:crypto).
      const loaded = loadSessionNow(sessions, request.headers.get('cookie') ?? undefined);
      session = loaded instanceof Promise ? await loaded : loaded;
      c.set('session', session);
    }
    await next();
    if (session !== undefined && sessions !== undefined) {
      // The lines go onto c.res below, which keeps Hono's own headers and body untouched.
      const pending = commitSessionLinesNow(sessions, session);
      const committed = pending instanceof Promise ? await pending : pending;
      for (const line of committed.setCookie) lines.push(line);
      if (committed.vary) writeVary(c);
    }
    if (lines.length > 0) appendSetCookie(c, lines);
  };
}

/** `setSignedCookie` without a key: one function for every request, no closure each. */
async function refuseSigning(): Promise<void> {
  throw new TypeError(
    'setSignedCookie is invalid without a key: undefined (signing needs a key; pass shortbread({ secret }))',
  );
}

function resolveSecure(
  request: Request,
  defaults: ShortbreadHonoOptions['cookieDefaults'],
  trustProxy: boolean,
): ResponseCookiesOptions | undefined {
  if (defaults === undefined || defaults.secure !== 'auto') {
    return defaults as ResponseCookiesOptions | undefined;
  }
  return Object.assign({}, defaults, { secure: isHttps(request, trustProxy) });
}

function isHttps(request: Request, trustProxy: boolean): boolean {
  if (trustProxy) {
    const header = request.headers.get('x-forwarded-proto');
    if (header !== null) {
      // The proxy closest to the client is the first of a comma-separated list.
      const comma = header.indexOf(',');
      const proto = (comma === -1 ? header : header.slice(0, comma)).trim().toLowerCase();
      if (proto === 'https') return true;
      if (proto === 'http') return false;
    }
  }
  return request.url.startsWith('https:');
}

/**
 * Runs `edit` on the response's headers; headers that cannot change (a `Response.redirect`, a
 * `fetch` answer) throw `TypeError` on the first write, and then the response is copied first.
 */
function editHeaders(c: Context, edit: (headers: Headers) => void): void {
  try {
    edit(c.res.headers);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    c.res = new Response(c.res.body, c.res);
    edit(c.res.headers);
  }
}

function appendSetCookie(c: Context, lines: readonly string[]): void {
  editHeaders(c, (headers) => {
    for (const line of lines) headers.append('set-cookie', line);
  });
}

/** Adds `Cookie` to `Vary` unless it is there (or `Vary: *`). */
function writeVary(c: Context): void {
  const current = c.res.headers.get('vary');
  if (current !== null) {
    for (const token of current.split(',')) {
      const name = token.trim().toLowerCase();
      if (name === 'cookie' || name === '*') return;
    }
  }
  const value = current === null || current.trim() === '' ? 'Cookie' : `${current}, Cookie`;
  editHeaders(c, (headers) => headers.set('vary', value));
}
