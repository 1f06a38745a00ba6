/** @module The Node bridge: serve a Fetch handler on `node:http`, several Set-Cookie kept apart. */
export {
  createRequestListener,
  type FetchHandler,
  type RequestListenerOptions,
} from './create-request-listener.js';
export { type ServeOptions, type Serving, serve } from './serve.js';
export { type ToRequestOptions, toRequest } from './to-request.js';
export { writeResponse } from './write-response.js';
