/**
 * @module `holdResponse`: run async work (saving a session) after the handler is done but before
 * the response's headers leave, on a Node `ServerResponse` whose handler never says when it is done.
 */
import { Buffer } from 'node:buffer';
import type { ServerResponse } from 'node:http';

type Call = {
  readonly method: 'writeHead' | 'write' | 'end' | 'flushHeaders';
  readonly args: unknown[];
};

/** What a queued `write(chunk)` holds in memory: bytes of a buffer, UTF-8 bytes of a string. */
function sizeOf(chunk: unknown): number {
  if (typeof chunk === 'string') return Buffer.byteLength(chunk);
  if (ArrayBuffer.isView(chunk)) return chunk.byteLength;
  return 0;
}

/**
 * Holds a Node response at its first `writeHead`, `write`, `end` or `flushHeaders`: the calls are
 * queued, `before` runs (it may still set headers), then the queue is replayed in order. When
 * `before` rejects, `onError` decides: it may answer the request itself (the queued calls are then
 * dropped); by default the connection is destroyed.
 *
 * Backpressure is kept: during the hold, `write()` answers `true` until the queued chunks reach the
 * response's `writableHighWaterMark` (16 KiB on Node 20 unless the server sets `highWaterMark`),
 * then `false`, and `'drain'` is emitted once the queue has gone to the socket, so a writer that
 * waits for `'drain'` holds at most that much (plus its last chunk) in the queue. A writer that
 * ignores `false` is queued whole, as Node itself buffers such a writer. After the hold, `write()` is
 * Node's own again and answers what the socket answers.
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
  const limit = res.writableHighWaterMark > 0 ? res.writableHighWaterMark : 16_384;
  let held = 0;
  /** A queued write answered `false`: the writer waits for a `'drain'` that the replay owes it. */
  let owesDrain = false;
  let started = false;

  const restore = (): void => {
    res.writeHead = original.writeHead;
    res.write = original.write;
    res.end = original.end;
    res.flushHeaders = original.flushHeaders;
  };

  const replay = (): void => {
    restore();
    let flowing = true;
    for (const { method, args } of queue) {
      const fn = original[method] as (...a: unknown[]) => unknown;
      const result = fn.apply(res, args);
      if (method === 'write') flowing = result !== false;
    }
    queue.length = 0;
    // When the socket took it all, the 'drain' promised by our `false` is ours to emit; when it
    // answered `false` too, Node emits it once the socket drains.
    if (owesDrain && flowing && !res.writableEnded && !res.destroyed) res.emit('drain');
  };

  const start = (): void => {
    if (started) return;
    started = true;
    before().then(replay, (error: unknown) => {
      restore();
      queue.length = 0;
      if (onError === undefined) res.destroy(error instanceof Error ? error : undefined);
      else onError(error);
    });
  };

  const enqueue = (method: Call['method']) =>
    function (this: ServerResponse, ...args: unknown[]): unknown {
      queue.push({ method, args });
      start();
      // writeHead() and end() return `this`; write() answers whether the caller may keep writing.
      if (method !== 'write') return res;
      held += sizeOf(args[0]);
      if (held < limit) return true;
      owesDrain = true;
      return false;
    };

  res.writeHead = enqueue('writeHead') as ServerResponse['writeHead'];
  res.write = enqueue('write') as ServerResponse['write'];
  res.end = enqueue('end') as ServerResponse['end'];
  res.flushHeaders = enqueue('flushHeaders') as ServerResponse['flushHeaders'];
}
