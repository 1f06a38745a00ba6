/** @module shortbread: the RFC 6265bis codec and Flask's cookie API on Request/Response. */
// The codec, as `shortbread/codec` gives it alone.

// The `cookie` package's 1.x `parse`/`serialize`, exactly (docs/coming-from-cookie.md). Not in
// `shortbread/codec`, whose size is budgeted; 0.7's are in `shortbread/compat/cookie0`.
export {
  type ParseOptions,
  parse,
  type SerializeOptions,
  serialize,
} from './codec/cookie-compat.js';
export * from './codec.js';
export {
  type ChunkedCookieOptions,
  type ChunkSource,
  deleteChunkedCookie,
  type ReadChunkedCookieOptions,
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
