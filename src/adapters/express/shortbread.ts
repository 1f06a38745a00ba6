/**
 * @module `shortbread` for Express 5: `req.cookies`, `req.signedCookies`, `req.session`, and Flask's
 * `set_cookie` / `delete_cookie` on `res`, in seconds.
 */
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from 'express';
import { parseCookie } from '../../codec/cookie.js';
import type { Cookies, ParseCookieOptions } from '../../codec/types.js';
import { editSetCookie } from '../../node-bridge/edit-set-cookie.js';
import { holdResponse } from '../../node-bridge/hold-response.js';
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
 * `secure` as the adapter takes it: `'auto'` is `req.secure`, which believes `X-Forwarded-Proto`
 * only when Express's `trust proxy` setting says so.
 *
 * @example
 * ```ts
 * const secure: ExpressSecureOption = 'auto';
 * ```
 */
export type ExpressSecureOption = boolean | 'auto';

/**
 * Options of `res.setCookie`: Flask's `set_cookie` options (`maxAge` in **seconds**), with
 * `secure: 'auto'`.
 *
 * @example
 * ```ts
 * const options: ExpressCookieOptions = { maxAge: 3600, httpOnly: true, secure: 'auto' };
 * ```
 */
export interface ExpressCookieOptions extends Omit<ResponseCookieOptions, 'secure'> {
  secure?: ExpressSecureOption | undefined;
}

/**
 * Options of `res.deleteCookie`, with `secure: 'auto'`.
 *
 * @example
 * ```ts
 * const options: ExpressDeleteCookieOptions = { path: '/cookies' };
 * ```
 */
export interface ExpressDeleteCookieOptions extends Omit<DeleteCookieOptions, 'secure'> {
  secure?: ExpressSecureOption | undefined;
}

/**
 * Options of {@link shortbread}.
 *
 * @example
 * ```ts
 * const options: ShortbreadExpressOptions = {
 *   secret: process.env.SECRET_KEY!,
 *   cookieDefaults: { httpOnly: true, sameSite: 'lax', secure: 'auto' },
 * };
 * ```
 */
export interface ShortbreadExpressOptions {
  /** Defaults of every `res.setCookie` (Flask's: Path `/`, `Expires` next to `Max-Age`). */
  cookieDefaults?:
    | (Omit<ResponseCookiesOptions, 'secure'> & { secure?: ExpressSecureOption })
    | undefined;
  /** How request cookie values are decoded. */
  parse?: ParseCookieOptions | undefined;
  /**
   * Signs and verifies `req.signedCookies` / `res.setSignedCookie` with an itsdangerous `Signer`
   * (default salt `itsdangerous.Signer`): a key, or a list (newest last; all verify).
   */
  secret?: SecretKeys | undefined;
  /** A `Signer` of your own (another salt or digest); takes the place of `secret`. */
  signer?: Signer | undefined;
  /** Gives every request `req.session`, saved before the response's headers go. */
  sessions?: Sessions | undefined;
  /** Answers the request when the session store fails. Default: `next(error)`'s 500, or a cut connection once the handler answered. */
  onSessionError?:
    | ((error: unknown, req: ExpressRequest, res: ExpressResponse) => void)
    | undefined;
}

/**
 * What the middleware adds to `req` (`cookies` and `signedCookies` keep Express's own `any` type;
 * this is their shape).
 *
 * @example
 * ```ts
 * const { cookies, cookieList } = req as unknown as ShortbreadRequest;
 * cookieList.getAll('a'); // ['1', '2'] for "a=1; a=2"
 * ```
 */
export interface ShortbreadRequest {
  /** The first value of each cookie name (null prototype; cookie-parser's shape). */
  cookies: Cookies;
  /** The cookies whose itsdangerous signature checks out, unsigned. Empty without a `secret`. */
  signedCookies: Cookies;
  /** Every cookie, with `getAll` for a name sent twice. */
  cookieList: RequestCookies;
  /** The session (only with the `sessions` option). */
  session: Session;
}

/**
 * What the middleware adds to `res` (declared on Express's `Response` too).
 *
 * @example
 * ```ts
 * res.setCookie('flavor', 'chocolate chip', { maxAge: 30 }).deleteCookie('old');
 * await res.setSignedCookie('user', 'alice');
 * ```
 */
export interface ShortbreadResponse {
  /**
   * Flask's `set_cookie`: `maxAge` in **seconds** (Express's own `res.cookie` takes milliseconds).
   * Adds a `Set-Cookie` line next to the others; the same name, domain and path replaces its
   * earlier line.
   */
  setCookie(name: string, value?: string, options?: ExpressCookieOptions): this;
  /** Flask's `delete_cookie`: an expired, empty cookie with the same path and domain. */
  deleteCookie(name: string, options?: ExpressDeleteCookieOptions): this;
  /** `setCookie` with the value signed by the middleware's `Signer`. */
  setSignedCookie(name: string, value: string, options?: ExpressCookieOptions): Promise<void>;
}

