/**
 * @module shortbread/codec: the RFC 6265bis codec alone (Cookie and Set-Cookie parsing and
 * building, cookie dates), for code that wants no `Request`/`Response` helpers.
 * Its size is budgeted (minified and gzipped) in CI.
 */
export {
  findAllCookies,
  findCookie,
  parseCookie,
  parseCookieList,
  type StringifyCookieOptions,
  stringifyCookie,
} from './codec/cookie.js';
export { formatCookieDate, parseCookieDate } from './codec/cookie-date.js';
export { decodeCookieValue, decodeWerkzeugValue } from './codec/cookie-value.js';
export { CookieError, type CookieErrorCode, isCookieError } from './codec/errors.js';
export {
  ATTRIBUTE_VALUE_MAX_BYTES,
  MAX_AGE_LIMIT_SECONDS,
  NAME_VALUE_MAX_BYTES,
} from './codec/limits.js';
export { cookiePrefix, type PrefixCheckInput, prefixViolation } from './codec/prefixes.js';
export { parseSetCookie, type SetCookieInit, stringifySetCookie } from './codec/set-cookie.js';
export { splitSetCookie } from './codec/split-set-cookie.js';
export type {
  CookieEncoding,
  CookieOptions,
  Cookies,
  ParseCookieOptions,
  ParseSetCookieOptions,
  Priority,
  SameSite,
  SetCookie,
  StringifySetCookieOptions,
} from './codec/types.js';
