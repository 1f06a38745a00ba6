/** @module shortbread/node: serve a Fetch handler on `node:http`, or use cookies and sessions on its `req`/`res`. */

export {
  deleteCookie,
  type GetSessionOptions,
  getCookies,
  getSession,
  isSecureRequest,
  type NodeCookieOptions,
  type NodeDeleteCookieOptions,
  type SecureOption,
  type SecureRequestOptions,
  setCookie,
} from './adapters/node/index.js';
export {
  createRequestListener,
  type FetchHandler,
  type RequestListenerOptions,
  type ServeOptions,
  type Serving,
  serve,
  type ToRequestOptions,
  toRequest,
  writeResponse,
} from './node-bridge/index.js';
