/**
 * @module shortbread/compat/cookie1: the `cookie` package's 1.x API (`parse`, `serialize` and their
 * 1.1 names `parseCookie`, `stringifySetCookie`, with `stringifyCookie` and `parseSetCookie`),
 * behaving exactly as `cookie` 1.1.1 does. Swap `from 'cookie'` for `from 'shortbread/compat/cookie1'`
 * (`import * as cookie from ...` where the code had `require('cookie')`).
 */
export {
  type CompatCookies as Cookies,
  type CompatSetCookie as SetCookie,
  type ParseOptions,
  parse,
  parse as parseCookie,
  parseSetCookieLine as parseSetCookie,
  type SerializeOptions,
  type StringifyOptions,
  serialize,
  serialize as stringifySetCookie,
  stringifyCookies as stringifyCookie,
} from './codec/cookie-compat.js';
