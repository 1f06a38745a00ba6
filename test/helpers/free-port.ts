/** @module A free TCP port on 127.0.0.1, for tests and dev scripts that start servers. */
import { createServer } from 'node:net';

/**
 * A port that was free a moment ago (the OS picked it; the listener is closed again).
 *
 * @example
 * ```ts
 * const port = await freePort();
 * ```
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
