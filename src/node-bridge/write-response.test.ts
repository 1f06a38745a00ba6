import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { writeResponse } from './write-response.js';

let server: Server | undefined;

afterEach(async () => {
  const s = server;
  server = undefined;
  if (s === undefined) return;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
});

/** Serves whatever `make()` returns through writeResponse; records how writeResponse ended. */
async function listen(make: () => Response): Promise<{ port: number; outcome: Promise<unknown> }> {
  let settle: (value: unknown) => void = () => {};
  const outcome = new Promise((resolve) => {
    settle = resolve;
  });
  const s = createServer((_req, res) => {
    writeResponse(make(), res).then(
      () => settle('resolved'),
      (error: unknown) => settle(error),
    );
  });
  server = s;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { port: (s.address() as AddressInfo).port, outcome };
}

interface Answer {
  res: IncomingMessage;
  body: string;
}

function fetchRaw(port: number, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ port, host: '127.0.0.1', method, path: '/' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ res, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('writeResponse', () => {
  it('sends each Set-Cookie as its own header line, Expires commas intact', async () => {
    const lines = [
      'flavor=chocolate%20chip; Expires=Wed, 25 Nov 2026 17:00:30 GMT; Max-Age=30; Path=/cookies',
      'chocolate type=dark; Path=/',
      'chewy=yes; Path=/',
    ];
    const { port } = await listen(() => {
      const response = new Response('ok', { headers: { 'x-a': '1' } });
      for (const line of lines) response.headers.append('set-cookie', line);
      return response;
    });
    const { res, body } = await fetchRaw(port);
    expect(res.headers['set-cookie']).toEqual(lines);
    expect(res.rawHeaders.filter((h) => h.toLowerCase() === 'set-cookie')).toHaveLength(3);
    expect(res.headers['x-a']).toBe('1');
    expect(body).toBe('ok');
  });

  it.each([
    [200, 'OK', 'text'],
    [201, 'Made', 'made'],
    [404, 'Not Found', 'missing'],
    [500, 'Internal Server Error', 'broken'],
  ])('sends status %i %s', async (status, statusText, text) => {
    const { port } = await listen(() => new Response(text, { status, statusText }));
    const { res, body } = await fetchRaw(port);
    expect(res.statusCode).toBe(status);
    expect(res.statusMessage).toBe(statusText);
    expect(body).toBe(text);
  });

  it('streams a body of many chunks through backpressure', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(97);
    const count = 64; // 4 MiB, well over the socket's buffer
    const { port, outcome } = await listen(() => {
      let sent = 0;
      return new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent++ < count) controller.enqueue(chunk);
            else controller.close();
          },
        }),
      );
    });
    const { body } = await fetchRaw(port);
    expect(body.length).toBe(chunk.length * count);
    expect(await outcome).toBe('resolved');
  });

  it('sends headers and no body for HEAD', async () => {
    const { port, outcome } = await listen(() => {
      const response = new Response('not sent', { headers: { 'x-a': '1' } });
      response.headers.append('set-cookie', 'a=1');
      response.headers.append('set-cookie', 'b=2');
      return response;
    });
    const { res, body } = await fetchRaw(port, 'HEAD');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(body).toBe('');
    expect(await outcome).toBe('resolved');
  });

  it('sends no body for 204', async () => {
    const { port } = await listen(() => new Response(null, { status: 204 }));
    const { res, body } = await fetchRaw(port);
    expect(res.statusCode).toBe(204);
    expect(body).toBe('');
  });

  it('cancels the body stream when the client goes away', async () => {
    let cancelled = false;
    let started = false;
    const { port, outcome } = await listen(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              started = true;
              controller.enqueue(new Uint8Array(1024));
              return new Promise((resolve) => setTimeout(resolve, 5));
            },
            cancel() {
              cancelled = true;
            },
          }),
        ),
    );
    const req = httpRequest({ port, host: '127.0.0.1', path: '/' }, (res) => {
      res.once('data', () => req.destroy());
    });
    req.on('error', () => {});
    req.end();
    expect(await outcome).toBe('resolved');
    expect(started).toBe(true);
    await expect.poll(() => cancelled).toBe(true);
  });

  it('cuts the connection and rejects when the body errors after the headers', async () => {
    const failure = new Error('body broke');
    const { port, outcome } = await listen(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('partial'));
            },
            pull(controller) {
              controller.error(failure);
            },
          }),
        ),
    );
    await expect(fetchRaw(port)).rejects.toThrow();
    expect(await outcome).toBe(failure);
  });
});
