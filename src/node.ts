/** @module shortbread/node: serve a Fetch handler (and its cookies) on Node's `http` module. */
export {
  createRequestListener,
  type FetchHandler,
  type RequestListenerOptions,
  type ServeOptions,
  type Serving,
  serve,
  type ToRequestOptions,
  toRequest,
  writeResponse,
} from './node-bridge/index.js';
