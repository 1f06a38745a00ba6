/** @module shortbread/express: Flask's cookies and session as an Express 5 middleware. */
export {
  type ExpressCookieOptions,
  type ExpressDeleteCookieOptions,
  type ExpressSecureOption,
  type ShortbreadExpressOptions,
  type ShortbreadRequest,
  type ShortbreadResponse,
  shortbread,
} from './adapters/express/shortbread.js';
