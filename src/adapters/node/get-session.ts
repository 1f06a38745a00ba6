/** @module `getSession`: Flask's `session` for a Node `(req, res)` handler, saved before the headers go. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { holdResponse } from '../../node-bridge/hold-response.js';
import type { Session } from '../../session/session.js';
import type { SessionCommitLines, Sessions, SessionTimeOptions } from '../../session/sessions.js';

/**
 * Options of {@link getSession}.
 *
 * @example
 * ```ts
 * const options: GetSessionOptions = { onError: (error, res) => { res.statusCode = 503; res.end(); } };
 * ```
 */
export interface GetSessionOptions extends SessionTimeOptions {
  /**
   * Answers the request when saving the session fails (store down). The response has not been
   * sent; whatever the handler wrote is dropped. Without it, the connection is cut.
   */
  onError?: ((error: unknown, res: ServerResponse) => void) | undefined;
}

/** One load per request, however many times getSession is called. */
const loaded = new WeakMap<IncomingMessage, Promise<Session>>();

/**
 * Loads the request's session from `sessions` (Flask's `open_session`) and arranges for it to be
 * committed (Flask's `save_session`: the cookie only when something changed, `Vary: Cookie` when it
 * was read) just before the response's headers are written. Calling it twice for one request gives
 * the same session. Rejects with `SessionStoreError` when a server-side store is down.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { getSession } from 'shortbread/node';
 * import { Sessions } from 'shortbread/session';
 *
 * const sessions = new Sessions({ secret: process.env.SECRET_KEY! });
 * createServer(async (req, res) => {
 *   const session = await getSession(req, res, sessions);
 *   const count = Number(session.get('count') ?? 0) + 1;
 *   session.set('count', count);
 *   res.end(`visit ${count}`);
 * });
 * ```
 */
export function getSession(
  req: IncomingMessage,
  res: ServerResponse,
  sessions: Sessions,
  options?: GetSessionOptions,
): Promise<Session> {
  let session = loaded.get(req);
  if (session === undefined) {
    session = loadAndHold(req, res, sessions, options);
    loaded.set(req, session);
  }
  return session;
}

async function loadAndHold(
  req: IncomingMessage,
  res: ServerResponse,
  sessions: Sessions,
  options: GetSessionOptions | undefined,
): Promise<Session> {
  const now = options?.now;
  const time = now === undefined ? undefined : { now };
  const session = await sessions.load(req.headers.cookie, time);
  const onError = options?.onError;
  holdResponse(
    res,
    async () => {
      applyLines(res, await sessions.commitLines(session, time));
    },
    onError === undefined ? undefined : (error) => onError(error, res),
  );
  return session;
}

/** Adds what commit wrote (`Set-Cookie` lines, `Vary`) to the Node response, keeping what is there. */
function applyLines(res: ServerResponse, { setCookie: lines, vary }: SessionCommitLines): void {
  if (lines.length > 0) {
    const existing = res.getHeader('set-cookie');
    const current =
      existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    res.setHeader('set-cookie', [...current, ...lines]);
  }
  if (vary) res.setHeader('vary', mergeVary(res.getHeader('vary'), 'Cookie'));
}

/** `Vary` with the tokens of `add` that it lacks (none when it is `*`). */
function mergeVary(existing: number | string | string[] | undefined, add: string): string {
  const current =
    existing === undefined ? '' : Array.isArray(existing) ? existing.join(', ') : String(existing);
  if (current.trim() === '') return add;
  const tokens = new Set(current.split(',').map((token) => token.trim().toLowerCase()));
  if (tokens.has('*')) return current;
  const missing = add
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '' && !tokens.has(token.toLowerCase()));
  return missing.length === 0 ? current : `${current}, ${missing.join(', ')}`;
}
