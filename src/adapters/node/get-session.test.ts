import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Sessions } from '../../session/sessions.js';
import type { SessionStore } from '../../session/store.js';
import { getSession } from './get-session.js';

const SECRET = 'a test secret of some length, 32+';

async function withServer(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  run: (url: string) => Promise<void>,
): Promise<void> {
  const server = createServer((req, res) => {
    handler(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A store that is down. */
const down: SessionStore = {
  kind: 'down',
  get: async () => undefined,
  set: async () => {
    throw new Error('connection refused');
  },
  update: async () => undefined,
  destroy: async () => {},
  touch: async () => false,
};

describe('getSession (node:http)', () => {
  it('gives one session per request and saves it before the headers, keeping Vary and Set-Cookie', async () => {
    const sessions = new Sessions({ secret: SECRET });
    await withServer(
      async (req, res) => {
        const session = await getSession(req, res, sessions);
        expect(await getSession(req, res, sessions)).toBe(session);
        session.set('count', Number(session.get('count') ?? 0) + 1);
        res.setHeader('vary', 'Accept-Encoding');
        res.setHeader('set-cookie', 'theirs=1; Path=/');
        res.end(String(session.get('count')));
      },
      async (url) => {
        const first = await fetch(url);
        expect(await first.text()).toBe('1');
        const lines = first.headers.getSetCookie();
        expect(lines[0]).toBe('theirs=1; Path=/');
        expect(lines[1]).toMatch(/^session=[^;]+; HttpOnly; Path=\/$/);
        expect(first.headers.get('vary')).toBe('Accept-Encoding, Cookie');
        const cookie = (lines[1] ?? '').split(';')[0] ?? '';
        const second = await fetch(url, { headers: { cookie } });
        expect(await second.text()).toBe('2');
      },
    );
  });

  it('lets onError answer when the store fails while saving', async () => {
    const sessions = new Sessions({ secret: SECRET, store: down });
    await withServer(
      async (req, res) => {
        const session = await getSession(req, res, sessions, {
          onError: (_error, response) => {
            response.statusCode = 503;
            response.end('try again');
          },
        });
        session.set('user', 'alice');
        res.end('saved?');
      },
      async (url) => {
        const answer = await fetch(url);
        expect(answer.status).toBe(503);
        expect(await answer.text()).toBe('try again');
        expect(answer.headers.getSetCookie()).toEqual([]);
      },
    );
  });
});
