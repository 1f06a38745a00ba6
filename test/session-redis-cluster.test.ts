/**
 * The Redis store on a real six-node Redis Cluster (three masters, one replica each) while the
 * cluster changes under load: the slot holding the live sessions moves to another master with its
 * keys (`redis-cli --cluster reshard`), then that master fails over to its replica (`CLUSTER
 * FAILOVER`). Every write the app acknowledged is still there afterwards; a request that fails gets
 * a `SessionStoreError` with a code (the app answers 503), and none waits long.
 */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sessions } from '../src/session.js';
import { RedisSessionStore } from '../src/session-redis.js';
import { type RedisClusterServer, startRedisCluster } from './helpers/redis-cluster.js';
import { SessionClient } from './helpers/session-client.js';

const SECRET = 'cluster secret, long enough to be real';

/** CRC16-XMODEM, the function Redis Cluster maps keys to slots with (slot = crc16 mod 16384). */
function keySlot(key: string): number {
  let crc = 0;
  for (const byte of new TextEncoder().encode(key)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

/** A hash tag whose keys land on `slot`. */
function tagForSlot(slot: number): string {
  for (let i = 0; ; i++) if (keySlot(`t${i}`) === slot) return `t${i}`;
}

describe('Redis Cluster: reshard and failover under load', () => {
  let cluster: RedisClusterServer;
  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);
  afterAll(async () => cluster?.stop());

  it('the CRC16 slot function agrees with CLUSTER KEYSLOT', async () => {
    for (const key of ['session:abc', '{t7}:x', 'hello', '']) {
      const answer = await cluster.cli(cluster.ports[0] as number, 'CLUSTER', 'KEYSLOT', key);
      expect(Number(answer.trim())).toBe(
        keySlot(key.startsWith('{') ? key.slice(1, key.indexOf('}')) : key),
      );
    }
  });

  it('keeps every acknowledged write while the sessions slot moves and its master fails over', async () => {
    // Masters that serve slots: a node's view can still list a replica-to-be as a slotless master.
    const masters = (await cluster.nodes()).filter(
      (node) => node.role === 'master' && node.slots.length > 0,
    );
    const source = masters[0];
    const target = masters[1];
    if (source === undefined || target === undefined) throw new Error('expected three masters');
    // Every session on the first slot of the source master: reshard moves the lowest slots first.
    const firstSlot = Math.min(...source.slots.map(([from]) => from));
    const prefix = `{${tagForSlot(firstSlot)}}:session:`;
    const client = new Cluster(
      cluster.ports.map((port) => ({ host: '127.0.0.1', port })),
      {
        redisOptions: { maxRetriesPerRequest: 1, commandTimeout: 2000 },
        retryDelayOnMoved: 20,
        retryDelayOnClusterDown: 100,
        retryDelayOnFailover: 100,
      },
    );
    client.on('error', () => undefined);
    const store = new RedisSessionStore({ client, prefix });
    const sessions = new Sessions({ secret: SECRET, store });
    const app = sessions.wrap(
      (request, session) => {
        const key = new URL(request.url).searchParams.get('key');
        if (key !== null) session.set(key, true);
        return new Response('ok');
      },
      { onError: (error) => new Response(error.code, { status: 503 }) },
    );
    const users = Array.from({ length: 16 }, () => new SessionClient(app));
    const acknowledged = users.map(() => [] as string[]);
    const failures: string[] = [];
    const codes = new Map<string, number>();
    let slowest = 0;
    let running = true;
    try {
      for (const user of users) expect((await user.get('/?key=seed')).status).toBe(200);
      const loops = users.map(async (user, index) => {
        for (let i = 0; running; i++) {
          const started = Date.now();
          const exchange = await user.get(`/?key=k${i}`);
          slowest = Math.max(slowest, Date.now() - started);
          if (exchange.status === 200) acknowledged[index]?.push(`k${i}`);
          else if (exchange.status === 503 && /^ERR_SESSION_STORE_[A-Z_]+$/.test(exchange.text)) {
            codes.set(exchange.text, (codes.get(exchange.text) ?? 0) + 1);
            await new Promise((resolve) => setTimeout(resolve, 20));
          } else failures.push(`user ${index} k${i}: ${exchange.status} ${exchange.text}`);
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const beforeMoves = acknowledged.map((keys) => keys.length);

      await cluster.reshard(source.id, target.id, 10);
      const afterReshard = await cluster.nodes();
      const owner = afterReshard.find((node) =>
        node.slots.some(([from, to]) => from <= firstSlot && firstSlot <= to),
      );
      expect(owner?.id).toBe(target.id);
      const duringReshard = acknowledged.map((keys) => keys.length);

      const promoted = await cluster.failover(target.id);
      const afterFailover = await cluster.nodes();
      expect(
        afterFailover.find((node) =>
          node.slots.some(([from, to]) => from <= firstSlot && firstSlot <= to),
        )?.id,
      ).toBe(promoted);
      const counts = acknowledged.map((keys) => keys.length);
      // Requests go on after both moves: every user gets more acknowledged writes.
      for (
        let i = 0;
        i < 150 && acknowledged.some((keys, u) => keys.length <= (counts[u] ?? 0) + 2);
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      running = false;
      await Promise.all(loops);

      expect(failures).toEqual([]);
      expect(beforeMoves.every((count) => count > 0)).toBe(true);
      expect(duringReshard.reduce((a, b) => a + b, 0)).toBeGreaterThan(
        beforeMoves.reduce((a, b) => a + b, 0),
      );
      expect(acknowledged.every((keys, u) => keys.length > (counts[u] ?? 0) + 2)).toBe(true);
      // Never a hang: commandTimeout bounds every call, redirections included.
      expect(slowest).toBeLessThan(10_000);
      for (const [index, user] of users.entries()) {
        const read = await sessions.load(
          new Request('http://x/', { headers: { cookie: `session=${user.cookie}` } }),
        );
        for (const key of ['seed', ...(acknowledged[index] ?? [])]) {
          expect(read.get(key), `user ${index} lost ${key}`).toBe(true);
        }
      }
      // The sessions really are on the promoted master now.
      const promotedPort = afterFailover.find((node) => node.id === promoted)?.port as number;
      const keys = await cluster.cli(promotedPort, 'CLUSTER', 'COUNTKEYSINSLOT', String(firstSlot));
      expect(Number(keys.trim())).toBe(users.length);
      console.log(
        `cluster: ${acknowledged.reduce((n, keys) => n + keys.length, 0)} acknowledged writes, failures as 503: ${JSON.stringify(Object.fromEntries(codes))}, slowest ${slowest} ms`,
      );
    } finally {
      running = false;
      client.disconnect();
    }
  }, 120_000);
});
