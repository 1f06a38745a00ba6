/**
 * @module The lab's JSON endpoints: what the server received, and cookies set or deleted by the
 * server so the page can show the `Set-Cookie` lines (a script cannot read them from a response).
 */
import {
  isCookieError,
  makeResponse,
  parseCookieList,
  parseSetCookie,
  type ResponseCookieOptions,
} from '../src/index.js';

/** What the lab's form sends when the server is to set the cookie. */
interface SetRequest {
  name?: unknown;
  value?: unknown;
  maxAge?: unknown;
  expires?: unknown;
  path?: unknown;
  domain?: unknown;
  secure?: unknown;
  httpOnly?: unknown;
  sameSite?: unknown;
  partitioned?: unknown;
}

/** The cookies a request carried, in order, duplicates kept (names of several paths show twice). */
function received(request: Request): Array<[string, string]> {
  return parseCookieList(request.headers.get('cookie') ?? '');
}

/** The JSON answer: what the request carried, and the Set-Cookie lines this response sends, parsed. */
function answer(request: Request, set: (response: ReturnType<typeof makeResponse>) => void) {
  const response = makeResponse({});
  response.headers.set('cache-control', 'no-store');
  try {
    set(response);
  } catch (error) {
    if (!isCookieError(error)) throw error;
    return makeResponse({ error: error.message, code: error.code }, 400);
  }
  const lines = response.headers.getSetCookie();
  const body = {
    received: received(request),
    header: request.headers.get('cookie') ?? '',
    setCookie: lines.map((line) => ({ line, cookie: parseSetCookie(line) })),
  };
  const json = makeResponse(body);
  json.headers.set('cache-control', 'no-store');
  for (const line of lines) json.headers.append('set-cookie', line);
  return json;
}

const string = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const number = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The form's fields as `set_cookie` options; an empty field is left out. */
function options(body: SetRequest): ResponseCookieOptions {
  const out: ResponseCookieOptions = {};
  const maxAge = number(body.maxAge);
  if (maxAge !== undefined) out.maxAge = maxAge;
  const days = number(body.expires);
  if (days !== undefined) out.expires = new Date(Date.now() + days * 864e5);
  const path = string(body.path);
  if (path !== undefined) out.path = path;
  const domain = string(body.domain);
  if (domain !== undefined) out.domain = domain;
  if (body.secure === true) out.secure = true;
  if (body.httpOnly === true) out.httpOnly = true;
  if (body.partitioned === true) out.partitioned = true;
  const sameSite = string(body.sameSite);
  if (sameSite === 'strict' || sameSite === 'lax' || sameSite === 'none') out.sameSite = sameSite;
  return out;
}

async function readJson(request: Request): Promise<SetRequest> {
  try {
    const body: unknown = await request.json();
    return typeof body === 'object' && body !== null ? (body as SetRequest) : {};
  } catch {
    return {};
  }
}

/**
 * `GET /api/state`, `POST /api/set`, `POST /api/delete`, `POST /api/tutorial`.
 *
 * @example
 * ```ts
 * await api(new Request('http://localhost/api/state'), new URL('http://localhost/api/state'));
 * ```
 */
export async function api(request: Request, url: URL): Promise<Response> {
  const route = `${request.method} ${url.pathname}`;
  switch (route) {
    case 'GET /api/state':
      return answer(request, () => {});
    case 'POST /api/set': {
      const body = await readJson(request);
      return answer(request, (response) => {
        response.setCookie(String(body.name ?? ''), String(body.value ?? ''), options(body));
      });
    }
    case 'POST /api/delete': {
      const body = await readJson(request);
      return answer(request, (response) => {
        const where: { path?: string; domain?: string } = {};
        const path = string(body.path);
        if (path !== undefined) where.path = path;
        const domain = string(body.domain);
        if (domain !== undefined) where.domain = domain;
        response.deleteCookie(String(body.name ?? ''), where);
      });
    }
    case 'POST /api/tutorial':
      // The tutorial's cookies on this path, so the lab sees flavor count down, plus one the page's
      // JavaScript cannot see.
      return answer(request, (response) => {
        response.setCookie('flavor', 'chocolate chip', { maxAge: 30 });
        response.setCookie('chocolate type', 'dark');
        response.setCookie('chewy', 'yes');
        response.setCookie('secret', 'server only', { httpOnly: true, sameSite: 'lax' });
      });
    default:
      return makeResponse({ error: `no route ${route}` }, 404);
  }
}
