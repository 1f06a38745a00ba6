/**
 * @module An in-memory {@link JarStore}, kept compact: one small record per cookie (flags packed in one
 * integer, times as numbers, repeated domains and paths shared), materialised as plain objects on read,
 * with each group's sending order kept (sorted on the first read, then updated by each write).
 */
import type { Priority } from '../../codec/types.js';
import { flatString } from '../flat-string.js';
import type { CookieIdentity, JarCookie, JarCookieView, JarSameSite } from '../types.js';
import { bySendingOrder, cookieOf, type JarStore, sameIdentity } from './jar-store.js';

const HOST_ONLY = 1;
const SECURE = 2;
const HTTP_ONLY = 4;
const SAME_SITE_SHIFT = 3;
const PRIORITY_SHIFT = 5;
const sameSites: readonly JarSameSite[] = ['unspecified', 'lax', 'strict', 'none'];
const priorities: readonly Priority[] = ['medium', 'low', 'high'];

/**
 * One cookie in 10 fields; the flags are read through getters, so a record is its own view. The
 * `name=value` pair is kept once made, so repeated reads do not rebuild it.
 */
class Entry implements JarCookieView {
  constructor(
    public name: string,
    public value: string,
    public domain: string,
    public path: string,
    public partitionKey: string | undefined,
    public flags: number,
    /** NaN for a session cookie. */
    public expiresAt: number,
    public creationAt: number,
    public lastAccessAt: number,
  ) {}
  /** Made on the first read that sends the cookie; a record's name and value never change. */
  #cookiePair: string | undefined = undefined;
  get cookiePair(): string {
    // A join builds a flat string; a template would keep a rope that every header join walks again.
    this.#cookiePair ??= this.name === '' ? this.value : [this.name, this.value].join('=');
    return this.#cookiePair;
  }
  get hostOnly(): boolean {
    return (this.flags & HOST_ONLY) !== 0;
  }
  get secure(): boolean {
    return (this.flags & SECURE) !== 0;
  }
  get httpOnly(): boolean {
    return (this.flags & HTTP_ONLY) !== 0;
  }
  get sameSite(): JarSameSite {
    return sameSites[(this.flags >> SAME_SITE_SHIFT) & 3] as JarSameSite;
  }
  get priority(): Priority {
    return priorities[(this.flags >> PRIORITY_SHIFT) & 3] as Priority;
  }
}

/**
 * The cookies under one key, in insertion order, and their sending order. The order is sorted on the
 * first read and then kept: a new cookie is inserted in place, a removed one taken out and one sent
 * again unchanged swapped in, so a read after a write need not sort again (which would cost
 * O(n log n) a read on a large key); only a replacement with another creation time (an import over an
 * existing cookie) drops it.
 */
class Group {
  entries: Entry[] = [];
  sendOrder: Entry[] | undefined = undefined;

  /** `entry` was appended to `entries`: it goes after every record that sorts before or level with it. */
  appended(entry: Entry): void {
    const order = this.sendOrder;
    if (order === undefined) return;
    // Binary search for the first record that sorts strictly after `entry`. Records level with it
    // (same path length and creation time) come first in insertion order, as the stable sort has them.
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (bySendingOrder(order[mid] as Entry, entry) > 0) high = mid;
      else low = mid + 1;
    }
    order.splice(low, 0, entry);
  }

  /**
   * `entry` took the place of `old` in `entries`. Same identity means same path; with the same
   * creation time too (the storage model keeps it when a value is sent again unchanged) the sort key
   * is unchanged and so is the place. Otherwise the order is sorted again on the next read.
   */
  replaced(old: Entry, entry: Entry): void {
    const order = this.sendOrder;
    if (order === undefined) return;
    const at = old.creationAt === entry.creationAt ? order.indexOf(old) : -1;
    if (at === -1) this.sendOrder = undefined;
    else order[at] = entry;
  }

  /** `entry` left `entries`; the rest keep their relative order. */
  removed(entry: Entry): void {
    const order = this.sendOrder;
    if (order === undefined) return;
    const at = order.indexOf(entry);
    if (at === -1) this.sendOrder = undefined;
    else order.splice(at, 1);
  }
}

/**
 * Cookies in memory, grouped by domain key. Holds 100k cookies in well under 300 bytes each.
 *
 * @example
 * ```ts
 * import { CookieJar, MemoryJarStore } from 'shortbread/jar';
 * const jar = new CookieJar({ store: new MemoryJarStore() });
 * ```
 */
