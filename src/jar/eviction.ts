/**
 * @module Cookie limits and eviction as Chromium's CookieMonster does them (RFC 6265bis §5.7 leaves
 * limits to the user agent, §6.1 sets minimums): per registrable domain, per partition, and in total.
 */
import type { Priority } from '../codec/types.js';
import type { JarStore } from './stores/jar-store.js';
import type { JarCookie } from './types.js';

/**
 * The limits a jar enforces. Defaults are Chromium's.
 *
 * @example
 * ```ts
 * const limits: JarLimits = { ...CHROMIUM_LIMITS, perDomain: 50, perDomainPurgeTo: 40 };
 * ```
 */
export interface JarLimits {
  /** Unpartitioned cookies per registrable domain before eviction. Chromium: 180. */
  perDomain: number;
  /** How many remain after a per-domain eviction. Chromium: 150. */
  perDomainPurgeTo: number;
  /** Cookies kept per priority during per-domain eviction. Chromium: 30 / 50 / 70. */
  priorityQuota: Readonly<Record<Priority, number>>;
  /** Cookies in the whole jar before global eviction. Chromium: 3300. */
  total: number;
  /** How many remain after a global eviction. Chromium: 3000. */
  totalPurgeTo: number;
  /** Cookies accessed within this many milliseconds are safe from global eviction. Chromium: 30 days. */
  globalSafeMillis: number;
  /** Cookies per (partition, registrable domain). Chromium: 180. */
  perPartitionDomain: number;
  /** Name+value bytes per (partition, registrable domain). Chromium: 10 KiB. */
  perPartitionDomainBytes: number;
}

/**
 * Chromium's limits (net/cookies/cookie_monster.h).
 *
 * @example
 * ```ts
 * CHROMIUM_LIMITS.perDomain; // 180
 * ```
 */
export const CHROMIUM_LIMITS: Readonly<JarLimits> = Object.freeze({
  perDomain: 180,
  perDomainPurgeTo: 150,
  priorityQuota: Object.freeze({ low: 30, medium: 50, high: 70 }),
  total: 3300,
  totalPurgeTo: 3000,
  globalSafeMillis: 30 * 24 * 60 * 60 * 1000,
  perPartitionDomain: 180,
  perPartitionDomainBytes: 10 * 1024,
});

function isExpired(cookie: JarCookie, now: number): boolean {
  return cookie.expires !== undefined && cookie.expires.getTime() <= now;
}

function byLastAccess(a: JarCookie, b: JarCookie): number {
  return (
    a.lastAccess.getTime() - b.lastAccess.getTime() || a.creation.getTime() - b.creation.getTime()
  );
}

/**
 * Chromium's purge rounds: low-priority cookies go first, and within a priority non-secure ones before
 * secure ones; each round keeps the priority's quota.
 */
const purgeRounds: ReadonlyArray<readonly [Priority, boolean]> = [
  ['low', true],
  ['low', false],
  ['medium', true],
  ['high', true],
  ['medium', false],
  ['high', false],
];

/** One purge round over `cookies` (least recently accessed first); returns the removed ones. */
function purgeRound(
  cookies: JarCookie[],
  priority: Priority,
  protect: number,
  goal: number,
  protectSecure: boolean,
): JarCookie[] {
  let candidates = 0;
  let secureCandidates = 0;
  for (const c of cookies) {
    if (c.priority !== priority) continue;
    candidates++;
    if (c.secure) secureCandidates++;
  }
  // The priority keeps its quota: a round with no more than `protect` cookies deletes none.
  if (candidates <= protect) return [];
  candidates -= protect;
  if (protectSecure) candidates -= Math.max(secureCandidates, protect) - protect;
  candidates = Math.min(candidates, goal);
  const removed: JarCookie[] = [];
  for (let i = 0; i < cookies.length && removed.length < candidates; ) {
    const c = cookies[i] as JarCookie;
    if (c.priority === priority && !(protectSecure && c.secure)) {
      removed.push(c);
      cookies.splice(i, 1);
    } else i++;
  }
  return removed;
}

