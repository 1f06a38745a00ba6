/** @module shortbread/node: serve a Fetch handler on `node:http`, or use cookies and sessions on its `req`/`res`. */
export { deleteCookie } from './adapters/node/delete-cookie.js';
export { getCookies } from './adapters/node/get-cookies.js';
export { type GetSessionOptions, getSession } from './adapters/node/get-session.js';
export { isSecureRequest, type SecureRequestOptions } from './adapters/node/is-secure-request.js';
export type {
  NodeCookieOptions,
  NodeDeleteCookieOptions,
  SecureOption,
} from './adapters/node/node-response-cookies.js';
export { setCookie } from './adapters/node/set-cookie.js';
export {
  createRequestListener,
  type FetchHandler,
  type RequestListenerOptions,
} from './node-bridge/create-request-listener.js';
export { type ServeOptions, type Serving, serve } from './node-bridge/serve.js';
export { type ToRequestOptions, toRequest } from './node-bridge/to-request.js';
export { writeResponse } from './node-bridge/write-response.js';
