/** @module shortbread/hono: Flask's cookies and session as a Hono 4 middleware, typed on `c.var`. */
export * from './adapters/hono/index.js';
