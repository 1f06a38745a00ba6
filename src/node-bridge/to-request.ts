/** @module `toRequest`: a Node `IncomingMessage` as a standard Fetch `Request`, body streamed. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Options of {@link toRequest}.
 *
 * @example
 * ```ts
 * const options: ToRequestOptions = { res, trustProxy: true };
 * ```
 */
export interface ToRequestOptions {
  /**
   * The response of the same exchange: the request's `signal` aborts when it closes before it was
   * finished (the client went away). Without it, the signal aborts only when the request body is cut
   * off.
   */
  res?: ServerResponse | undefined;
  /**
   * Take the scheme and host from the first `X-Forwarded-Proto` / `X-Forwarded-Host` values, for an
   * app behind a TLS-terminating proxy (so `Secure` cookies and absolute URLs are right). Only turn
   * this on when a proxy you run sets these headers: a client can send them too. @default false
   */
  trustProxy?: boolean | undefined;
}

/** Only these carry no body in Fetch (`new Request` refuses one). */
const NO_BODY = new Set(['GET', 'HEAD']);

/**
 * RFC 9110 §7.2 Host: a reg-name or IPv4 (unreserved / pct-encoded / sub-delims) or an IP literal in
 * brackets, then an optional port. Linear: the classes cannot overlap at the boundaries.
 */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(?::[0-9]{0,5})?$/;

/**
 * Turns a Node request into a standard `Request`: method, absolute URL (scheme from the socket, host
 * from `Host`), every header (repeated ones kept: `Cookie` lines joined with `"; "` as one cookie
 * list, others with `", "`), the body as a stream for methods other than GET and HEAD, and a `signal`
 * that aborts when the client goes away.
 *
 * Never throws on what a client sent, with one exception: a missing or malformed `Host` falls back to
 * the socket's local address, and a header `Headers` refuses is left out; but `TRACE`, `TRACK` and
 * `CONNECT`, which Node accepts and Fetch forbids, throw the `TypeError` of `new Request`
 * ({@link createRequestListener} answers them 501). The request target is always read as a path of
 * this origin, so `//evil.example/x` stays a path and never becomes another host.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { toRequest, writeResponse } from 'shortbread/node';
 *
 * createServer(async (req, res) => {
 *   const request = toRequest(req, { res });
 *   await writeResponse(new Response(new URL(request.url).pathname), res);
 * });
 * ```
 */
export function toRequest(req: IncomingMessage, options?: ToRequestOptions): Request {
  const method = req.method ?? 'GET';
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    // HTTP/2 pseudo-headers (":path", ":authority") are not headers.
    if (name.startsWith(':')) continue;
    try {
      headers.append(name, raw[i + 1] ?? '');
    } catch {
      // Received input never throws: a header Fetch refuses (Node is more lenient) is dropped.
    }
  }

  const controller = new AbortController();
  const res = options?.res;
  if (res !== undefined) {
    res.once('close', () => {
      if (!res.writableFinished) controller.abort(new Error('the client closed the connection'));
    });
  } else {
    req.once('close', () => {
      if (!req.complete) controller.abort(new Error('the client closed the connection'));
    });
  }

  const init: RequestInit & { duplex?: 'half' } = {
    method,
    headers,
    signal: controller.signal,
  };
  if (!NO_BODY.has(method.toUpperCase())) {
    init.body = bodyOf(req);
    // Fetch needs this for a streamed request body (Node ≥ 18).
    init.duplex = 'half';
  }
  return new Request(urlOf(req, options?.trustProxy === true), init);
}

function urlOf(req: IncomingMessage, trustProxy: boolean): string {
  const encrypted = (req.socket as Partial<TLSSocket> | null)?.encrypted === true;
  let scheme = encrypted ? 'https' : 'http';
  let host = firstValue(req.headers.host ?? req.headers[':authority']);
  if (trustProxy) {
    const proto = firstValue(req.headers['x-forwarded-proto'])?.toLowerCase();
    if (proto === 'http' || proto === 'https') scheme = proto;
    host = firstValue(req.headers['x-forwarded-host']) ?? host;
  }
  const target = req.url ?? '/';
  const fallback = socketHost(req);
  if (host !== undefined && HOST.test(host)) {
    const url = tryUrl(`${scheme}://${host}`, target);
    if (url !== undefined) return url;
  }
  // No Host, a malformed one, or one URL refuses (a port over 65535): the socket's own address.
  return tryUrl(`${scheme}://${fallback}`, target) ?? `${scheme}://${fallback}/`;
}

function tryUrl(origin: string, target: string): string | undefined {
  try {
    if (target.startsWith('/')) return new URL(`${origin}${target}`).href;
    // RFC 9112 §3.2.2: an absolute-form target names the URL itself (proxies send it).
    if (/^https?:\/\//i.test(target)) {
      const url = new URL(target);
      // Fetch refuses a Request URL with credentials in it.
      return url.username === '' && url.password === '' ? url.href : undefined;
    }
    // "*" (OPTIONS) and anything else: the origin itself.
    return new URL(`${origin}/`).href;
  } catch {
    return undefined;
  }
}

/** The first of a possibly repeated or comma-separated header value, trimmed; undefined if empty. */
function firstValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  const comma = text.indexOf(',');
  const first = (comma === -1 ? text : text.slice(0, comma)).trim();
  return first === '' ? undefined : first;
}

function socketHost(req: IncomingMessage): string {
  const address = req.socket?.localAddress;
  const port = req.socket?.localPort;
  if (address === undefined || address === '') return 'localhost';
  const host = address.includes(':') ? `[${address}]` : address;
  return port === undefined ? host : `${host}:${port}`;
}

/**
 * The request body as a byte stream that reads from `req` only when pulled (backpressure); nothing is
 * read if the handler never asks, and Node discards the unread rest when the response ends.
 */
function bodyOf(req: IncomingMessage): ReadableStream<Uint8Array> {
  let chunks: AsyncIterator<Uint8Array | string> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= req[Symbol.asyncIterator]() as AsyncIterator<Uint8Array | string>;
        const next = await chunks.next();
        if (next.done === true) controller.close();
        else if (typeof next.value === 'string')
          controller.enqueue(new TextEncoder().encode(next.value));
        else controller.enqueue(next.value);
      },
      async cancel() {
        if (chunks === undefined) req.resume();
        else await chunks.return?.();
      },
    },
    // No read-ahead: pull runs when the handler reads, not when the stream is made.
    { highWaterMark: 0 },
  );
}
