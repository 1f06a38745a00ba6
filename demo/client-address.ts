/**
 * @module The client's IP address for the demo's device list. A Fetch `Request` does not carry the
 * peer's address, so the Node server adds it as a header before shortbread's bridge reads the
 * request, replacing any header of that name the client sent (only the socket knows the address).
 */
import type { IncomingMessage, Server } from 'node:http';

/** The header the demo reads the client's address from. */
export const CLIENT_ADDRESS_HEADER = 'x-demo-client-address';

/**
 * Makes `server` put each request's socket address in {@link CLIENT_ADDRESS_HEADER}. Call it once,
 * right after `serve()`; it runs before the bridge's own listener.
 *
 * @example
 * ```ts
 * const serving = await serve(app, { port: 0 });
 * tellClientAddress(serving.server);
 * ```
 */
export function tellClientAddress(server: Server): void {
  server.prependListener('request', (req: IncomingMessage) => {
    const raw = req.rawHeaders;
    const kept: string[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i] ?? '';
      if (name.toLowerCase() !== CLIENT_ADDRESS_HEADER) kept.push(name, raw[i + 1] ?? '');
    }
    kept.push(CLIENT_ADDRESS_HEADER, req.socket.remoteAddress ?? '');
    // The bridge builds the Request from rawHeaders, so that is what is changed, in place.
    raw.splice(0, raw.length, ...kept);
  });
}