export class MemoryJarStore implements JarStore {
  #groups = new Map<string, Group>();
  /**
   * Shares one flat string per distinct name, domain, path and partition key across records: flat
   * strings with their hash kept compare fast in the identity checks each write makes.
   */
  #interned = new Map<string, string>();
  #size = 0;

  #intern(text: string): string {
    const known = this.#interned.get(text);
    if (known !== undefined) return known;
    if (this.#interned.size > 65_536) this.#interned.clear();
    // A flat copy: a slice of the Set-Cookie line or URL would keep that alive and compare slowly.
    const flat = flatString(text);
    this.#interned.set(flat, flat);
    return flat;
  }

  findByKey(key: string, name?: string): JarCookie[] {
    const group = this.#groups.get(key);
    if (group === undefined) return [];
    const out: JarCookie[] = [];
    for (const entry of group.entries)
      if (name === undefined || entry.name === name) out.push(cookieOf(entry));
    return out;
  }

  countByKey(key: string): number {
    return this.#groups.get(key)?.entries.length ?? 0;
  }

  scan(key: string): readonly JarCookieView[] {
    return this.#groups.get(key)?.entries ?? [];
  }

  scanInSendOrder(key: string): readonly JarCookieView[] {
    const group = this.#groups.get(key);
    if (group === undefined) return [];
    group.sendOrder ??= group.entries.slice().sort(bySendingOrder);
    return group.sendOrder;
  }

  put(key: string, cookie: JarCookie): void {
    const flags =
      (cookie.hostOnly ? HOST_ONLY : 0) |
      (cookie.secure ? SECURE : 0) |
      (cookie.httpOnly ? HTTP_ONLY : 0) |
      (Math.max(sameSites.indexOf(cookie.sameSite), 0) << SAME_SITE_SHIFT) |
      (Math.max(priorities.indexOf(cookie.priority), 0) << PRIORITY_SHIFT);
    const entry = new Entry(
      this.#intern(cookie.name),
      cookie.value,
      this.#intern(cookie.domain),
      this.#intern(cookie.path),
      cookie.partitionKey === undefined ? undefined : this.#intern(cookie.partitionKey),
      flags,
      cookie.expires === undefined ? Number.NaN : cookie.expires.getTime(),
      cookie.creation.getTime(),
      cookie.lastAccess.getTime(),
    );
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = new Group();
      this.#groups.set(this.#intern(key), group);
    }
    const entries = group.entries;
    for (let i = 0; i < entries.length; i++) {
      const old = entries[i] as Entry;
      if (sameIdentity(old, cookie)) {
        entries[i] = entry;
        group.replaced(old, entry);
        return;
      }
    }
    entries.push(entry);
    group.appended(entry);
    this.#size++;
  }

  remove(key: string, identity: CookieIdentity): boolean {
    const group = this.#groups.get(key);
    if (group === undefined) return false;
    const entries = group.entries;
    // The jar removes what it read from this store: the record itself is found by reference.
    const at = identity instanceof Entry ? entries.indexOf(identity) : -1;
    for (let i = at === -1 ? 0 : at; i < entries.length; i++) {
      const entry = entries[i] as Entry;
      if (i === at || sameIdentity(entry, identity)) {
        entries.splice(i, 1);
        group.removed(entry);
        this.#size--;
        if (entries.length === 0) this.#groups.delete(key);
        return true;
      }
    }
    return false;
  }

  touch(key: string, cookies: readonly CookieIdentity[], lastAccess: Date): void {
    const group = this.#groups.get(key);
    if (group === undefined) return;
    const time = lastAccess.getTime();
    // The jar touches the records its read returned, in sending order: walk that order once with a
    // cursor, comparing references, instead of an identity search per cookie (50 sent cookies would
    // be 2500 comparisons of five fields).
    const order = group.sendOrder;
    let cursor = 0;
    for (const id of cookies) {
      if (order !== undefined && id instanceof Entry) {
        let at = cursor;
        while (at < order.length && order[at] !== id) at++;
        if (at < order.length) {
          id.lastAccessAt = time;
          cursor = at + 1;
          continue;
        }
      }
      for (const entry of group.entries) {
        if (sameIdentity(entry, id)) {
          entry.lastAccessAt = time;
          break;
        }
      }
    }
  }

  keys(): string[] {
    return [...this.#groups.keys()];
  }

  all(): JarCookie[] {
    const out: JarCookie[] = [];
    for (const group of this.#groups.values())
      for (const entry of group.entries) out.push(cookieOf(entry));
    return out;
  }

  get size(): number {
    return this.#size;
  }

  clear(): void {
    this.#groups.clear();
    this.#interned.clear();
    this.#size = 0;
  }
}