/**
 * Applies the per-domain and per-partition limits to the cookies under `key`, after an insertion.
 * `partitioned: false` says the insertion was unpartitioned, so partitions need no check. Returns how
 * many cookies were removed.
 *
 * @example
 * ```ts
 * evictDomain(store, 'example.com', Date.now(), CHROMIUM_LIMITS);
 * ```
 */
export function evictDomain(
  store: JarStore,
  key: string,
  now: number,
  limits: JarLimits,
  partitioned = true,
): number {
  // Fast exit: under every count limit, and no partition whose byte limit could be crossed.
  if (!partitioned && store.countByKey(key) <= limits.perDomain) return 0;
  const all = store.findByKey(key);
  let removed = 0;
  const unpartitioned: JarCookie[] = [];
  const partitions = new Map<string, JarCookie[]>();
  for (const c of all) {
    if (c.partitionKey === undefined) unpartitioned.push(c);
    else {
      let list = partitions.get(c.partitionKey);
      if (list === undefined) {
        list = [];
        partitions.set(c.partitionKey, list);
      }
      list.push(c);
    }
  }

  if (unpartitioned.length > limits.perDomain) {
    // Expired cookies go first.
    let live: JarCookie[] = [];
    for (const c of unpartitioned) {
      if (isExpired(c, now)) {
        store.remove(key, c);
        removed++;
      } else live.push(c);
    }
    if (live.length > limits.perDomain) {
      live = live.sort(byLastAccess);
      let goal = live.length - limits.perDomainPurgeTo;
      for (const [priority, protectSecure] of purgeRounds) {
        if (goal <= 0) break;
        const out = purgeRound(live, priority, limits.priorityQuota[priority], goal, protectSecure);
        for (const c of out) store.remove(key, c);
        goal -= out.length;
        removed += out.length;
      }
    }
  }

  for (const list of partitions.values()) {
    let bytes = 0;
    for (const c of list) bytes += c.name.length + c.value.length;
    if (list.length <= limits.perPartitionDomain && bytes <= limits.perPartitionDomainBytes)
      continue;
    list.sort(
      (a, b) => Number(isExpired(b, now)) - Number(isExpired(a, now)) || byLastAccess(a, b),
    );
    let count = list.length;
    for (const c of list) {
      if (count <= limits.perPartitionDomain && bytes <= limits.perPartitionDomainBytes) break;
      store.remove(key, c);
      count--;
      bytes -= c.name.length + c.value.length;
      removed++;
    }
  }
  return removed;
}

/**
 * Applies the global limit: over `total`, expired cookies go, then the least recently accessed
 * (non-secure before secure) down to `totalPurgeTo`, sparing cookies accessed within
 * `globalSafeMillis` as Chromium does. Returns how many were removed.
 *
 * @example
 * ```ts
 * evictGlobal(store, Date.now(), CHROMIUM_LIMITS);
 * ```
 */
export function evictGlobal(store: JarStore, now: number, limits: JarLimits): number {
  if (store.size <= limits.total) return 0;
  let removed = 0;
  const live: Array<[string, JarCookie]> = [];
  for (const key of store.keys()) {
    for (const c of store.findByKey(key)) {
      if (isExpired(c, now)) {
        store.remove(key, c);
        removed++;
      } else live.push([key, c]);
    }
  }
  if (live.length <= limits.total) return removed;
  let goal = live.length - limits.totalPurgeTo;
  const safeAfter = now - limits.globalSafeMillis;
  live.sort((a, b) => byLastAccess(a[1], b[1]));
  for (const secureRound of [false, true]) {
    for (const [key, c] of live) {
      if (goal <= 0) return removed;
      if (c.secure !== secureRound || c.lastAccess.getTime() >= safeAfter) continue;
      store.remove(key, c);
      removed++;
      goal--;
    }
  }
  return removed;
}
