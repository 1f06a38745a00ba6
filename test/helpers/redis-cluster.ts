/**
 * @module Starts a real six-node Redis Cluster for a test: six `redis-server --cluster-enabled yes`
 * on free 127.0.0.1 ports, joined by `redis-cli --cluster create --cluster-replicas 1` into three
 * masters with one replica each. Slots can be moved between masters (`redis-cli --cluster
 * reshard`) and a master failed over to its replica (`CLUSTER FAILOVER`) while clients run. Fails
 * loudly, never skips, when redis-server or redis-cli is missing.
 */
import { execFile } from 'node:child_process';
import { type RedisServer, startRedis } from './redis.js';

/** One node as `CLUSTER NODES` describes it. */
export interface ClusterNode {
  readonly id: string;
  readonly port: number;
  readonly role: 'master' | 'replica';
  /** For a replica: its master's id. */
  readonly masterId: string | undefined;
  /** Slot ranges a master serves, inclusive. */
  readonly slots: readonly (readonly [number, number])[];
}

/**
 * A running six-node cluster.
 *
 * @example
 * ```ts
 * const cluster = await startRedisCluster();
 * new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
 * await cluster.stop();
 * ```
 */
export interface RedisClusterServer {
  /** Every node's port (masters and replicas). */
  readonly ports: readonly number[];
  /** `redis-cli -p <port> <args>`; resolves with its output. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** The cluster as one node sees it now. */
  nodes(): Promise<ClusterNode[]>;
  /** Moves `count` slots from one master to another with their keys (`redis-cli --cluster reshard`). */
  reshard(fromId: string, toId: string, count: number): Promise<void>;
  /**
   * Fails the master over to its replica (`CLUSTER FAILOVER` on the replica: the replica catches
   * up, then takes over), and waits until the cluster agrees. Resolves with the new master's id.
   */
  failover(masterId: string): Promise<string>;
  /** Waits until every node reports `cluster_state:ok` and agrees on the slot owners. */
  settled(): Promise<void>;
  /** Stops every node and removes their directories. */
  stop(): Promise<void>;
}

function redisCli(args: readonly string[], timeout = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('redis-cli', [...args], { encoding: 'utf8', timeout }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else
        reject(
          new Error(`redis-cli ${args.join(' ')} failed (${error.message}):\n${stdout}${stderr}`),
        );
    });
  });
}

function parseNodes(text: string): ClusterNode[] {
  const nodes: ClusterNode[] = [];
  for (const line of text.trim().split('\n')) {
    const [id, address, flags, master, , , , , ...slots] = line.trim().split(' ');
    if (id === undefined || address === undefined || flags === undefined) continue;
    if (flags.includes('fail') || flags.includes('noaddr')) continue;
    const port = Number(/:(\d+)@/.exec(address)?.[1]);
    const ranges: [number, number][] = [];
    for (const slot of slots) {
      if (slot.startsWith('[')) continue; // a slot being migrated
      const [from, to] = slot.split('-').map(Number);
      if (from !== undefined) ranges.push([from, to ?? from]);
    }
    nodes.push({
      id,
      port,
      role: flags.includes('master') ? 'master' : 'replica',
      masterId: master === '-' ? undefined : master,
      slots: ranges,
    });
  }
  return nodes;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts six nodes and makes them a cluster of three masters with a replica each; resolves when
 * every node reports `cluster_state:ok` and every replica is in sync.
 *
 * @example
 * ```ts
 * const cluster = await startRedisCluster();
 * try { ... } finally { await cluster.stop(); }
 * ```
 */
export async function startRedisCluster(): Promise<RedisClusterServer> {
  const servers: RedisServer[] = [];
  try {
    for (let i = 0; i < 6; i++) servers.push(await startRedis({ cluster: 'empty' }));
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
  const ports = servers.map((server) => server.port);
  const cli = (port: number, ...args: string[]) => redisCli(['-p', String(port), ...args]);
  const nodes = async () => {
    for (const port of ports) {
      try {
        return parseNodes(await cli(port, 'CLUSTER', 'NODES'));
      } catch {
        // That node is down: ask the next one.
      }
    }
    throw new Error('no cluster node answers CLUSTER NODES');
  };
  const settled = async () => {
    for (let i = 0; i < 300; i++) {
      const states = await Promise.all(ports.map((port) => cli(port, 'CLUSTER', 'INFO')));
      const views = await Promise.all(
        ports.map(async (port) =>
          // Every node must see the same masters with the same slots AND the same replicas of
          // each: right after `--cluster create` a node can still list a replica-to-be as a
          // slotless master, and a test that picks a master or its replica from that view fails.
          parseNodes(await cli(port, 'CLUSTER', 'NODES'))
            .filter((node) => node.slots.length > 0 || node.role === 'replica')
            .map((node) => `${node.id}:${node.masterId ?? ''}:${JSON.stringify(node.slots)}`)
            .sort()
            .join(' '),
        ),
      );
      const agreed =
        new Set(views).size === 1 && (views[0] ?? '').split(' ').length === ports.length;
      if (states.every((info) => info.includes('cluster_state:ok')) && agreed) {
        const replicas = (await nodes()).filter((node) => node.role === 'replica');
        const links = await Promise.all(
          replicas.map((node) => cli(node.port, 'INFO', 'replication')),
        );
        if (links.every((info) => info.includes('master_link_status:up'))) return;
      }
      await sleep(100);
    }
    throw new Error(`the cluster on ${ports.join(', ')} did not settle within 30 s`);
  };
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    await redisCli([
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ]);
    await settled();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    ports,
    cli,
    nodes,
    settled,
    stop,
    async reshard(fromId, toId, count) {
      const master = (await nodes()).find((node) => node.role === 'master');
      await redisCli([
        '--cluster',
        'reshard',
        `127.0.0.1:${master?.port}`,
        '--cluster-from',
        fromId,
        '--cluster-to',
        toId,
        '--cluster-slots',
        String(count),
        '--cluster-yes',
        '--cluster-pipeline',
        '100',
      ]);
      await settled();
    },
    async failover(masterId) {
      const replica = (await nodes()).find((node) => node.masterId === masterId);
      if (replica === undefined) throw new Error(`master ${masterId} has no replica`);
      const answer = (await cli(replica.port, 'CLUSTER', 'FAILOVER')).trim();
      if (answer !== 'OK')
        throw new Error(`CLUSTER FAILOVER on ${replica.port} answered ${answer}`);
      for (let i = 0; i < 300; i++) {
        const now = (await nodes()).find((node) => node.id === replica.id);
        if (now?.role === 'master' && now.slots.length > 0) break;
        await sleep(100);
      }
      await settled();
      return replica.id;
    },
  };
}
