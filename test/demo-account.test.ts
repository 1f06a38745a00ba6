/**
 * The demo's `/account` ("Your sessions") over plain requests, on every store the demo supports:
 * logging in lists this device, a second login with the same name lists two, revoking one logs that
 * browser out on its next request, "sign out everywhere else" keeps only the current one, sign out
 * ends it. The name and the user agent are escaped; the cookie store explains why it cannot list or
 * revoke instead of failing; the client address comes from the socket, never from the client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeAgo } from '../demo/account-page.js';
import { createApp } from '../demo/app.js';
import { CLIENT_ADDRESS_HEADER, tellClientAddress } from '../demo/client-address.js';
import type { SessionDemoOptions } from '../demo/session-store.js';
import { browserName } from '../demo/user-agent.js';
import { serve } from '../src/node.js';
import { type PostgresServer, startPostgres } from './helpers/postgres.js';
import { type RedisServer, startRedis } from './helpers/redis.js';

const SECRET = 'demo account test secret';
const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

type App = (request: Request) => Promise<Response>;

/** One browser: keeps its `session` cookie, sends its user agent and address. */
function device(app: App, agent: string, address = '10.0.0.1') {
  let cookie: string | undefined;
  const send = async (init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('user-agent', agent);
    headers.set(CLIENT_ADDRESS_HEADER, address);
    if (cookie !== undefined) headers.set('cookie', cookie);
    const response = await app(new Request('http://demo.test/account', { ...init, headers }));
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      cookie =
        /^session=.+/.test(pair) && !/Expires=Thu, 01 Jan 1970/.test(line) ? pair : undefined;
    }
    return response;
  };
  const post = (fields: Record<string, string>) =>
    send({ method: 'POST', body: new URLSearchParams(fields) });
  return {
    get: async () => {
      const response = await send();
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      return response.text();
    },
    post,
    login: async (name: string) => {
      const response = await post({ action: 'login', name });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/account');
    },
  };
}

/** The handles (`data-session`) on a page, the current one marked with `*`. */
function rows(html: string): string[] {
  return [...html.matchAll(/<tr data-session="([^"]+)"( data-current)?>/g)].map(
    (m) => `${m[2] === undefined ? '' : '*'}${m[1]}`,
  );
}

const LOGIN_FORM = 'id="login-name"';

let redis: RedisServer;
let postgres: PostgresServer;
const dbDir = mkdtempSync(join(tmpdir(), 'shortbread-demo-account-'));
beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
}, 60_000);
afterAll(async () => {
  await redis?.stop();
  await postgres?.stop();
  rmSync(dbDir, { recursive: true, force: true });
});

const stores: [string, () => SessionDemoOptions][] = [
  ['sqlite', () => ({ sessionStore: 'sqlite', filename: join(dbDir, 'sessions.db') })],
  ['memory', () => ({ sessionStore: 'memory' })],
  ['redis', () => ({ sessionStore: 'redis', redisUrl: redis.url })],
  ['postgres', () => ({ sessionStore: 'postgres', databaseUrl: postgres.url })],
];

