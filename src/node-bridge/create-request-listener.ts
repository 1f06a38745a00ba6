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
 * `onError` receives the error.
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
      let response: Response;
      try {
        response = await handler(toRequest(req, { res, trustProxy }));
        if (!(response instanceof Response)) {
          throw new TypeError(
            `handler result is invalid: ${typeof response} (a Fetch handler must return a Response; return new Response(...) or makeResponse(...))`,
          );
        }
      } catch (error) {
        report(error);
        sendError(res);
        return;
      }
      try {
        await writeResponse(response, res);
      } catch (error) {
        report(error);
        if (!res.headersSent) sendError(res);
        else res.destroy();
      }
    })();
  };
}

function sendError(res: ServerResponse): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  res.writeHead(500, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(ERROR_BODY.length),
  });
  res.end(ERROR_BODY);
}
