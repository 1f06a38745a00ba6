/**
 * @module The per-user index of sessions ("where you're signed in", "log out everywhere"): one
 * record per user in the session store itself, holding each session's handle, its id, creation
 * and last-seen times and the app's metadata, plus a tombstone per revoked handle. Every change is
 * a per-key `update` (atomic on every store), so concurrent logins and revocations keep each other.
 */
import { base64UrlEncode } from '../internal/base64url.js';
import { utf8Encode } from '../internal/bytes.js';
import { randomBytes } from '../internal/hmac.js';
import type { SessionChanges, SessionData, SessionValue } from './store.js';

/**
 * One of a user's live sessions, as `Sessions.list` gives it.
 *
 * @example
 * ```ts
 * const entry: UserSession = { id: 'q1w2e3', createdAt: new Date(), lastSeenAt: new Date(), metadata: { agent: 'Firefox' } };
 * ```
 */
export interface UserSession {
  /** A handle for `revoke`: not the session id, and it opens nothing. */
  readonly id: string;
  readonly createdAt: Date;
  /** The last time the session was written (every request, or once per `touchAfter`). */
  readonly lastSeenAt: Date;
  /** What the app gave `bind` (user agent, IP, ...), or `null`. */
  readonly metadata: SessionValue;
}

/** An index entry as stored: `{ s: session id, c: created, w: last seen, m: metadata }`. */
export interface IndexEntry {
  readonly sessionId: string;
  readonly created: number;
  readonly seen: number;
  readonly metadata: SessionValue;
}

const ENTRY = 'h:';
const TOMBSTONE = 'r:';

/** The index record's id: never a valid session id (`~` is not base64url), so no cookie opens it. */
export function indexId(user: string): string {
  return `~user~${base64UrlEncode(utf8Encode(user))}`;
}

/** A new handle: 128 random bits, base64url. */
export function newHandle(): string {
  return base64UrlEncode(randomBytes(16));
}

/** The entry and tombstone keys of a handle. */
export function entryKey(handle: string): string {
  return `${ENTRY}${handle}`;
}

export function tombstoneKey(handle: string): string {
  return `${TOMBSTONE}${handle}`;
}

/** The stored form of an entry. */
export function entryValue(entry: IndexEntry): SessionValue {
  return { s: entry.sessionId, c: entry.created, w: entry.seen, m: entry.metadata };
}

function readEntry(value: SessionValue | undefined): IndexEntry | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { s, c, w, m } = value as Record<string, SessionValue>;
  if (typeof s !== 'string' || typeof c !== 'number' || typeof w !== 'number') return undefined;
  return { sessionId: s, created: c, seen: w, metadata: m ?? null };
}

/** The live (not revoked) entries of an index record, by handle. */
export function entries(index: SessionData | undefined): Map<string, IndexEntry> {
  const out = new Map<string, IndexEntry>();
  if (index === undefined) return out;
  for (const key of Object.keys(index)) {
    if (!key.startsWith(ENTRY)) continue;
    const handle = key.slice(ENTRY.length);
    if (tombstoneKey(handle) in index) continue;
    const entry = readEntry(index[key]);
    if (entry !== undefined) out.set(handle, entry);
  }
  return out;
}

/** Whether a session with this handle may still be opened: listed, and not revoked. */
export function isListed(index: SessionData | undefined, handle: string): boolean {
  return index !== undefined && entryKey(handle) in index && !(tombstoneKey(handle) in index);
}

/**
 * The change that revokes `handles`: a tombstone each (so that a request in flight that writes the
 * entry again cannot revive it) and the entry gone; tombstones older than `keepMs` are dropped.
 */
export function revocation(
  index: SessionData | undefined,
  handles: Iterable<string>,
  now: number,
  keepMs: number,
): SessionChanges {
  const set = new Map<string, SessionValue>();
  const remove = new Set<string>();
  for (const handle of handles) {
    set.set(tombstoneKey(handle), now);
    remove.add(entryKey(handle));
  }
  for (const key of Object.keys(index ?? {})) {
    const at = index?.[key];
    if (key.startsWith(TOMBSTONE) && typeof at === 'number' && now - at > keepMs && !set.has(key)) {
      remove.add(key);
    }
  }
  return { clear: false, set, delete: remove };
}