declare global {
  namespace Express {
    interface Request {
      /** Every cookie the request carried (shortbread), with `getAll`. */
      cookieList: RequestCookies;
      /** The session (shortbread, with the `sessions` option). */
      session: Session;
    }
    interface Response extends ShortbreadResponse {}
  }
}

/** The key of this adapter's editor in a request's {@link State} (see `editSetCookie`). */
const EDITOR = Symbol('shortbread.express.responseCookies');
/** The key of the {@link State} on each response the middleware saw. */
const STATE = Symbol('shortbread.express.state');

/** What the `res` methods need of the request the middleware saw. */
interface State {
  readonly req: ExpressRequest;
  readonly defaults: ShortbreadExpressOptions['cookieDefaults'];
  readonly signer: Signer | undefined;
  [EDITOR]: unknown;
}

type WithState = ExpressResponse & { [STATE]?: State };

/**
 * The Express 5 middleware: parses the `Cookie` header into `req.cookies` (and `req.cookieList` for
 * names sent twice), verifies `req.signedCookies` when given a `secret`, loads `req.session` when
 * given `sessions`, and adds `res.setCookie` / `res.deleteCookie` / `res.setSignedCookie`, which take
 * `maxAge` in **seconds** as Flask does. Express's own `res.cookie` is left as it is (milliseconds).
 *
 * Everything it adds is an own property of that request and response (as cookie-parser's
 * `req.cookies` is): nothing goes on Express's shared prototypes, so another app of the process,
 * or a request that did not pass through the middleware, sees none of it.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { shortbread } from 'shortbread/express';
 * import { Sessions } from 'shortbread/session';
 *
 * const app = express();
 * app.use(shortbread({ secret: process.env.SECRET_KEY!, sessions: new Sessions({ secret: process.env.SECRET_KEY! }) }));
 * app.get('/', (req, res) => {
 *   const count = Number(req.session.get('count') ?? 0) + 1;
 *   req.session.set('count', count);
 *   res.setCookie('flavor', req.cookies.flavor ?? 'chocolate chip', { maxAge: 30 });
 *   res.send(`visit ${count}`);
 * });
 * ```
 */
