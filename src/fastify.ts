/** @module shortbread/fastify: Flask's cookies and session as a Fastify 5 plugin. */
export * from './adapters/fastify/index.js';
