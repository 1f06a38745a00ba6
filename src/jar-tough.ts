/** @module shortbread/jar/tough: tough-cookie 6's `CookieJar` and `Cookie` API over shortbread's Chromium-like jar. */
export type { ToughCallback } from './jar/tough/callback.js';
export { ToughCookie as Cookie, ToughCookie, type ToughCookieInit } from './jar/tough/cookie.js';
export {
  type ToughCookieInput,
  ToughCookieJar as CookieJar,
  ToughCookieJar,
  type ToughCookieJarOptions,
  type ToughGetCookiesOptions,
  type ToughSetCookieOptions,
  ToughStoreView,
} from './jar/tough/cookie-jar.js';
export { ToughJarError } from './jar/tough/errors.js';
