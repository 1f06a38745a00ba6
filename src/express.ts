/** @module shortbread/express: Flask's cookies and session as an Express 5 middleware. */
export {
  type ExpressSessionCookieOptions,
  type ExpressSessionOptions,
  expressSessionCookie,
  expressSessionOptions,
  sessionOf,
} from './adapters/express/express-session-cookie.js';
export {
  type ExpressCookieOptions,
  type ExpressDeleteCookieOptions,
  type ExpressSecureOption,
  type ShortbreadExpressOptions,
  type ShortbreadRequest,
  type ShortbreadResponse,
  shortbread,
} from './adapters/express/shortbread.js';
