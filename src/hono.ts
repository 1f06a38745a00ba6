/** @module shortbread/hono: Flask's cookies and session as a Hono 4 middleware, typed on `c.var`. */
export {
  type HonoSecureOption,
  type ShortbreadEnv,
  type ShortbreadHonoOptions,
  type ShortbreadVariables,
  shortbread,
} from './adapters/hono/shortbread.js';
