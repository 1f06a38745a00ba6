import { describe, expect, it } from 'vitest';
import {
  changesBetween,
  FORWARD_KEY,
  forwardId,
  forwardRecord,
  movedData,
  readForward,
  withForward,
  withoutForward,
} from './forward.js';
import { isSessionId, newSessionId } from './session-id.js';
import type { SessionData } from './store.js';

const record = (entries: Record<string, unknown>): SessionData =>
  Object.assign(Object.create(null), entries);

describe('forward', () => {
  it('the forward record id is never a session id, so no cookie opens it', () => {
    const id = newSessionId();
    expect(isSessionId(id)).toBe(true);
    expect(forwardId(id)).toBe(`~fwd~${id}`);
    expect(isSessionId(forwardId(id))).toBe(false);
  });

  it('reads back what it writes, and ignores a value of the app under the key', () => {
    const stored = forwardRecord({ to: 'new', until: 1234 });
    expect(Object.keys(stored)).toEqual([FORWARD_KEY]);
    expect(readForward(stored)).toEqual({ to: 'new', until: 1234 });
    expect(readForward(undefined)).toBeUndefined();
    expect(readForward(record({ a: 1 }))).toBeUndefined();
    for (const value of [1, 'x', null, [1], { t: 'new' }, { t: '', u: 1 }, { t: 1, u: 1 }]) {
      expect(readForward(record({ [FORWARD_KEY]: value }))).toBeUndefined();
    }
  });

  it('withForward adds the mark to a change set without touching the original', () => {
    const changes = { clear: true, set: new Map([['a', 1]]), delete: new Set([FORWARD_KEY, 'b']) };
    const marked = withForward(changes, { to: 'n', until: 5 });
    expect(marked.clear).toBe(true);
    expect([...marked.set.keys()]).toEqual(['a', FORWARD_KEY]);
    expect([...marked.delete]).toEqual(['b']);
    expect(changes.set.size).toBe(1);
    expect(changes.delete.size).toBe(2);
  });

  it('withoutForward drops the mark, and returns the same record when there is none', () => {
    const plain = record({ a: 1 });
    expect(withoutForward(plain)).toBe(plain);
    const marked = record({ a: 1, [FORWARD_KEY]: { t: 'n', u: 1 } });
    expect(withoutForward(marked)).toEqual({ a: 1 });
    expect(Object.getPrototypeOf(withoutForward(marked))).toBeNull();
  });

  it('changesBetween finds what was set, changed and removed, values compared by content', () => {
    const before = record({
      same: { deep: [1, 2] },
      changed: 1,
      removed: true,
      date: new Date(0),
      [FORWARD_KEY]: { t: 'n', u: 1 },
    });
    const after = record({
      same: { deep: [1, 2] },
      changed: 2,
      added: 'x',
      date: new Date(0),
      nulled: null,
    });
    const changes = changesBetween(before, after);
    expect(changes.clear).toBe(false);
    expect(Object.fromEntries(changes.set)).toEqual({ changed: 2, added: 'x', nulled: null });
    expect([...changes.delete]).toEqual(['removed']);
    expect(movedData(before, changes)).toEqual({
      same: { deep: [1, 2] },
      changed: 2,
      date: new Date(0),
      added: 'x',
      nulled: null,
    });
    expect(changesBetween(after, after).set.size).toBe(0);
  });
});
