/**
 * @module The forward a `regenerate({ grace })` leaves behind: for `grace` seconds the old id leads
 * to the new session, so requests already in flight with the old id keep their session and their
 * writes. It is an ordinary record under a reserved key, so every store keeps it with no new
 * method: first as a mark inside the old record while the commit moves the data, then as a record
 * of its own (`forwardId(oldId)`) that expires with the grace period. Only the server reads it:
 * the new id is never sent to whoever holds the old one.
 */
import { applyChanges, type SessionChanges, type SessionData, type SessionValue } from './store.js';
import { encodeValue } from './value-codec.js';

/** The reserved key of a forward; the handler's `session` never shows it. */
export const FORWARD_KEY = '_shortbread_forward';

/**
 * Where an old id leads, and until when (epoch milliseconds).
 *
 * @example
 * ```ts
 * const forward: Forward = { to: 'new id', until: Date.now() + 30_000 };
 * ```
 */
export interface Forward {
  readonly to: string;
  readonly until: number;
}

/**
 * The id of the record that holds `id`'s forward once the old record is gone: never a session id
 * (`~` is not base64url), so no cookie opens it.
 *
 * @example
 * ```ts
 * forwardId('abc'); // '~fwd~abc'
 * ```
 */
export function forwardId(id: string): string {
  return `~fwd~${id}`;
}

/** The stored form: `{ t: new id, u: until }`. */
function forwardValue(forward: Forward): SessionValue {
  return { t: forward.to, u: forward.until };
}

/**
 * The forward a record holds, or undefined (none, or a value under the key that is not ours).
 *
 * @example
 * ```ts
 * readForward({ _shortbread_forward: { t: 'new', u: 1 } }); // { to: 'new', until: 1 }
 * ```
 */
export function readForward(data: SessionData | undefined): Forward | undefined {
  if (data === undefined || !(FORWARD_KEY in data)) return undefined;
  const value = data[FORWARD_KEY];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { t, u } = value as Record<string, unknown>;
  if (typeof t !== 'string' || t === '' || typeof u !== 'number') return undefined;
  return { to: t, until: u };
}

/**
 * A record of the forward alone (what `forwardId(oldId)` holds).
 *
 * @example
 * ```ts
 * forwardRecord({ to: 'new', until: 1 }); // { _shortbread_forward: { t: 'new', u: 1 } }
 * ```
 */
export function forwardRecord(forward: Forward): SessionData {
  const out: SessionData = Object.create(null);
  out[FORWARD_KEY] = forwardValue(forward);
  return out;
}

/**
 * `changes` with the forward mark added: applied to the old record, they move the data and mark
 * it in one atomic update.
 *
 * @example
 * ```ts
 * withForward({ clear: false, set: new Map(), delete: new Set() }, { to: 'new', until: 1 });
 * ```
 */
export function withForward(changes: SessionChanges, forward: Forward): SessionChanges {
  const set = new Map(changes.set);
  set.set(FORWARD_KEY, forwardValue(forward));
  const remove = new Set(changes.delete);
  remove.delete(FORWARD_KEY);
  return { clear: changes.clear, set, delete: remove };
}

/**
 * `data` without the forward mark (the same object when it has none).
 *
 * @example
 * ```ts
 * withoutForward({ a: 1, _shortbread_forward: { t: 'new', u: 1 } }); // { a: 1 }
 * ```
 */
export function withoutForward(data: SessionData): SessionData {
  if (!(FORWARD_KEY in data)) return data;
  const out: SessionData = Object.create(null);
  for (const key of Object.keys(data)) {
    if (key !== FORWARD_KEY) out[key] = data[key] as SessionValue;
  }
  return out;
}

/**
 * The per-key changes that turn `before` into `after` (the forward mark aside), values compared by
 * their stored text: what requests with the old id wrote while the data was being moved.
 *
 * @example
 * ```ts
 * changesBetween({ a: 1, b: 2 }, { a: 1, c: 3 }); // set c = 3, delete b
 * ```
 */
export function changesBetween(before: SessionData, after: SessionData): SessionChanges {
  const set = new Map<string, SessionValue>();
  const remove = new Set<string>();
  for (const key of Object.keys(after)) {
    if (key === FORWARD_KEY) continue;
    const value = after[key] as SessionValue;
    const was = before[key];
    if (!(key in before) || was === undefined || encodeValue(was) !== encodeValue(value)) {
      set.set(key, value);
    }
  }
  for (const key of Object.keys(before)) {
    if (key !== FORWARD_KEY && !(key in after)) remove.add(key);
  }
  return { clear: false, set, delete: remove };
}

/**
 * `data` with `changes` applied, without the forward mark.
 *
 * @example
 * ```ts
 * movedData({ a: 1 }, { clear: false, set: new Map([['b', 2]]), delete: new Set() }); // { a: 1, b: 2 }
 * ```
 */
export function movedData(data: SessionData, changes: SessionChanges): SessionData {
  return withoutForward(applyChanges(data, changes));
}
