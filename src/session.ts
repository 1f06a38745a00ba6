/**
 * @module shortbread/session: Flask's `session` for TypeScript on Fetch, with the signed-cookie
 * (default, Flask-compatible) and in-memory stores. SQLite and Redis stores are in
 * `shortbread/session/sqlite` and `shortbread/session/redis`.
 */

export {
  type ConnectCookieRecord,
  type ConnectSessionRecord,
  type ConnectStore,
  type FromConnectStoreOptions,
  fromConnectStore,
} from './session/connect-store.js';
export {
  type CookieCodecConfig,
  type CookieRead,
  type CookieSessionCodec,
  CookieSessionStore,
  type CookieSessionStoreOptions,
} from './session/cookie-store.js';
export { flaskSessionIdCookie, type SessionIdCookie } from './session/id-cookie.js';
export { MemorySessionStore, type MemorySessionStoreOptions } from './session/memory-store.js';
export { MAX_GRACE, type RegenerateOptions, Session, type SessionInit } from './session/session.js';
export { isSessionId, newSessionId } from './session/session-id.js';
export {
  type SessionCommitLines,
  type SessionCookieOptions,
  type SessionHandler,
  Sessions,
  type SessionsOptions,
  type SessionTimeOptions,
  type WrapOptions,
} from './session/sessions.js';
export {
  applyChanges,
  isSessionStoreError,
  type SessionChanges,
  type SessionData,
  type SessionStore,
  SessionStoreError,
  type SessionStoreErrorCode,
  type SessionStoreOperation,
  type SessionValue,
  type StoreCallOptions,
  type StoreWriteOptions,
} from './session/store.js';
export type { UserSession } from './session/user-index.js';
