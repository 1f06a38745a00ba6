/**
 * @module `Session`: Flask's `session` dict for one request, which records what the request read
 * and what it changed, key by key, so that `Sessions.commit` writes only what changed.
 */
import { hasLoneSurrogate } from '../internal/byte-string.js';
import {
  type SessionChanges,
  type SessionData,
  SessionStoreError,
  type SessionValue,
} from './store.js';

/** Flask keeps `session.permanent` in the dict itself, under this key, so Flask reads ours. */
export const PERMANENT_KEY = '_permanent';

/** The longest `grace` {@link Session.regenerate} accepts, in seconds (5 minutes). */
export const MAX_GRACE = 300;

/**
 * Options of {@link Session.regenerate}.
 *
 * @example
 * ```ts
 * const options: RegenerateOptions = { grace: 30 };
 * ```
 */
export interface RegenerateOptions {
  /**
   * Seconds the old id keeps working after the commit, for requests already in flight with it (a
   * parallel XHR, a second tab): they read the new session's data and their writes land in it,
   * and their responses never carry the new id. From 0 (the default: the old id opens nothing from
   * the commit on) to {@link MAX_GRACE}; server-side stores only. Whoever holds the old id can use
   * the session for that long, so keep it short, and leave it out where the old id may be known to
   * someone else (at login, against session fixation).
   */
  readonly grace?: number | undefined;
}

/**
 * How a {@link Session} starts.
 *
 * @example
 * ```ts
 * const init: SessionInit = { data: { user_id: 1 }, id: 'abc', isNew: false };
 * ```
 */
export interface SessionInit {
  /** The data loaded from the store (copied; a null-prototype record or any object). */
  readonly data?: SessionData | undefined;
  /** The server-side id, for server-side stores. */
  readonly id?: string | undefined;
  /** True when no valid session came with the request (the default when `data` is absent). */
  readonly isNew?: boolean | undefined;
  /** True when the cookie verified with a fallback key only: commit re-signs it. */
  readonly rotated?: boolean | undefined;
}

/**
 * What `Sessions.commit` needs to know about a session, beyond its public face. Not exported from
 * the package.
 */
export interface SessionState {
  readonly data: SessionData;
  readonly changes: SessionChanges;
  /**
   * The keys of `changes.set` that only `markModified` put there (a loaded value written back), not
   * `set`: when the stored record is gone at commit (a concurrent logout), they are not carried over.
   */
  readonly marked: ReadonlySet<string>;
  readonly accessed: boolean;
  readonly modified: boolean;
  /** `regenerate()` or `destroy()` was called: write the whole data under a new id. */
  readonly renewed: boolean;
  /** The id to remove from the store at commit (the one `regenerate()`/`destroy()` dropped). */
  readonly previousId: string | undefined;
  /** Seconds the previous id keeps forwarding to the new one (`regenerate({ grace })`); 0: none. */
  readonly grace: number;
  readonly id: string | undefined;
  readonly rotated: boolean;
  readonly permanent: boolean;
  readonly isNew: boolean;
  /** After a commit: the session now matches `data` under `id`, with nothing pending. */
  committed(id: string | undefined, data: SessionData | undefined): void;
}

let stateOf: (session: Session) => SessionState;
let noGrace: (session: Session, store: string) => void;

/**
 * The session of one request: a map from string keys to JSON-like values (see `SessionValue`),
 * the way Flask's `session` is a dict. Get one from `Sessions.load`; hand it back to
 * `Sessions.commit`.
 *
 * - Every read (`get`, `has`, `size`, iteration, `toJSON`, `permanent`) sets `accessed`, which makes
 *   the response vary on `Cookie` so no cache serves one user's page to another.
 * - Every `set`, `delete` and `clear` sets `modified` and is remembered per key, so concurrent
 *   requests of one session that change different keys do not overwrite each other.
 * - Values are kept by reference, as in Flask: after changing an object or array you got from the
 *   session, `set` it again (or call `markModified(key)`) so the change is saved.
 *
 * @example
 * ```ts
 * const session = await sessions.load(request);
 * session.set('count', Number(session.get('count') ?? 0) + 1);
 * const cart = (session.get('cart') as number[] | undefined) ?? [];
 * cart.push(42);
 * session.set('cart', cart); // changed in place: set it again so it is saved
 * return sessions.commit(session, new Response('ok'));
 * ```
 */
export class Session implements Iterable<[key: string, value: SessionValue]> {
  /** True when the request brought no valid session: this one starts empty. */
  readonly isNew: boolean;

