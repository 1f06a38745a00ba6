/**
 * @module A session's own bookkeeping for idle and absolute expiry and throttled touches: when it
 * was created and last written, kept in the session record under one reserved key that the
 * handler never sees. Written only when an expiry option is set, so Flask's records stay as Flask
 * writes them otherwise.
 */
import type { SessionChanges, SessionData, SessionValue } from './store.js';

/** The reserved key; the handler's `session` never shows it. */
export const META_KEY = '_shortbread';

/**
 * The bookkeeping of one session, in epoch milliseconds.
 *
 * @example
 * ```ts
 * const meta: SessionMeta = { created: 0, written: 0 };
 * ```
 */
export interface SessionMeta {
  /** When the session was first stored (kept across `regenerate()`). */
  readonly created: number;
  /** When the session (record and cookie) was last written. */
  readonly written: number;
  /** The user `Sessions.bind` tied it to. */
  readonly user?: string | undefined;
  /** Its handle in that user's index (not secret: it opens nothing). */
  readonly handle?: string | undefined;
}

/**
 * The expiry options of `Sessions`, in seconds; each unset means "no such rule".
 *
 * @example
 * ```ts
 * const policy: ExpiryPolicy = { idleTimeout: 1800, absoluteLifetime: 86400, touchAfter: 60 };
 * ```
 */
export interface ExpiryPolicy {
  readonly idleTimeout?: number | undefined;
  readonly absoluteLifetime?: number | undefined;
  readonly touchAfter?: number | undefined;
}

/** Checks one expiry option: undefined, or a finite number of seconds above 0. */
export function checkSeconds(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new TypeError(
      `session ${name} is invalid: ${JSON.stringify(value)} (seconds above 0, or leave it unset)`,
    );
  }
  return value;
}

/** Whether any rule needs the bookkeeping. */
export function tracks(policy: ExpiryPolicy): boolean {
  return (
    policy.idleTimeout !== undefined ||
    policy.absoluteLifetime !== undefined ||
    policy.touchAfter !== undefined
  );
}

/** The bookkeeping a stored value holds, or undefined when it is missing or not ours. */
function readMeta(value: SessionValue | undefined): SessionMeta | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { c, w, u, h } = value as Record<string, unknown>;
  if (typeof c !== 'number' || typeof w !== 'number') return undefined;
  if (typeof u === 'string' && typeof h === 'string')
    return { created: c, written: w, user: u, handle: h };
  return { created: c, written: w };
}

/** The stored form: short field names, since it rides in every cookie session. */
export function metaValue(meta: SessionMeta): SessionValue {
  if (meta.user === undefined || meta.handle === undefined)
    return { c: meta.created, w: meta.written };
  return { c: meta.created, w: meta.written, u: meta.user, h: meta.handle };
}

/**
 * Splits loaded data into what the handler sees and the bookkeeping; `expired` when a rule says
 * the session is over at `now`.
 *
 * @example
 * ```ts
 * openMeta({ a: 1 }, {}, Date.now()); // { data: { a: 1 }, meta: undefined, expired: false }
 * ```
 */
export function openMeta(
  data: SessionData,
  policy: ExpiryPolicy,
  now: number,
): { data: SessionData; meta: SessionMeta | undefined; expired: boolean } {
  if (!(META_KEY in data)) return { data, meta: undefined, expired: false };
  const meta = readMeta(data[META_KEY]);
  const visible: SessionData = Object.create(null);
  for (const key of Object.keys(data))
    if (key !== META_KEY) visible[key] = data[key] as SessionValue;
  if (meta === undefined) return { data: visible, meta, expired: false };
  const idle = policy.idleTimeout;
  const absolute = policy.absoluteLifetime;
  const expired =
    (idle !== undefined && now - meta.written > idle * 1000) ||
    (absolute !== undefined && now - meta.created > absolute * 1000);
  return { data: visible, meta, expired };
}

/** The part of the commit state this module reads and rewrites. */
export interface MetaState {
  readonly data: SessionData;
  readonly changes: SessionChanges;
  readonly marked: ReadonlySet<string>;
  readonly modified: boolean;
  readonly renewed: boolean;
  readonly rotated: boolean;
}

/**
 * What commit should save: the state with the bookkeeping added (`write`), or `quiet` when
 * `touchAfter` says an unchanged session is not rewritten yet. `meta` is the bookkeeping saved.
 */
export type MetaPlan<S extends MetaState> =
  | { readonly kind: 'write'; readonly state: S; readonly meta: SessionMeta | undefined }
  | { readonly kind: 'quiet' };

/**
 * Adds the bookkeeping to what commit saves. An unchanged session is rewritten (with `written` =
 * now) when a rule needs it, unless `touchAfter` has not passed since the last write. The key is
 * in `marked`, so a session that vanished since load is never revived by it alone.
 */
export function planMeta<S extends MetaState>(
  state: S,
  meta: SessionMeta | undefined,
  policy: ExpiryPolicy,
  now: number,
  force = false,
): MetaPlan<S> {
  // A session bound to a user keeps its last-seen time current in the user's index.
  const tracking = tracks(policy) || meta?.user !== undefined;
  let empty = true;
  for (const _ in state.data) {
    empty = false;
    break;
  }
  // Nothing to keep (a new untouched session, a cleared or destroyed one): Flask's rules as they are.
  if (empty || (!tracking && meta === undefined)) return { kind: 'write', state, meta };
  const changed = state.modified || state.renewed || force;
  if (!changed && tracking) {
    const touchAfter = policy.touchAfter;
    if (
      touchAfter !== undefined &&
      meta !== undefined &&
      !state.rotated &&
      now - meta.written < touchAfter * 1000
    ) {
      return { kind: 'quiet' };
    }
  }
  if (!changed && !tracking) {
    // Bookkeeping from an earlier configuration: carried along in a rewritten cookie, not refreshed.
    const data = withKey(state.data, META_KEY, metaValue(meta as SessionMeta));
    return { kind: 'write', state: { ...state, data }, meta };
  }
  const next: SessionMeta = { ...meta, created: meta?.created ?? now, written: now };
  const value = metaValue(next);
  const set = new Map(state.changes.set);
  set.set(META_KEY, value);
  const marked = new Set(state.marked);
  marked.add(META_KEY);
  return {
    kind: 'write',
    state: {
      ...state,
      data: withKey(state.data, META_KEY, value),
      changes: { clear: state.changes.clear, set, delete: state.changes.delete },
      marked,
      modified: true,
    },
    meta: next,
  };
}

function withKey(data: SessionData, key: string, value: SessionValue): SessionData {
  const out: SessionData = Object.create(null);
  for (const k of Object.keys(data)) out[k] = data[k] as SessionValue;
  out[key] = value;
  return out;
}
