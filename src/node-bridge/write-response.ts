/** @module `writeResponse`: a Fetch `Response` sent on a Node `ServerResponse`, Set-Cookie kept apart. */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Statuses that never carry a body (RFC 9110 §6.4.1), whatever the handler returned. */
const NO_BODY_STATUS = new Set([204, 205, 304]);

/**
 * Sends a standard `Response` on a Node `ServerResponse`: status and status text, every header, each
 * `Set-Cookie` as its own header line (read with `headers.getSetCookie()` and handed to Node as an
 * array, never comma-joined), then the body streamed with backpressure. A response straight from
 * `fetch()` loses `Content-Encoding` and `Content-Length`, since fetch already decompressed its body. A `HEAD` request, or a
 * 204/205/304 status, gets the headers and no body. If the client goes away, the body stream is
 * cancelled. Resolves when the response is finished (or abandoned).
 *
 * Rejects, after destroying the connection, when the body stream errors once the headers are sent;
 * before that, it rejects without writing anything, so the caller can still answer 500.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { writeResponse } from 'shortbread/node';
 *
 * createServer((req, res) => {
 *   const response = new Response('hi');
 *   response.headers.append('set-cookie', 'a=1; Path=/');
 *   response.headers.append('set-cookie', 'b=2; Path=/');
 *   void writeResponse(response, res); // two Set-Cookie lines on the wire
 * });
 * ```
 */
export async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  if (response.bodyUsed || response.body?.locked === true) {
    // Found out before the headers go, so the caller can still answer 500.
    throw new TypeError(
      'response body is invalid: already read (a Response body can be sent once; return a fresh Response or response.clone())',
    );
  }
  const headers: OutgoingHttpHeaders = {};
  // A Response from fetch() (type "basic" or "cors") has a body fetch already decompressed, under
  // the Content-Encoding and Content-Length of the compressed bytes: sent on as is, the client would
  // try to decompress plain bytes. Those two headers describe bytes that are no longer there.
  const decoded = response.type === 'basic' || response.type === 'cors';
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    if (decoded && (name === 'content-encoding' || name === 'content-length')) continue;
    headers[name] = value;
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;

  const body = response.body;
  const bodyless = res.req?.method === 'HEAD' || NO_BODY_STATUS.has(response.status);
  if (response.statusText === '') res.writeHead(response.status, headers);
  else res.writeHead(response.status, response.statusText, headers);

  if (body === null || bodyless) {
    if (body !== null) await body.cancel().catch(ignore);
    res.end();
    return;
  }

  const reader = body.getReader();
  const onClose = (): void => {
    // The client went away: stop producing the body.
    reader.cancel().catch(ignore);
  };
  res.once('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) {
        await reader.cancel().catch(ignore);
        return;
      }
      if (!res.write(value)) await drained(res);
    }
    if (!res.destroyed) res.end();
  } catch (error) {
    // The headers are out: the only way to say "this body is broken" is to cut the connection.
    res.destroy();
    throw error;
  } finally {
    res.off('close', onClose);
  }
}

/** Waits for room in the socket buffer, or for the connection to close. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

function ignore(): void {}
