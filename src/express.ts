/** @module shortbread/express: Flask's cookies and session as an Express 5 middleware. */
export * from './adapters/express/index.js';