for (const [kind, options] of stores) {
  describe(`/account on the ${kind} store`, () => {
    let app: App;
    beforeAll(() => {
      app = createApp({ ...options(), secret: SECRET });
    });

    it('lists both devices of a user, revokes one, then all but this one, then signs out', async () => {
      const laptop = device(app, CHROME_LINUX, '10.0.0.1');
      const phone = device(app, FIREFOX_WINDOWS, '10.0.0.2');
      const tablet = device(app, CHROME_LINUX, '10.0.0.3');
      expect(await laptop.get()).toContain(LOGIN_FORM);
      await laptop.login(`ada-${kind}`);
      await phone.login(`ada-${kind}`);
      const page = await laptop.get();
      expect(page).toContain(`Signed in as ada-${kind}`);
      expect(page).toContain('Chrome 131 on Linux');
      expect(page).toContain('Firefox 133 on Windows');
      expect(page).toContain('<code>10.0.0.2</code>');
      expect(page).toContain('this device');
      const listed = rows(page);
      expect(listed).toHaveLength(2);
      // This device first.
      expect(listed[0]).toMatch(/^\*/);
      const phoneHandle = listed.find((h) => !h.startsWith('*'));
      expect(rows(await phone.get())).toHaveLength(2);

      // Revoke the phone from the laptop: its next request is logged out.
      expect((await laptop.post({ action: 'revoke', handle: phoneHandle ?? '' })).status).toBe(303);
      expect(await phone.get()).toContain(LOGIN_FORM);
      expect(rows(await laptop.get())).toHaveLength(1);

      // Two more devices, then "sign out everywhere else" from the laptop.
      await phone.login(`ada-${kind}`);
      await tablet.login(`ada-${kind}`);
      expect(rows(await laptop.get())).toHaveLength(3);
      await laptop.post({ action: 'others' });
      expect(await phone.get()).toContain(LOGIN_FORM);
      expect(await tablet.get()).toContain(LOGIN_FORM);
      expect(rows(await laptop.get())).toEqual([expect.stringMatching(/^\*/)]);

      await laptop.post({ action: 'logout' });
      expect(await laptop.get()).toContain(LOGIN_FORM);
    });

    it('escapes the name and the user agent', async () => {
      const evil = device(app, '<script>alert("ua")</script>');
      await evil.login('<script>alert("name")</script>');
      const page = await evil.get();
      expect(page).not.toContain('<script');
      expect(page).toContain('Signed in as &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
      expect(page).toContain('&lt;script&gt;alert(&quot;ua&quot;)&lt;/script&gt;');
    });
  });
}

describe('/account on the cookie store', () => {
  it('logs in, explains why it cannot list or revoke, and signs out', async () => {
    const app = createApp({ sessionStore: 'cookie', secret: SECRET });
    const browser = device(app, CHROME_LINUX);
    await browser.login('<b>ada</b>');
    const page = await browser.get();
    expect(page).toContain('id="cookie-store"');
    expect(page).toContain('Signed in as &lt;b&gt;ada&lt;/b&gt;');
    expect(page).toContain('cannot list');
    expect(page).toContain('ERR_SESSION_STORE_UNSUPPORTED');
    // Nothing to revoke: the action is ignored, not a crash.
    expect((await browser.post({ action: 'others' })).status).toBe(303);
    await browser.post({ action: 'logout' });
    expect(await browser.get()).toContain(LOGIN_FORM);
  });
});

describe('/account form handling', () => {
  it('refuses an empty name with the form again', async () => {
    const app = createApp({ sessionStore: 'memory', secret: SECRET });
    const response = await device(app, CHROME_LINUX).post({ action: 'login', name: '  ' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Give a name');
  });

  it('takes the address from the socket, not from a header the client sent', async () => {
    const serving = await serve(createApp({ sessionStore: 'memory', secret: SECRET }), {
      port: 0,
    });
    tellClientAddress(serving.server);
    try {
      const headers = { [CLIENT_ADDRESS_HEADER]: '6.6.6.6', 'user-agent': CHROME_LINUX };
      const login = await fetch(`${serving.url}/account`, {
        method: 'POST',
        headers,
        body: new URLSearchParams({ action: 'login', name: 'eve' }),
        redirect: 'manual',
      });
      const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
      const page = await (
        await fetch(`${serving.url}/account`, { headers: { ...headers, cookie } })
      ).text();
      expect(page).toContain('<code>127.0.0.1</code>');
      expect(page).not.toContain('6.6.6.6');
    } finally {
      await serving.close();
    }
  });
});

describe('the demo helpers', () => {
  it('names browsers briefly', () => {
    expect(browserName(CHROME_LINUX)).toBe('Chrome 131 on Linux');
    expect(browserName(FIREFOX_WINDOWS)).toBe('Firefox 133 on Windows');
    expect(
      browserName(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 17 on iOS');
    expect(
      browserName(
        'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 Edg/131.0.0.0',
      ),
    ).toBe('Edge 131 on Android');
    expect(browserName('curl/8.5.0')).toBe('curl 8');
    expect(browserName('<script>alert(1)</script>')).toBeUndefined();
  });

  it('says how long ago', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    const ago = (seconds: number) => timeAgo(new Date(now.getTime() - seconds * 1000), now);
    expect([ago(3), ago(42), ago(60), ago(150), ago(3600 * 5), ago(86400 * 2)]).toEqual([
      'just now',
      '42 seconds ago',
      '1 minute ago',
      '2 minutes ago',
      '5 hours ago',
      '2 days ago',
    ]);
  });
});
