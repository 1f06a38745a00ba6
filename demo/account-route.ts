/**
 * @module `/account`: "Your sessions". Log in as a name (no password: a demo), see every live
 * session of that user (browser, IP, signed in, last seen), revoke one, sign out everywhere else, or
 * sign out. The login regenerates the session id and binds it to the user with the user agent and
 * IP, as docs/sessions-advanced.md recommends. Changes are POSTs, like the counter's: the session
 * cookie is `SameSite=Lax`, so another site's form cannot send it and cannot revoke anything.
 */
import { makeResponse } from '../src/index.js';
import { isSessionStoreError, type Session, type Sessions } from '../src/session.js';
import { cookieStorePage, type DeviceMetadata, loginPage, sessionsPage } from './account-page.js';
import { CLIENT_ADDRESS_HEADER } from './client-address.js';
import { methodNotAllowed } from './layout.js';
import { type DemoSessions, storeUnavailable } from './session-store.js';

/** The session key that holds the logged-in name. */
const USER = 'user';

/**
 * The `/account` handler on the demo's session store. A store that cannot list sessions (the
 * cookie store) gets an explanation instead of the list; a store that is down answers 503.
 *
 * @example
 * ```ts
 * const handler = accountRoute(demoSessions({ sessionStore: 'memory' }));
 * ```
 */
export function accountRoute(store: DemoSessions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
      return methodNotAllowed(['GET', 'POST']);
    }
    try {
      const sessions = await store.open();
      const session = await sessions.load(request);
      const response =
        request.method === 'POST'
          ? await act(request, sessions, session)
          : await show(sessions, session);
      response.headers.set('cache-control', 'no-store');
      return await sessions.commit(session, response);
    } catch (error) {
      if (!isSessionStoreError(error)) throw error;
      return storeUnavailable(error);
    }
  };
}

/** True for the error a store without a per-user index (the cookie store) throws. */
function unsupported(error: unknown): boolean {
  return isSessionStoreError(error) && error.code === 'ERR_SESSION_STORE_UNSUPPORTED';
}

/** `GET /account`: the login form, or the user's sessions. */
async function show(sessions: Sessions, session: Session): Promise<Response> {
  const user = session.get(USER);
  // A revoked session loads empty: this browser is logged out and sees the form.
  if (typeof user !== 'string') return makeResponse(loginPage());
  try {
    const list = await sessions.list(user);
    return makeResponse(sessionsPage(user, list, sessions.handleOf(session), new Date()));
  } catch (error) {
    if (!unsupported(error)) throw error;
    return makeResponse(cookieStorePage(user));
  }
}

/** `POST /account`: log in, revoke one, revoke the others, or sign out; then back to the page. */
async function act(request: Request, sessions: Sessions, session: Session): Promise<Response> {
  const form = await request.formData().catch(() => new FormData());
  const action = form.get('action');
  const user = session.get(USER);
  if (action === 'login') {
    const name = String(form.get('name') ?? '').trim();
    if (name === '' || name.length > 40) {
      return makeResponse(loginPage('Give a name of 1 to 40 characters to log in.'), 400);
    }
    logIn(request, sessions, session, name);
  } else if (action === 'logout') {
    session.destroy();
  } else if (typeof user === 'string' && (action === 'revoke' || action === 'others')) {
    try {
      if (action === 'revoke') await sessions.revoke(user, String(form.get('handle') ?? ''));
      else await sessions.revokeAll(user, { except: session });
    } catch (error) {
      // The cookie store cannot revoke: nothing happens, and the page says why.
      if (!unsupported(error)) throw error;
    }
  }
  // Post/Redirect/Get: a reload does not post again.
  return new Response(null, { status: 303, headers: { location: '/account' } });
}

/** A new id (no fixation), the name, and this device in the user's index. */
function logIn(request: Request, sessions: Sessions, session: Session, name: string): void {
  session.regenerate();
  session.set(USER, name);
  const device: DeviceMetadata = {
    // Bounded: every request of this user reads the index that holds it.
    agent: (request.headers.get('user-agent') ?? '').slice(0, 300),
    ip: request.headers.get(CLIENT_ADDRESS_HEADER) ?? '',
  };
  try {
    sessions.bind(session, name, { ...device });
  } catch (error) {
    // The cookie store keeps no index: the login still holds, the page explains the rest.
    if (!unsupported(error)) throw error;
  }
}