  #data: Map<string, SessionValue>;
  #id: string | undefined;
  #previousId: string | undefined = undefined;
  #grace = 0;
  /** The store that cannot keep a grace period (the cookie store), named in the error. */
  #noGraceStore: string | undefined = undefined;
  #rotated: boolean;
  #accessed = false;
  #renewed = false;
  #clear = false;
  #set = new Map<string, SessionValue>();
  #delete = new Set<string>();
  /** Keys in `#set` only because of `markModified` (see `SessionState.marked`). */
  #marked = new Set<string>();

  static {
    stateOf = (session) => {
      const data: SessionData = Object.create(null);
      for (const [key, value] of session.#data) data[key] = value;
      return {
        data,
        changes: { clear: session.#clear, set: session.#set, delete: session.#delete },
        marked: session.#marked,
        accessed: session.#accessed,
        modified: session.modified,
        renewed: session.#renewed,
        previousId: session.#previousId,
        grace: session.#grace,
        id: session.#id,
        rotated: session.#rotated,
        permanent: session.#data.get(PERMANENT_KEY) === true,
        isNew: session.isNew,
        committed: (id, saved) => {
          session.#id = id;
          session.#previousId = undefined;
          session.#grace = 0;
          session.#renewed = false;
          session.#rotated = false;
          session.#clear = false;
          // New collections, not cleared ones: the `changes` handed to the store stay as they were.
          // An empty one is left as it is (most commits change a key or two, and delete none).
          if (session.#set.size > 0) session.#set = new Map();
          if (session.#delete.size > 0) session.#delete = new Set();
          if (session.#marked.size > 0) session.#marked = new Set();
          // `undefined`: the store kept the data as the handler left it (the cookie store).
          if (saved !== undefined) session.#data = new Map(Object.entries(saved));
        },
      };
    };
    noGrace = (session, store) => {
      session.#noGraceStore = store;
    };
  }

  /**
   * @param init - the loaded data and id; without it, a new empty session.
   *
   * @example
   * ```ts
   * const session = new Session({ data: { user_id: 1 }, isNew: false });
   * ```
   */
  constructor(init: SessionInit = {}) {
    this.#data = new Map(init.data === undefined ? [] : Object.entries(init.data));
    this.#id = init.id;
    this.isNew = init.isNew ?? init.data === undefined;
    this.#rotated = init.rotated ?? false;
  }

  /**
   * The server-side id (for the memory, SQLite and Redis stores). `undefined` for a cookie-store
   * session, and for a new or regenerated session until `Sessions.commit` has written it. Never
   * put it in a page: the cookie carries it signed, and that is its only place.
   *
   * @example
   * ```ts
   * session.id; // 'q0Zb6l8y0rXw2Jt9xZ1hVg1b3sN4yE0aQ5d8fK2mP7c'
   * ```
   */
  get id(): string | undefined {
    return this.#id;
  }

  /**
   * True once anything read the session during this request.
   *
   * @example
   * ```ts
   * session.get('a');
   * session.accessed; // true
   * ```
   */
  get accessed(): boolean {
    return this.#accessed;
  }

  /**
   * True once anything changed the session during this request (`set`, `delete`, `clear`,
   * `permanent = …`, `markModified`, `regenerate`, `destroy`). `Sessions.commit` writes only then
   * (or to refresh a permanent session).
   *
   * @example
   * ```ts
   * session.set('a', 1);
   * session.modified; // true
   * ```
   */
  get modified(): boolean {
    return this.#clear || this.#set.size > 0 || this.#delete.size > 0 || this.#renewed;
  }

  /**
   * Flask's `session.permanent`: a permanent session's cookie gets `Expires` = now + lifetime and
   * outlives the browser; any other session's cookie ends with the browser session. Stored, as in
   * Flask, as `_permanent` in the data (so a Flask app sharing the cookie agrees).
   *
   * @example
   * ```ts
   * session.permanent = true; // at login: "remember me"
   * ```
   */
  get permanent(): boolean {
    return this.get(PERMANENT_KEY) === true;
  }

  set permanent(value: boolean) {
    this.set(PERMANENT_KEY, value === true);
  }

  /**
   * The value stored under `key`, or `undefined`.
   *
   * @example
   * ```ts
   * const userId = session.get('user_id') as number | undefined;
   * ```
   */
  get(key: string): SessionValue | undefined {
    this.#accessed = true;
    return this.#data.get(key);
  }

  /**
   * Stores `value` under `key` (Flask's `session[key] = value`). Setting a key again marks it
   * changed even when the value is the same object, which is how a change inside a nested value is
   * saved. Throws `TypeError` for a key that is not a string or holds a lone surrogate, and for
   * `undefined` (use `delete`). Whether the value itself can be stored is checked at commit.
   *
   * @example
   * ```ts
   * session.set('user_id', 42).set('theme', 'dark');
   * ```
   */
  set(key: string, value: SessionValue): this {
    checkKey(key);
    if (value === undefined) {
      throw new TypeError(
        `session value is invalid: undefined for key ${JSON.stringify(key)} (use session.delete(key) to remove a key; null is a value)`,
      );
    }
    this.#accessed = true;
    this.#data.set(key, value);
    this.#set.set(key, value);
    this.#delete.delete(key);
    this.#marked.delete(key);
    return this;
  }

  /**
   * Removes `key`; true when it was there. Removing a key that was not there changes nothing.
   *
   * @example
   * ```ts
   * session.delete('user_id'); // true
   * ```
   */
  delete(key: string): boolean {
    this.#accessed = true;
    const had = this.#data.delete(key);
    if (had) {
      this.#set.delete(key);
      this.#marked.delete(key);
      this.#delete.add(key);
    }
    return had;
  }

  /**
   * Whether `key` is stored (Flask's `key in session`).
   *
   * @example
   * ```ts
   * if (!session.has('user_id')) return redirect('/login');
   * ```
   */
  has(key: string): boolean {
    this.#accessed = true;
    return this.#data.has(key);
  }

  /**
   * Removes every key (Flask's `session.clear()`). An emptied session's cookie is deleted at commit.
   * To log out, prefer {@link Session.destroy}, which also removes the server-side record at once.
   *
   * @example
   * ```ts
   * session.clear();
   * ```
   */
  clear(): void {
    // As in Flask, clearing counts as a change even when the session was empty: the response then
    // deletes the cookie, which also rids the browser of a stale or unreadable one.
    this.#accessed = true;
    this.#data.clear();
    this.#clear = true;
    this.#set.clear();
    this.#delete.clear();
    this.#marked.clear();
  }

  /**
   * Marks `key` (or, without a key, every key) as changed, so the value is written again at
   * commit: Flask's `session.modified = True`, for values changed in place. It writes back what
   * was loaded, so it never revives a session: when another request destroyed the session (logout)
   * before this one commits, only the keys this request `set` or deleted start a new session.
   *
   * @example
   * ```ts
   * (session.get('cart') as number[]).push(7);
   * session.markModified('cart');
   * ```
   */
  markModified(key?: string): void {
    this.#accessed = true;
    if (key === undefined) {
      for (const [k, v] of this.#data) this.#mark(k, v);
      return;
    }
    const value = this.#data.get(key);
    if (value !== undefined) this.#mark(key, value);
  }

  #mark(key: string, value: SessionValue): void {
    // A key this request already set keeps counting as set.
    if (!this.#set.has(key)) this.#marked.add(key);
    this.#set.set(key, value);
  }

  /**
   * Gives the session a new id at commit, keeping its data, and removes the old id from the store:
   * call it at login (and at any change of privilege) so an id an attacker planted or saw before
   * is worthless afterwards (session fixation). With the cookie store there is no id; the cookie is
   * written again.
   *
   * With `grace` (seconds, server-side stores only), the old id is not removed at once but forwards
   * to the new session for that long: a request already in flight with it reads the new session's
   * data and its writes land there; its response never carries the new id, nor the old one again.
   * After `grace` the old id opens nothing. Throws `TypeError` (`code`
   * `ERR_SESSION_GRACE_INVALID`) for a grace that is not a number from 0 to {@link MAX_GRACE}, and
   * `SessionStoreError` (`ERR_SESSION_STORE_UNSUPPORTED`) for a grace on the cookie store.
   *
   * @example
   * ```ts
   * session.regenerate();
   * session.set('user_id', user.id);
   * // A periodic id rotation while the page's own XHRs may be in flight with the old id:
   * session.regenerate({ grace: 30 });
   * ```
   */
  regenerate(options: RegenerateOptions = {}): void {
    const grace = checkGrace(options?.grace);
    if (grace > 0 && this.#noGraceStore !== undefined) {
      throw new SessionStoreError(
        'ERR_SESSION_STORE_UNSUPPORTED',
        this.#noGraceStore,
        'regenerate',
        `session store cannot keep a grace period: the ${this.#noGraceStore} store has no id to forward (the whole session is in the cookie); call regenerate() without grace, or use a server-side store (memory, SQLite, Redis or PostgreSQL)`,
      );
    }
    this.#accessed = true;
    if (!this.#renewed) this.#previousId = this.#id;
    this.#id = undefined;
    this.#renewed = true;
    this.#grace = grace;
  }

  /**
   * Ends the session: removes its data now and, at commit, its server-side record and its cookie.
   * Keys set after `destroy()` start a new session with a new id. Use it for logout. It never
   * leaves a grace period: the old id opens nothing from the commit on (a `regenerate({ grace })`
   * earlier in the request is overruled), and a request that came with an id in its grace period
   * ends the session that id forwards to.
   *
   * @example
   * ```ts
   * session.destroy();
   * return sessions.commit(session, Response.redirect('/', 303));
   * ```
   */
  destroy(): void {
    this.regenerate();
    this.#data.clear();
    this.#clear = true;
    this.#set.clear();
    this.#delete.clear();
    this.#marked.clear();
  }

  /**
   * How many keys are stored.
   *
   * @example
   * ```ts
   * session.size; // 2
   * ```
   */
  get size(): number {
    this.#accessed = true;
    return this.#data.size;
  }

  /**
   * The keys, in insertion order.
   *
   * @example
   * ```ts
   * [...session.keys()]; // ['user_id', 'theme']
   * ```
   */
  keys(): IterableIterator<string> {
    this.#accessed = true;
    return this.#data.keys();
  }

  /**
   * The values, in insertion order.
   *
   * @example
   * ```ts
   * [...session.values()]; // [42, 'dark']
   * ```
   */
  values(): IterableIterator<SessionValue> {
    this.#accessed = true;
    return this.#data.values();
  }

  /**
   * `[key, value]` pairs, in insertion order.
   *
   * @example
   * ```ts
   * for (const [key, value] of session.entries()) console.log(key, value);
   * ```
   */
  entries(): IterableIterator<[key: string, value: SessionValue]> {
    this.#accessed = true;
    return this.#data.entries();
  }

  /**
   * Same as {@link Session.entries}.
   *
   * @example
   * ```ts
   * const copy = new Map(session);
   * ```
   */
  [Symbol.iterator](): IterableIterator<[key: string, value: SessionValue]> {
    return this.entries();
  }

  /**
   * A fresh null-prototype record of the data, for `JSON.stringify` and logging.
   *
   * @example
   * ```ts
   * JSON.stringify(session); // '{"user_id":42}'
   * ```
   */
  toJSON(): SessionData {
    this.#accessed = true;
    const out: SessionData = Object.create(null);
    for (const [key, value] of this.#data) out[key] = value;
    return out;
  }
}

/**
 * The commit-time view of a session. Internal to the session layer.
 *
 * @example
 * ```ts
 * const { changes, accessed } = sessionState(session);
 * ```
 */
export function sessionState(session: Session): SessionState {
  return stateOf(session);
}

/**
 * Refuses `regenerate({ grace })` on this session with a `SessionStoreError` naming `store`: the
 * cookie store marks the sessions it loads. Internal to the session layer.
 *
 * @example
 * ```ts
 * refuseGrace(session, 'cookie');
 * ```
 */
export function refuseGrace(session: Session, store: string): void {
  noGrace(session, store);
}

/**
 * A `regenerate` grace in seconds: 0 when unset; a `TypeError` with `code`
 * `ERR_SESSION_GRACE_INVALID` unless a finite number from 0 to {@link MAX_GRACE}.
 *
 * @example
 * ```ts
 * checkGrace(30); // 30
 * ```
 */
export function checkGrace(grace: unknown): number {
  if (grace === undefined) return 0;
  if (typeof grace !== 'number' || !Number.isFinite(grace) || grace < 0 || grace > MAX_GRACE) {
    const shown =
      typeof grace === 'number' || typeof grace === 'bigint'
        ? `${grace}${typeof grace === 'bigint' ? 'n' : ''}`
        : typeof grace === 'string' || grace === null
          ? JSON.stringify(grace)
          : typeof grace;
    const error = new TypeError(
      `session regenerate grace is invalid: ${shown} (seconds from 0 to ${MAX_GRACE}, e.g. { grace: 30 }; 0 or unset ends the old id at once)`,
    );
    throw Object.assign(error, { code: 'ERR_SESSION_GRACE_INVALID' as const });
  }
  return grace;
}

function checkKey(key: string): void {
  if (typeof key !== 'string') {
    throw new TypeError(
      `session key is invalid: ${JSON.stringify(String(key))} (keys are strings, as in Flask)`,
    );
  }
  if (hasLoneSurrogate(key)) {
    throw new TypeError(
      `session key is invalid: ${JSON.stringify(key)} (a lone UTF-16 surrogate cannot be stored; use well-formed text)`,
    );
  }
}
