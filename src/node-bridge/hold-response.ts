/**
 * @module `holdResponse`: run async work (saving a session) after the handler is done but before
 * the response's headers leave, on a Node `ServerResponse` whose handler never says when it is done.
 */
import type { ServerResponse } from 'node:http';

type Call = {
  readonly method: 'writeHead' | 'write' | 'end' | 'flushHeaders';
  readonly args: unknown[];
};

/**
 * Holds a Node response at its first `writeHead`, `write`, `end` or `flushHeaders`: the calls are
 * queued, `before` runs (it may still set headers), then the queue is replayed in order. A `write`
 * during the hold reports success, so a piped stream keeps flowing into the queue; the hold lasts
 * one store round trip. When `before` rejects, `onError` decides: it may answer the request itself
 * (the queued calls are then dropped); by default the connection is destroyed.
 *
 * @example
 * ```ts
 * holdResponse(res, async () => {
 *   res.appendHeader('set-cookie', await makeSessionCookie());
 * });
 * res.end('done'); // sent once the cookie is set
 * ```
 */
export function holdResponse(
  res: ServerResponse,
  before: () => Promise<void>,
  onError?: (error: unknown) => void,
): void {
  const original = {
    writeHead: res.writeHead,
    write: res.write,
    end: res.end,
    flushHeaders: res.flushHeaders,
  };
  const queue: Call[] = [];
  let started = false;

  const restore = (): void => {
    res.writeHead = original.writeHead;
    res.write = original.write;
    res.end = original.end;
    res.flushHeaders = original.flushHeaders;
  };

  const replay = (): void => {
    restore();
    for (const { method, args } of queue) {
      const fn = original[method] as (...a: unknown[]) => unknown;
      fn.apply(res, args);
    }
  };

  const start = (): void => {
    if (started) return;
    started = true;
    before().then(replay, (error: unknown) => {
      restore();
      if (onError === undefined) res.destroy(error instanceof Error ? error : undefined);
      else onError(error);
    });
  };

  const enqueue = (method: Call['method']) =>
    function (this: ServerResponse, ...args: unknown[]): unknown {
      queue.push({ method, args });
      start();
      // write() answers whether the caller may keep writing; end() and writeHead() return `this`.
      return method === 'write' ? true : res;
    };

  res.writeHead = enqueue('writeHead') as ServerResponse['writeHead'];
  res.write = enqueue('write') as ServerResponse['write'];
  res.end = enqueue('end') as ServerResponse['end'];
  res.flushHeaders = enqueue('flushHeaders') as ServerResponse['flushHeaders'];
}
