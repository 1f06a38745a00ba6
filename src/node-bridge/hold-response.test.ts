import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { holdResponse } from './hold-response.js';

/** A response whose writes are recorded instead of sent. */
function recording(): { res: ServerResponse; calls: string[] } {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  const calls: string[] = [];
  res.writeHead = function (this: ServerResponse, status: number) {
    calls.push(`writeHead ${status} ${String(this.getHeader('x-late') ?? '')}`);
    return this;
  } as ServerResponse['writeHead'];
  res.write = ((chunk: unknown) => {
    calls.push(`write ${String(chunk)}`);
    return true;
  }) as ServerResponse['write'];
  res.end = function (this: ServerResponse, chunk?: unknown) {
    calls.push(`end ${String(chunk ?? '')} ${String(this.getHeader('x-late') ?? '')}`);
    return this;
  } as ServerResponse['end'];
  return { res, calls };
}

describe('holdResponse', () => {
  it('runs the work before the first write, then replays the calls in order', async () => {
    const { res, calls } = recording();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    holdResponse(res, async () => {
      await gate;
      res.setHeader('x-late', 'set');
    });
    res.writeHead(201);
    expect(res.write('a')).toBe(true);
    res.end('b');
    expect(calls).toEqual([]);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual(['writeHead 201 set', 'write a', 'end b set']);
    // Restored: later calls go straight through.
    res.end('c');
    expect(calls.at(-1)).toBe('end c set');
  });

  it('lets onError answer when the work fails, dropping the queued calls', async () => {
    const { res, calls } = recording();
    const seen: unknown[] = [];
    holdResponse(
      res,
      async () => {
        throw new Error('store down');
      },
      (error) => {
        seen.push(error);
        res.end('sorry');
      },
    );
    res.end('body');
    await new Promise((resolve) => setImmediate(resolve));
    expect((seen[0] as Error).message).toBe('store down');
    expect(calls).toEqual(['end sorry ']);
  });

  it('destroys the connection when the work fails and nobody answers', async () => {
    const { res } = recording();
    holdResponse(res, async () => {
      throw new Error('store down');
    });
    res.end('body');
    await new Promise((resolve) => setImmediate(resolve));
    expect(res.destroyed).toBe(true);
  });
});

// Issue 20 row 4: during the hold, write() always answered true, so a writer that waits for 'drain'
// queued its whole stream in memory.
describe('holdResponse, work done without a promise', () => {
  it('lets the first call through at once, after the work, with nothing queued', () => {
    const { res, calls } = recording();
    holdResponse(res, () => {
      res.setHeader('x-late', 'now');
    });
    const returned = res.writeHead(200);
    // Synchronous: the header the work set is on the line, in the same call.
    expect(calls).toEqual(['writeHead 200 now']);
    expect(returned).toBe(res);
    expect(res.write('a')).toBe(true);
    res.end('b');
    expect(calls).toEqual(['writeHead 200 now', 'write a', 'end b now']);
  });

  it('answers a synchronous throw as a rejection: onError runs after the call returns', async () => {
    const { res, calls } = recording();
    const seen: unknown[] = [];
    holdResponse(
      res,
      () => {
        throw new Error('too large');
      },
      (error) => {
        seen.push(error);
        res.end('sorry');
      },
    );
    res.end('body');
    expect(seen).toEqual([]);
    expect(calls).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect((seen[0] as Error).message).toBe('too large');
    expect(calls).toEqual(['end sorry ']);
  });
});

describe('holdResponse backpressure', () => {
  it('answers false once the queue reaches writableHighWaterMark, and emits drain after the replay', async () => {
    const { res, calls } = recording();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    holdResponse(res, () => gate);
    const chunk = 'x'.repeat(1024);
    let accepted = 0;
    for (let i = 0; i < 10_000; i++) {
      accepted++;
      if (!res.write(chunk)) break;
    }
    // 16 KiB on Node 20 (64 KiB from Node 22): the last write reaches it and answers false.
    const limit = res.writableHighWaterMark;
    expect(limit).toBeGreaterThanOrEqual(16_384);
    expect(accepted).toBe(Math.ceil(limit / 1024));
    let drained = false;
    res.once('drain', () => {
      drained = true;
    });
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(accepted);
    expect(drained).toBe(true);
  });

  it('after the hold, write() answers what the socket answers, and the drain is left to Node', async () => {
    const { res, calls } = recording();
    const full = ((chunk: unknown) => {
      calls.push(`write ${String(chunk)}`);
      return false;
    }) as ServerResponse['write'];
    res.write = full;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    holdResponse(res, () => gate);
    expect(res.write('x'.repeat(20_000))).toBe(false);
    let drained = false;
    res.once('drain', () => {
      drained = true;
    });
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    expect(res.write('b')).toBe(false);
    expect(calls).toHaveLength(2);
  });
});

describe('holdResponse, twice on one response', () => {
  it('runs the later hold first, then the earlier one, then sends once', async () => {
    const { res, calls } = recording();
    const order: string[] = [];
    holdResponse(res, async () => {
      order.push('outer');
      res.setHeader('x-late', 'outer');
    });
    holdResponse(res, async () => {
      order.push('inner');
    });
    res.end('body');
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['inner', 'outer']);
    // Sent once, after both: the earlier hold's header is on it.
    expect(calls).toEqual(['end body outer']);
    // Both holds are gone: the response's own methods answer again.
    res.write('more');
    expect(calls).toEqual(['end body outer', 'write more']);
  });
});
