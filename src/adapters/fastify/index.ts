/** @module The Fastify 5 adapter: a plugin with Flask's cookies and session on `request` / `reply`. */
export {
  type FastifyCookieOptions,
  type FastifyDeleteCookieOptions,
  type FastifySecureOption,
  type ShortbreadFastifyOptions,
  type ShortbreadSetCookie,
  shortbread,
} from './shortbread.js';
