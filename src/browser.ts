/**
 * @module shortbread/browser: cookies from JavaScript over `document.cookie` or the Cookie Store API,
 * with the server's value encoding. The in-memory twin for server-side rendering and tests is in
 * `shortbread/browser/memory`, so a page never ships it.
 */
export {
  type AsyncBrowserCookies,
  asyncCookies,
  type CookieStoreLike,
  createAsyncCookies,
} from './browser/async-cookies.js';
export { decodeBrowserValue, encodeBrowserValue } from './browser/browser-value.js';
export {
  type BrowserCookieOptions,
  type BrowserCookies,
  type CookieDocument,
  cookies,
  createCookies,
  parseDocumentCookie,
  type RemoveCookieOptions,
  serializeBrowserCookie,
} from './browser/cookies.js';
export { CookieError } from './codec/errors.js';
