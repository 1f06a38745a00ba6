/** @module The node:http adapter: Flask's cookies and session on `IncomingMessage` / `ServerResponse`. */
export { deleteCookie } from './delete-cookie.js';
export { getCookies } from './get-cookies.js';
export { type GetSessionOptions, getSession } from './get-session.js';
export { isSecureRequest, type SecureRequestOptions } from './is-secure-request.js';
export type {
  NodeCookieOptions,
  NodeDeleteCookieOptions,
  SecureOption,
} from './node-response-cookies.js';
export { setCookie } from './set-cookie.js';
