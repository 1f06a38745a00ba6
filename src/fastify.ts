/** @module shortbread/fastify: Flask's cookies and session as a Fastify 5 plugin. */
export {
  type FastifyCookieOptions,
  type FastifyDeleteCookieOptions,
  type FastifySecureOption,
  type ShortbreadFastifyOptions,
  type ShortbreadSetCookie,
  shortbread,
} from './adapters/fastify/shortbread.js';
