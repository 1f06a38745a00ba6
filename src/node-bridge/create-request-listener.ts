/** @module `createRequestListener`: a Fetch handler as a `node:http` request listener. */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { toRequest } from './to-request.js';
import { writeResponse } from './write-response.js';

/**
 * A Fetch handler: takes a standard `Request`, gives a `Response` (Workers, Deno, Bun and Hono's
 * `fetch` have this shape).
 *
 * @example
 * ```ts
 * const handler: FetchHandler = (request) => new Response(`you asked for ${new URL(request.url).pathname}`);
 * ```
 */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Options of {@link createRequestListener}.
 *
 * @example
 * ```ts
 * const options: RequestListenerOptions = { onError: (error) => console.error(error) };
 * ```
 */
export interface RequestListenerOptions {
  /**
   * Told of every error the handler throws (or a response that cannot be sent). The client only
   * ever sees `500 Internal Server Error`; nothing is printed unless you print it here.
   */
  onError?: ((error: unknown) => void) | undefined;
  /** See {@link ToRequestOptions.trustProxy}. @default false */
  trustProxy?: boolean | undefined;
}

const ERROR_BODY = 'Internal Server Error';

/**
 * Wraps a Fetch handler as a `node:http` request listener: the `IncomingMessage` becomes a `Request`
 * ({@link toRequest}) and the returned `Response` is written back ({@link writeResponse}), each
 * `Set-Cookie` as its own header. A handler that throws, rejects or returns something that is not a
 * `Response` gives the client a plain `500 Internal Server Error`, with no stack and no message;
 * `onError` receives the error. `TRACE`, `TRACK` and `CONNECT`, which Fetch cannot represent, get
 * `501 Not Implemented` without reaching the handler.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { makeResponse } from 'shortbread';
 * import { createRequestListener } from 'shortbread/node';
 *
 * const server = createServer(
 *   createRequestListener(() => makeResponse('hi').setCookie('a', '1'), { onError: console.error }),
 * );
 * server.listen(3000);
 * ```
 */
export function createRequestListener(
  handler: FetchHandler,
  options?: RequestListenerOptions,
): RequestListener {
  const onError = options?.onError;
  const trustProxy = options?.trustProxy;
  const report = (error: unknown): void => {
    try {
      onError?.(error);
    } catch {
      // A failing error reporter must not take the server down.
    }
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      let request: Request;
      try {
        request = toRequest(req, { res, trustProxy });
      } catch {
        // TRACE, TRACK, CONNECT: Node parses them, Fetch cannot carry them. Not a server error.
        sendPlain(res, 501, 'Not Implemented');
        return;
      }
      let response: Response;
      try {
        response = await handler(request);
        if (!(response instanceof Response)) {
          throw new TypeError(
            `handler result is invalid: ${typeof response} (a Fetch handler must return a Response; return new Response(...) or makeResponse(...))`,
          );
        }
      } catch (error) {
        report(error);
        sendPlain(res, 500, ERROR_BODY);
        return;
      }
      try {
        await writeResponse(response, res);
      } catch (error) {
        report(error);
        sendPlain(res, 500, ERROR_BODY);
      }
    })();
  };
}

/** A short plain-text answer; if the headers are already out, the connection is cut instead. */
function sendPlain(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(text.length),
  });
  res.end(text);
}
