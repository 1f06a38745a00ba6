/** @module The Hono 4 adapter: Flask's cookies and session on `c.var`, typed. */
export {
  type HonoSecureOption,
  type ShortbreadEnv,
  type ShortbreadHonoOptions,
  type ShortbreadVariables,
  shortbread,
} from './shortbread.js';
