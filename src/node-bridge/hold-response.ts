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
 * `before` rejects (or throws), `onError` decides: it may answer the request itself (the queued
 * calls are then dropped); by default the connection is destroyed. A `before` that finishes without
 * a promise (a cookie session on node:crypto) lets that first call through at once: nothing is
 * queued and the response goes on as if it had never been held.
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
  before: () => void | Promise<void>,
  onError?: (error: unknown) => void,
): void {
  // One object of state per response, and the same four functions for every response: a hold
  // per request made nine closures before, which the collector then had to sweep.
  // A hold taken while another is on: this one runs first, then hands the calls to that one.
  (res as Holding)[HOLD] = new Hold(res, before, onError, (res as Holding)[HOLD]);
  res.writeHead = heldWriteHead as ServerResponse['writeHead'];
  res.write = heldWrite as ServerResponse['write'];
  res.end = heldEnd as ServerResponse['end'];
  res.flushHeaders = heldFlushHeaders as ServerResponse['flushHeaders'];
}

const HOLD = Symbol('shortbread.holdResponse');

type Holding = ServerResponse & { [HOLD]?: Hold | undefined };

/** The state of one held response: the original methods, the queued calls, the backpressure. */
class Hold {
  readonly writeHead: ServerResponse['writeHead'];
  readonly write: ServerResponse['write'];
  readonly end: ServerResponse['end'];
  readonly flushHeaders: ServerResponse['flushHeaders'];
  readonly queue: Call[] = [];
  readonly limit: number;
  held = 0;
  /** A queued write answered `false`: the writer waits for a `'drain'` that the replay owes it. */
  owesDrain = false;
  started = false;

  constructor(
    readonly res: ServerResponse,
    readonly before: () => void | Promise<void>,
    readonly onError: ((error: unknown) => void) | undefined,
    readonly outer: Hold | undefined,
  ) {
    this.writeHead = res.writeHead;
    this.write = res.write;
    this.end = res.end;
    this.flushHeaders = res.flushHeaders;
    this.limit = res.writableHighWaterMark > 0 ? res.writableHighWaterMark : 16_384;
  }

  restore(): void {
    const res = this.res as Holding;
    res[HOLD] = this.outer;
    res.writeHead = this.writeHead;
    res.write = this.write;
    res.end = this.end;
    res.flushHeaders = this.flushHeaders;
  }

  replay(): void {
    this.restore();
    const { res } = this;
    let flowing = true;
    for (const { method, args } of this.queue) {
      const fn = this[method] as (...a: unknown[]) => unknown;
      const result = fn.apply(res, args);
      if (method === 'write') flowing = result !== false;
    }
    this.queue.length = 0;
    // When the socket took it all, the 'drain' promised by our `false` is ours to emit; when it
    // answered `false` too, Node emits it once the socket drains.
    if (this.owesDrain && flowing && !res.writableEnded && !res.destroyed) res.emit('drain');
  }

  fail(error: unknown): void {
    this.restore();
    this.queue.length = 0;
    if (this.onError === undefined) this.res.destroy(error instanceof Error ? error : undefined);
    else this.onError(error);
  }

  enqueue(method: Call['method'], args: unknown[]): unknown {
    if (!this.started) {
      this.started = true;
      let pending: void | Promise<void>;
      try {
        pending = this.before();
      } catch (error) {
        // Failed at once: still answered after this call returns, as a rejection would be.
        pending = Promise.reject(error);
      }
      if (!(pending instanceof Promise)) {
        this.restore();
        return (this[method] as (...a: unknown[]) => unknown).apply(this.res, args);
      }
      pending.then(
        () => this.replay(),
        (error: unknown) => this.fail(error),
      );
    }
    this.queue.push({ method, args });
    // writeHead() and end() return `this`; write() answers whether the caller may keep writing.
    if (method !== 'write') return this.res;
    this.held += sizeOf(args[0]);
    if (this.held < this.limit) return true;
    this.owesDrain = true;
    return false;
  }
}

function heldWriteHead(this: Holding, ...args: unknown[]): unknown {
  return (this[HOLD] as Hold).enqueue('writeHead', args);
}

function heldWrite(this: Holding, ...args: unknown[]): unknown {
  return (this[HOLD] as Hold).enqueue('write', args);
}

function heldEnd(this: Holding, ...args: unknown[]): unknown {
  return (this[HOLD] as Hold).enqueue('end', args);
}

function heldFlushHeaders(this: Holding, ...args: unknown[]): unknown {
  return (this[HOLD] as Hold).enqueue('flushHeaders', args);
}
