import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRequestListener, type FetchHandler } from './create-request-listener.js';

let server: Server | undefined;

afterEach(async () => {
  const s = server;
  server = undefined;
  if (s === undefined) return;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
});

async function listen(handler: FetchHandler, onError?: (error: unknown) => void): Promise<string> {
  const s = createServer(createRequestListener(handler, { onError }));
  server = s;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const secret = 'SECRET-DETAIL-at /srv/app.ts:42';

describe('createRequestListener', () => {
  it('answers with what the handler returns, several Set-Cookie kept apart', async () => {
    const url = await listen(async (request) => {
      const response = new Response(`${request.method} ${new URL(request.url).pathname}`);
      response.headers.append('set-cookie', 'a=1');
      response.headers.append('set-cookie', 'b=2');
      return response;
    });
    const response = await fetch(`${url}/path`);
    expect(await response.text()).toBe('GET /path');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it.each<[string, FetchHandler]>([
    [
      'throws',
      () => {
        throw new Error(secret);
      },
    ],
    ['rejects', async () => Promise.reject(new Error(secret))],
    ['returns something that is not a Response', () => secret as unknown as Response],
    [
      'returns a Response whose body was already read',
      async () => {
        const response = new Response(secret);
        await response.text();
        return response;
      },
    ],
    [
      'returns a header Node refuses',
      () => new Response('x', { headers: { 'x-bad': `\u0001${secret}` } }),
    ],
  ])('answers 500 without details when the handler %s', async (_, handler) => {
    const onError = vi.fn();
    const url = await listen(handler, onError);
    const response = await fetch(url);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).toBe('Internal Server Error');
    expect(body).not.toContain('SECRET');
    expect(response.headers.get('x-bad')).toBeNull();
    expect(onError).toHaveBeenCalledTimes(1);
    // The server is still up.
    expect((await fetch(url)).status).toBe(500);
  });

  it('survives an onError that throws', async () => {
    const url = await listen(
      () => {
        throw new Error('first');
      },
      () => {
        throw new Error('reporter broke');
      },
    );
    expect((await fetch(url)).status).toBe(500);
    expect((await fetch(url)).status).toBe(500);
  });

  it('answers 500 without onError, printing nothing', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const url = await listen(() => {
      throw new Error(secret);
    });
    expect((await fetch(url)).status).toBe(500);
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  // Node's parser refuses TRACK itself (400) and hands CONNECT to the 'connect' event; TRACE gets here.
  it.each(['TRACE'])(
    'answers %s, which Fetch cannot carry, 501 without calling the handler',
    async (method) => {
      const handler = vi.fn(() => new Response('reached'));
      const onError = vi.fn();
      const url = await listen(handler, onError);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(url, { method }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(501);
      expect(handler).not.toHaveBeenCalled();
      expect(onError).not.toHaveBeenCalled();
    },
  );
});
