import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ToRequestOptions, toRequest } from './to-request.js';

interface Seen {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string | null;
}

let server: Server | undefined;

afterEach(async () => {
  const s = server;
  server = undefined;
  if (s === undefined) return;
  s.closeAllConnections();
  await new Promise((resolve) => s.close(resolve));
});

/** A server that turns each request into a Request and answers with what it saw, as JSON. */
async function listen(
  options?: (res: ServerResponse) => ToRequestOptions,
  inspect?: (request: Request, req: IncomingMessage) => Promise<void>,
): Promise<number> {
  server = createServer(async (req, res) => {
    const request = toRequest(req, options?.(res));
    if (inspect !== undefined) await inspect(request, req);
    const seen: Seen = {
      method: request.method,
      url: request.url,
      headers: [...request.headers],
      body: request.body === null ? null : await request.text(),
    };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Sends `text` as is on a TCP connection and resolves with the raw answer. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

async function seen(port: number, text: string): Promise<Seen> {
  const answer = await raw(port, text);
  const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  return JSON.parse(body) as Seen;
}

function get(target: string, ...headers: string[]): string {
  return [`GET ${target} HTTP/1.1`, ...headers, 'Connection: close', '', ''].join('\r\n');
}

describe('toRequest: URL', () => {
  it.each([
    // target, Host, expected URL (PORT is the server's)
    ['/cookies?format=json', 'example.com', 'http://example.com/cookies?format=json'],
    ['/a%20b', 'Example.COM:8080', 'http://example.com:8080/a%20b'],
    // A protocol-relative target stays a path of this origin.
    ['//evil.example/x', 'example.com', 'http://example.com//evil.example/x'],
    ['/x', '[::1]:3000', 'http://[::1]:3000/x'],
    // RFC 9112 §3.2.2: an absolute-form target wins over Host.
    ['http://other.example/p?q=1', 'example.com', 'http://other.example/p?q=1'],
    // A malformed Host falls back to the socket's address.
    ['/x', 'evil.example@good.example', 'http://127.0.0.1:PORT/x'],
    ['/x', 'a/b', 'http://127.0.0.1:PORT/x'],
    ['/x', 'a b', 'http://127.0.0.1:PORT/x'],
    ['/x', 'example.com:99999', 'http://127.0.0.1:PORT/x'],
    // Fetch refuses credentials in a Request URL.
    ['http://user:pass@other.example/p', 'example.com', 'http://127.0.0.1:PORT/'],
    ['*', 'example.com', 'http://example.com/'],
  ])('%s with Host %j is %s', async (target, host, expected) => {
    const port = await listen();
    const result = await seen(port, get(target, `Host: ${host}`));
    expect(result.url).toBe(expected.replace('PORT', String(port)));
  });

  it('falls back to the socket address without a Host (HTTP/1.0)', async () => {
    const port = await listen();
    const result = await seen(port, 'GET /old HTTP/1.0\r\n\r\n');
    expect(result.url).toBe(`http://127.0.0.1:${port}/old`);
  });

  it('reads X-Forwarded-Proto and -Host only when told to trust the proxy', async () => {
    const forwarded = [
      'Host: internal:8080',
      'X-Forwarded-Proto: https, http',
      'X-Forwarded-Host: shop.example, internal',
    ];
    const trusting = await listen(() => ({ trustProxy: true }));
    expect((await seen(trusting, get('/p', ...forwarded))).url).toBe('https://shop.example/p');
    await new Promise((resolve) => server?.close(resolve));
    const plain = await listen();
    expect((await seen(plain, get('/p', ...forwarded))).url).toBe('http://internal:8080/p');
  });
});

describe('toRequest: method, headers, body', () => {
  it('keeps every header; repeated Cookie lines form one cookie list', async () => {
    const port = await listen();
    const result = await seen(
      port,
      get('/', 'Host: h', 'Cookie: a=1; b=2', 'X-Many: one', 'cookie: c=3', 'X-Many: two'),
    );
    const headers = new Map(result.headers);
    expect(headers.get('cookie')).toBe('a=1; b=2; c=3');
    expect(headers.get('x-many')).toBe('one, two');
    expect(headers.get('host')).toBe('h');
    expect(result.method).toBe('GET');
    expect(result.body).toBeNull();
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('streams the body of %s', async (method) => {
    const port = await listen();
    const chunked = [
      `${method} /upload HTTP/1.1`,
      'Host: h',
      'Transfer-Encoding: chunked',
      'Connection: close',
      '',
      '5',
      'hello',
      '6',
      ' world',
      '0',
      '',
      '',
    ].join('\r\n');
    const result = await seen(port, chunked);
    expect(result.method).toBe(method);
    expect(result.body).toBe('hello world');
  });

  it('has no body for HEAD', async () => {
    let body: ReadableStream | null | undefined;
    const port = await listen(undefined, async (request) => {
      body = request.body;
    });
    await raw(port, 'HEAD / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n');
    expect(body).toBeNull();
  });
});

describe('toRequest: signal', () => {
  it('aborts when the client goes away before the response is finished', async () => {
    let received = false;
    let reason: unknown;
    let s: Server | undefined;
    const aborted = new Promise<void>((resolve) => {
      s = createServer((req, res) => {
        const request = toRequest(req, { res });
        received = true;
        request.signal.addEventListener('abort', () => {
          reason = request.signal.reason;
          resolve();
        });
        // Never answers: the client hangs up.
      });
    });
    if (s === undefined) throw new Error('no server');
    const listening = s;
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const port = (listening.address() as AddressInfo).port;
    const socket = connect(port, '127.0.0.1', () => socket.write(get('/', 'Host: h')));
    await expect.poll(() => received).toBe(true);
    socket.destroy();
    await aborted;
    expect(reason).toBeInstanceOf(Error);
  });

  it('does not abort a request that was answered', async () => {
    let signal: AbortSignal | undefined;
    const port = await listen(
      (res) => ({ res }),
      async (request) => {
        signal = request.signal;
      },
    );
    await seen(port, get('/', 'Host: h'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signal?.aborted).toBe(false);
  });
});
