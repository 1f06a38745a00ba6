/**
 * A Domain attribute naming an IP address, against real Chromium (Debian's `chromium` through
 * playwright-core): responses from 127.0.0.1 (reached also as `127.000.0.1`, which the URL parser
 * canonicalizes) and from the IPv4-mapped IPv6 address `[::ffff:127.0.0.1]` (canonical
 * `[::ffff:7f00:1]`) set cookies whose Domain writes the same address in other forms. An IP address
 * has no registrable domain, so RFC 6265bis §5.7 step 9 keeps such a cookie only when the Domain is
 * the request host, then host-only. Chromium compares the attribute as written (lowercased, one
 * leading dot dropped) with the canonical host: `Domain=127.000.0.1` and
 * `Domain=[::ffff:127.0.0.1]` are refused, `Domain=[::FFFF:7F00:1]` is kept. The jar must store
 * exactly what Chromium stores. Needs /usr/bin/chromium: fails (never skips) without it.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../src/jar/cookie-jar.js';
import { type Browser, launch } from './helpers/chromium.js';

/** The lines each kind of host answers with: the same address written several ways. */
const LINES: Record<string, string[]> = {
  v4: [
    'a=1; Domain=127.000.0.1',
    'b=1; Domain=127.0.0.1',
    'c=1; Domain=0x7f.0.0.1',
    'd=1; Domain=127.1',
    'e=1; Domain=.127.000.0.1',
    'f=1; Domain=0177.0.0.1',
    'g=1; Domain=.127.0.0.1',
  ],
  v6: [
    'a=1; Domain=[::ffff:127.0.0.1]',
    'b=1; Domain=[::ffff:7f00:1]',
    'c=1; Domain=::ffff:7f00:1',
    'd=1; Domain=[::FFFF:7F00:1]',
    'e=1; Domain=::ffff:127.0.0.1',
    'f=1; Domain=[0:0:0:0:0:ffff:7f00:1]',
    'g=1; Domain=.[::ffff:7f00:1]',
  ],
};

/** Each origin as the test writes it, and which lines it answers with. */
const ORIGINS: Array<[host: string, lines: string]> = [
  ['127.0.0.1', 'v4'],
  ['127.000.0.1', 'v4'],
  ['[::ffff:127.0.0.1]', 'v6'],
  ['[::ffff:7f00:1]', 'v6'],
];

let server: Server;
let port = 0;
let browser: Browser;
let cdp: CDPSession;
/** What Chromium stored for each origin: `name@domain`, `.` before a domain cookie's domain. */
const chromium = new Map<string, string[]>();

function serve(socket: Socket): void {
  let buffered = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\r\n\r\n'); end !== -1; end = buffered.indexOf('\r\n\r\n')) {
      const head = buffered.slice(0, end);
      buffered = buffered.slice(end + 4);
      const target = new URL(head.split(' ')[1] ?? '/', 'http://x');
      const headers = ['Cache-Control: no-store', 'Content-Type: text/html'];
      for (const line of LINES[target.searchParams.get('set') ?? ''] ?? []) {
        headers.push(`Set-Cookie: ${line}`);
      }
      socket.write(
        `HTTP/1.1 200 OK\r\n${headers.join('\r\n')}\r\nContent-Length: 2\r\n\r\nok`,
        'latin1',
      );
    }
  });
  socket.on('error', () => {});
}

const stored = (cookies: Array<{ name: string; domain: string }>): string[] =>
  cookies.map((c) => `${c.name}@${c.domain}`).sort();

beforeAll(async () => {
  server = createServer(serve);
  // Dual stack: the IPv4-mapped address reaches the IPv4 loopback through the IPv6 socket.
  await new Promise<void>((resolve) =>
    server.listen({ port: 0, host: '::', ipv6Only: false }, resolve),
  );
  port = (server.address() as import('node:net').AddressInfo).port;
  browser = await launch();
  const page = await browser.context.newPage();
  cdp = await browser.context.newCDPSession(page);
  for (const [host, lines] of ORIGINS) {
    await cdp.send('Network.clearBrowserCookies');
    await page.goto(`http://${host}:${port}/`);
    await page.evaluate(
      (url) => fetch(url, { credentials: 'include', cache: 'no-store' }).then(() => undefined),
      `/set?set=${lines}`,
    );
    const { cookies } = (await cdp.send('Network.getAllCookies')) as {
      cookies: Array<{ name: string; domain: string }>;
    };
    chromium.set(host, stored(cookies));
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('an IP-address Domain attribute, as Chromium stores it', () => {
  it.each(ORIGINS)('from http://%s: the jar keeps what Chromium keeps', (host, lines) => {
    const jar = new CookieJar();
    const url = `http://${host}:${port}/set?set=${lines}`;
    for (const line of LINES[lines] ?? []) jar.setCookie(line, url);
    const ours = stored(
      jar
        .allCookies()
        .map((c) => ({ name: c.name, domain: c.hostOnly ? c.domain : `.${c.domain}` })),
    );
    expect(ours).toEqual(chromium.get(host));
  });

  it('Chromium compares the Domain as written: another spelling of the host address is refused', () => {
    // Recorded from Chromium (the same run): only the spellings equal to the canonical host, after
    // lowercasing and dropping one leading dot, give a (host-only) cookie.
    expect(chromium.get('127.000.0.1')).toEqual(['b@127.0.0.1', 'g@127.0.0.1']);
    expect(chromium.get('[::ffff:127.0.0.1]')).toEqual([
      'b@[::ffff:7f00:1]',
      'd@[::ffff:7f00:1]',
      'g@[::ffff:7f00:1]',
    ]);
  });
});
