/** @module shortbread/jar: a cookie jar that stores and sends like Chromium, its stores, formats and fetch wrapper. */
export { CookieJar, type CookieJarOptions, type SetCookieSource } from './jar/cookie-jar.js';
export { canonicalizeDomain, domainMatch, isSecureOrigin } from './jar/domain-match.js';
export { CHROMIUM_LIMITS, type JarLimits } from './jar/eviction.js';
export { type FetchLike, type FetchWithCookiesOptions, fetchWithCookies } from './jar/fetch.js';
export { fromJarJson, type JarJson, type JarJsonCookie, toJarJson } from './jar/formats/json.js';
export {
  type FromNetscapeOptions,
  fromNetscape,
  type ToNetscapeOptions,
  toNetscape,
} from './jar/formats/netscape.js';
export {
  fromToughCookieJson,
  type ToughCookieJson,
  type ToughCookieJsonCookie,
  toToughCookieJson,
} from './jar/formats/tough-cookie-json.js';
export { defaultPath, pathMatch } from './jar/path-match.js';
export { isPublicSuffix, registrableDomain, siteOf } from './jar/public-suffix.js';
export type { JarStore } from './jar/stores/jar-store.js';
export { MemoryJarStore } from './jar/stores/memory-jar-store.js';
export type {
  CookieIdentity,
  JarCookie,
  JarCookieView,
  JarRequestOptions,
  JarSameSite,
  RejectReason,
  SameSiteContext,
  SetCookieResult,
} from './jar/types.js';
