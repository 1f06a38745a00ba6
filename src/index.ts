/** @module shortbread: the RFC 6265bis codec and Flask's cookie API on Request/Response. */
export { formatCookieDate, parseCookieDate } from './codec/cookie-date.js';
export { CookieError, type CookieErrorCode, isCookieError } from './codec/errors.js';
export {
  ATTRIBUTE_VALUE_MAX_BYTES,
  MAX_AGE_LIMIT_SECONDS,
  NAME_VALUE_MAX_BYTES,
} from './codec/limits.js';
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
