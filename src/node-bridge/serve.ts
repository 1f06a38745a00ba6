/** @module `serve`: a Fetch handler listening on `node:http`, with a URL and a clean `close`. */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createRequestListener,
  type FetchHandler,
  type RequestListenerOptions,
} from './create-request-listener.js';

/**
 * Options of {@link serve}.
 *
 * @example
 * ```ts
 * const options: ServeOptions = { port: 0, hostname: '127.0.0.1', onError: console.error };
 * ```
 */
export interface ServeOptions extends RequestListenerOptions {
  /** The port; `0` picks a free one (read it back from the result). @default 3000 */
  port?: number | undefined;
  /** The address to listen on. @default '127.0.0.1' */
  hostname?: string | undefined;
}

/**
 * A running server made by {@link serve}.
 *
 * @example
 * ```ts
 * const { url, close }: Serving = await serve(handler, { port: 0 });
 * ```
 */
export interface Serving {
  /** The `node:http` server, for anything else (timeouts, upgrade events). */
  readonly server: Server;
  /** The port it listens on (the real one when `0` was asked). */
  readonly port: number;
  /** `http://<host>:<port>`, without a trailing slash. */
  readonly url: string;
  /**
   * Stops accepting connections, closes idle keep-alive ones, and resolves when the requests in
   * flight have finished. With `{ force: true }`, cuts those too.
   */
  close(options?: { force?: boolean }): Promise<void>;
}

/**
 * Serves a Fetch handler on `node:http` (see {@link createRequestListener}) and resolves once it is
 * listening. Rejects if the port cannot be taken.
 *
 * @example
 * ```ts
 * import { makeResponse } from 'shortbread';
 * import { serve } from 'shortbread/node';
 *
 * const { url, close } = await serve(() => makeResponse('hi'), { port: 0 });
 * console.log(await (await fetch(url)).text()); // 'hi'
 * await close();
 * ```
 */
export async function serve(handler: FetchHandler, options?: ServeOptions): Promise<Serving> {
  const port = options?.port ?? 3000;
  const hostname = options?.hostname ?? '127.0.0.1';
  const listener = createRequestListener(handler, options);
  const active = new Set<ServerResponse>();
  let closing = false;
  const server = createServer((req, res) => {
    active.add(res);
    res.once('close', () => {
      active.delete(res);
      // Once closing, a connection whose last response just ended would otherwise stay open until
      // its keep-alive timeout; close it as soon as it is idle.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    if (closing) res.setHeader('connection', 'close');
    listener(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    port: address.port,
    url: `http://${host}:${address.port}`,
    close: (closeOptions) =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        if (closeOptions?.force === true) {
          server.closeAllConnections();
          return;
        }
        // Responses still to come tell the client the connection ends with them.
        for (const res of active) if (!res.headersSent) res.setHeader('connection', 'close');
        server.closeIdleConnections();
      }),
  };
}
