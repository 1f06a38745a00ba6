/** Issue 20 row 6 for Fastify: a chunked session is read back. Failed on main at 2c140b7. */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { shortbread } from '../src/adapters/fastify/shortbread.js';
import { Sessions } from '../src/session/sessions.js';

describe('row 6: Fastify reads a chunked session back', () => {
  it('loads session.0, session.1, … and keeps the data across requests', async () => {
    const sessions = new Sessions({
      secret: 'fastify chunked secret, 32 bytes+',
      cookie: { chunked: true },
    });
    const app = Fastify();
    await app.register(shortbread, { sessions });
    app.get('/', async (request) => {
      const session = request.session;
      const visits = Number(session.get('visits') ?? 0) + 1;
      session.set('visits', visits);
      if (session.get('blob') === undefined) {
        let blob = '';
        while (blob.length < 6000) blob += Math.random().toString(36).slice(2);
        session.set('blob', blob);
      }
      return String(visits);
    });
    try {
      const jar = new Map<string, string>();
      let last = '';
      for (let i = 0; i < 3; i++) {
        const cookie = [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
        const response = await app.inject({
          method: 'GET',
          url: '/',
          headers: cookie === '' ? {} : { cookie },
        });
        last = response.body;
        const lines = response.headers['set-cookie'];
        for (const line of Array.isArray(lines) ? lines : lines === undefined ? [] : [lines]) {
          const pair = line.slice(0, line.indexOf(';'));
          const eq = pair.indexOf('=');
          jar.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
      }
      expect([...jar.keys()].sort()).toEqual(['session.0', 'session.1']);
      expect(last).toBe('3');
    } finally {
      await app.close();
    }
  });
});
