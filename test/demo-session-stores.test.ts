/**
 * The demo's `/session` with each store the load and fault scripts use: `?format=json` counts (GET
 * reads, POST adds one), memory and Redis keep the count, and a store that cannot be reached answers
 * 503 "session store unavailable" with the error's code, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../demo/app.js';
import { freePort } from './helpers/free-port.js';
import { type RedisServer, startRedis } from './helpers/redis.js';

const post = (cookie?: string) =>
  new Request('http://localhost/session?format=json', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie === undefined ? {} : { cookie }),
    },
    body: 'action=count',
  });

async function countTwice(app: (request: Request) => Promise<Response>): Promise<number[]> {
  const first = await app(post());
  expect(first.status).toBe(200);
  const cookie = first.headers.get('set-cookie')?.split(';')[0];
  expect(cookie).toMatch(/^session=/);
  const second = await app(post(cookie));
  // The cookie store sends a new cookie on each change; the server stores keep the same id.
  const latest = second.headers.get('set-cookie')?.split(';')[0] ?? cookie;
  const read = await app(
    new Request('http://localhost/session?format=json', { headers: { cookie: latest ?? '' } }),
  );
  return [
    ((await first.json()) as { count: number }).count,
    ((await second.json()) as { count: number }).count,
    ((await read.json()) as { count: number }).count,
  ];
}

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

describe('demo /session?format=json', () => {
  it('counts in memory: POST adds one, GET reads it back', async () => {
    const app = createApp({ sessionStore: 'memory', secret: 'test secret' });
    expect(await countTwice(app)).toEqual([1, 2, 2]);
  });

  it('counts in Redis', async () => {
    const app = createApp({ sessionStore: 'redis', secret: 'test secret', redisUrl: redis.url });
    expect(await countTwice(app)).toEqual([1, 2, 2]);
  });

  it('counts in a signed cookie', async () => {
    const app = createApp({ sessionStore: 'cookie', secret: 'test secret' });
    expect(await countTwice(app)).toEqual([1, 2, 2]);
  });

  it('answers 503 "session store unavailable" when Redis cannot be reached', async () => {
    const port = await freePort();
    const app = createApp({
      sessionStore: 'redis',
      secret: 'test secret',
      redisUrl: `redis://127.0.0.1:${port}`,
    });
    const response = await app(post());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.text()).toMatch(
      /^session store unavailable \(ERR_SESSION_STORE_(UNAVAILABLE|TIMEOUT)\); try again/,
    );
  });
});
