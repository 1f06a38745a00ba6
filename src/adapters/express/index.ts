/** @module The Express 5 adapter: `req.cookies`, `req.signedCookies`, `req.session`, `res.setCookie` in seconds. */

export {
  type ExpressSessionCookieOptions,
  type ExpressSessionOptions,
  expressSessionCookie,
  expressSessionOptions,
  sessionOf,
} from './express-session-cookie.js';
export {
  type ExpressCookieOptions,
  type ExpressDeleteCookieOptions,
  type ExpressSecureOption,
  type ShortbreadExpressOptions,
  type ShortbreadRequest,
  type ShortbreadResponse,
  shortbread,
} from './shortbread.js';