export function shortbread(
  options: ShortbreadExpressOptions = {},
): (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => void | Promise<void> {
  const signer =
    options.signer ?? (options.secret === undefined ? undefined : new Signer(options.secret));
  const unsign = (value: string): Promise<string> => (signer as Signer).unsign(value);
  const { sessions, cookieDefaults, parse, onSessionError } = options;

  /** Verifying signatures waits; then the session opens, and the request goes on. */
  const verify = async (
    req: ExpressRequest,
    res: ExpressResponse,
    next: NextFunction,
    cookies: Cookies,
  ): Promise<void> => {
    req.signedCookies = await unsignCookies(cookies, unsign);
    if (sessions === undefined) next();
    else await openSession(sessions, req, res, next, cookies);
  };

  /** Loads `req.session`, with no promise where the cookie store decodes synchronously. */
  const openSession = (
    sessions: Sessions,
    req: ExpressRequest,
    res: ExpressResponse,
    next: NextFunction,
    cookies: Cookies,
  ): void | Promise<void> => {
    let loaded: Session | Promise<Session>;
    try {
      // Parsed with the default options, `cookies` saves Sessions a second scan of the header.
      loaded = loadSessionNow(sessions, req.headers.cookie, cookies, parse === undefined);
    } catch (error) {
      next(error);
      return;
    }
    if (!(loaded instanceof Promise)) {
      begin(sessions, req, res, next, loaded);
      return;
    }
    return loaded.then(
      (session) => begin(sessions, req, res, next, session),
      (error: unknown) => next(error),
    );
  };

  /** Gives the request its session, and holds the response's headers until it is committed. */
  const begin = (
    sessions: Sessions,
    req: ExpressRequest,
    res: ExpressResponse,
    next: NextFunction,
    session: Session,
  ): void => {
    req.session = session;
    holdResponse(
      res,
      (): void | Promise<void> => {
        const lines = commitSessionLinesNow(sessions, session);
        if (lines instanceof Promise) return lines.then((done) => applyLines(res, done));
        applyLines(res, lines);
        return undefined;
      },
      onSessionError === undefined ? undefined : (error) => onSessionError(error, req, res),
    );
    next();
  };

  return function shortbreadMiddleware(req, res, next) {
    toDictionaryMode(req, 'res');
    toDictionaryMode(res, 'req');
    const header = req.headers.cookie;
    // One parse for the record; the RequestCookies scans again only if getAll is asked for.
    const cookies =
      header === undefined ? (Object.create(null) as Cookies) : parseCookie(header, parse);
    req.cookies = cookies;
    req.signedCookies = Object.create(null) as Cookies;
    req.cookieList = new RequestCookies(header, parse);
    (res as WithState)[STATE] = { req, defaults: cookieDefaults, signer, [EDITOR]: undefined };
    res.setCookie = setCookie;
    res.deleteCookie = deleteCookie;
    res.setSignedCookie = setSignedCookie;
    // Synchronous unless there is something to wait for: no promise per request for plain cookies,
    // nor for a cookie session on node:crypto.
    if (signer !== undefined) return verify(req, res, next, cookies);
    if (sessions !== undefined) return openSession(sessions, req, res, next, cookies);
    next();
  };
}

/**
 * Puts an Express request or response in V8's dictionary mode, by taking one of Express's own
 * fields (`req.res`, `res.req`) off and putting it back. Why: Express 5 gives each request and
 * response its app's prototype (`Object.setPrototypeOf`), after which V8 gives every such object a
 * map of its own, outside the transition tree. Each property added from then on (by Express's
 * router, by this middleware, by the app) copies the whole list of fields into yet another new map,
 * and no inline cache ever sees the same map twice. In dictionary mode a property is added and read
 * through the object's own hash table instead. Measured on this repo's session bench (Express 5,
 * cookie session, `GET /count`): about 220 -> 130 µs of server CPU per request. Nothing else
 * changes but the place of that one field in the key order. Only Express's objects (they have
 * `app`): Node's own requests share their maps, and are faster left alone.
 */
function toDictionaryMode(target: object, field: 'req' | 'res'): void {
  const fields = target as Record<string, unknown>;
  if (fields.app === undefined) return;
  const own = Object.getOwnPropertyDescriptor(target, field);
  // Only a plain field can be taken off and put back as it was.
  if (own === undefined || !own.configurable || !own.writable || !own.enumerable) return;
  delete fields[field];
  fields[field] = own.value;
}

function stateOf(res: ExpressResponse): State {
  const state = (res as WithState)[STATE];
  if (state === undefined)
    throw new TypeError(
      'res.setCookie is invalid here: the response did not pass through shortbread() (app.use(shortbread()) first)',
    );
  return state;
}

/** A ResponseCookies over the response's Set-Cookie lines, with this request's defaults. */
function createCookies(lines: string[], res: ExpressResponse): ResponseCookies {
  const state = stateOf(res);
  return new ResponseCookies(lines, resolveSecure(state.req, state.defaults));
}

function setCookie(
  this: ExpressResponse,
  name: string,
  value = '',
  options?: ExpressCookieOptions,
): ExpressResponse {
  const state = stateOf(this);
  const resolved = resolveSecure(state.req, options);
  editSetCookie(this, state, EDITOR, createCookies, (cookies) =>
    cookies.set(name, value, resolved),
  );
  return this;
}

function deleteCookie(
  this: ExpressResponse,
  name: string,
  options?: ExpressDeleteCookieOptions,
): ExpressResponse {
  const state = stateOf(this);
  const resolved = resolveSecure(state.req, options);
  editSetCookie(this, state, EDITOR, createCookies, (cookies) => cookies.delete(name, resolved));
  return this;
}

async function setSignedCookie(
  this: ExpressResponse,
  name: string,
  value: string,
  options?: ExpressCookieOptions,
): Promise<void> {
  const { signer } = stateOf(this);
  if (signer === undefined)
    throw new TypeError(
      'res.setSignedCookie is invalid without a key: undefined (signing needs a key; pass shortbread({ secret }))',
    );
  const signed = await signer.sign(value);
  setCookie.call(this, name, signed, options);
}

function resolveSecure<T extends { secure?: ExpressSecureOption | undefined }>(
  req: ExpressRequest,
  options: T | undefined,
): (Omit<T, 'secure'> & { secure?: boolean }) | undefined {
  // No options: none to pass on, so the cookie takes the defaults as they are (no merge).
  if (options === undefined) return undefined;
  if (options.secure !== 'auto') return options as Omit<T, 'secure'> & { secure?: boolean };
  return Object.assign({}, options, { secure: req.secure });
}

/** Copies what the session commit wrote (`Set-Cookie` lines, `Vary`) onto the response. */
function applyLines(res: ExpressResponse, { setCookie: lines, vary }: SessionCommitLines): void {
  if (lines.length > 0) {
    const existing = res.getHeader('set-cookie');
    const current =
      existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    res.setHeader('set-cookie', [...current, ...lines]);
  }
  if (vary) res.vary('Cookie');
}
