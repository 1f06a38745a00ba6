/** @module shortbread: the RFC 6265bis codec and Flask's cookie API on Request/Response. */
export {
  findAllCookies,
  findCookie,
  parseCookie,
  parseCookieList,
  type StringifyCookieOptions,
  stringifyCookie,
} from './codec/cookie.js';
export {
  type ParseOptions,
  parse,
  type SerializeOptions,
  serialize,
} from './codec/cookie-compat.js';
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
export {
  type ChunkedCookieOptions,
  type ChunkSource,
  deleteChunkedCookie,
  readChunkedCookie,
  writeChunkedCookie,
} from './server/cookie-chunks.js';
export {
  CookieResponse,
  type CookieResponseInit,
  type JsonObject,
  type MakeResponseBody,
  type MakeResponseInit,
  makeResponse,
} from './server/make-response.js';
export {
  RequestCookies,
  type RequestCookiesOptions,
  type RequestCookiesSource,
} from './server/request-cookies.js';
export {
  type CookieIdentity,
  type DeleteCookieOptions,
  type ResponseCookieOptions,
  ResponseCookies,
  type ResponseCookiesOptions,
  type ResponseCookiesTarget,
} from './server/response-cookies.js';
