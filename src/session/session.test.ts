import { describe, expect, it } from 'vitest';
import {
  checkGrace,
  MAX_GRACE,
  PERMANENT_KEY,
  refuseGrace,
  Session,
  sessionState,
} from './session.js';
import { isSessionStoreError } from './store.js';

describe('Session', () => {
  it('starts new and empty, untouched', () => {
    const session = new Session();
    expect(session.isNew).toBe(true);
    expect(session.id).toBeUndefined();
    expect(session.accessed).toBe(false);
    expect(session.modified).toBe(false);
    expect(session.size).toBe(0);
    // size is a read: it counts as access, as len() does in Flask 3.1.3.
    expect(session.accessed).toBe(true);
    expect(session.modified).toBe(false);
  });

  it('a loaded session is not new and copies its data', () => {
    const data = Object.assign(Object.create(null), { a: 1 });
    const session = new Session({ data, id: 'x', isNew: false });
    data.a = 2;
    expect(session.isNew).toBe(false);
    expect(session.id).toBe('x');
    expect(session.get('a')).toBe(1);
  });

  it.each([
    ['get', (s: Session) => s.get('a')],
    ['has', (s: Session) => s.has('a')],
    ['keys', (s: Session) => [...s.keys()]],
    ['values', (s: Session) => [...s.values()]],
    ['entries', (s: Session) => [...s.entries()]],
    ['iterator', (s: Session) => [...s]],
    ['toJSON', (s: Session) => s.toJSON()],
    ['permanent', (s: Session) => s.permanent],
  ])('%s marks the session accessed, not modified', (_, read) => {
    const session = new Session({ data: { a: 1 } });
    read(session);
    expect(session.accessed).toBe(true);
    expect(session.modified).toBe(false);
  });

  it('set, delete and clear record per-key changes; the last operation on a key wins', () => {
    const session = new Session({ data: { a: 1, b: 2 } });
    session.set('c', 3).set('a', 10);
    expect(session.delete('b')).toBe(true);
    expect(session.delete('missing')).toBe(false);
    session.set('b', 20);
    session.delete('c');
    const { changes, modified, accessed } = sessionState(session);
    expect(modified).toBe(true);
    expect(accessed).toBe(true);
    expect(changes.clear).toBe(false);
    expect([...changes.set]).toEqual([
      ['a', 10],
      ['b', 20],
    ]);
    expect([...changes.delete]).toEqual(['c']);
    expect(session.toJSON()).toEqual({ a: 10, b: 20 });
  });

  it('setting the same object again marks it changed (a nested change is saved)', () => {
    const cart = [1];
    const session = new Session({ data: { cart } });
    (session.get('cart') as number[]).push(2);
    expect(session.modified).toBe(false);
    session.set('cart', session.get('cart') as number[]);
    expect(session.modified).toBe(true);
    expect(sessionState(session).changes.set.get('cart')).toEqual([1, 2]);
  });

  it('markModified(key) and markModified() re-save values changed in place', () => {
    const session = new Session({ data: { a: [1], b: 2 } });
    session.markModified('a');
    expect([...sessionState(session).changes.set.keys()]).toEqual(['a']);
    session.markModified('missing');
    session.markModified();
    expect([...sessionState(session).changes.set.keys()].sort()).toEqual(['a', 'b']);
  });

  it('clear() drops everything and counts as a change even on an empty session (Flask)', () => {
    const empty = new Session();
    empty.clear();
    expect(empty.modified).toBe(true);
    const session = new Session({ data: { a: 1 } });
    session.set('b', 2);
    session.clear();
    session.set('c', 3);
    const { changes } = sessionState(session);
    expect(changes.clear).toBe(true);
    expect([...changes.set.keys()]).toEqual(['c']);
    expect(session.toJSON()).toEqual({ c: 3 });
  });

  it('permanent lives in the data as _permanent, as in Flask', () => {
    const session = new Session();
    expect(session.permanent).toBe(false);
    session.permanent = true;
    expect(session.get(PERMANENT_KEY)).toBe(true);
    expect(sessionState(session).permanent).toBe(true);
    session.permanent = false;
    expect(session.get(PERMANENT_KEY)).toBe(false);
    expect(new Session({ data: { _permanent: true } }).permanent).toBe(true);
  });

  it('regenerate() drops the id and remembers the old one once; data stays', () => {
    const session = new Session({ data: { a: 1 }, id: 'old', isNew: false });
    session.regenerate();
    session.regenerate();
    const state = sessionState(session);
    expect(session.id).toBeUndefined();
    expect(state.previousId).toBe('old');
    expect(state.renewed).toBe(true);
    expect(session.modified).toBe(true);
    expect(session.get('a')).toBe(1);
  });

  it('destroy() empties the session and marks the old id for removal', () => {
    const session = new Session({ data: { a: 1 }, id: 'old', isNew: false });
    session.destroy();
    expect(session.size).toBe(0);
    expect(sessionState(session).previousId).toBe('old');
    expect(sessionState(session).changes.clear).toBe(true);
  });

  it('committed() resets what is pending', () => {
    const session = new Session();
    session.set('a', 1);
    sessionState(session).committed('new', Object.assign(Object.create(null), { a: 1, b: 2 }));
    expect(session.modified).toBe(false);
    expect(session.id).toBe('new');
    expect(session.toJSON()).toEqual({ a: 1, b: 2 });
  });

  it('__proto__ and constructor are keys like any other', () => {
    const session = new Session();
    session.set('__proto__', 'p').set('constructor', 'c');
    const json = session.toJSON();
    expect(Object.getPrototypeOf(json)).toBeNull();
    expect(Object.keys(json)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(session)).toBe('{"__proto__":"p","constructor":"c"}');
  });

  it('refuses undefined values, non-string keys and lone surrogates', () => {
    const session = new Session();
    expect(() => session.set('a', undefined as unknown as null)).toThrow(
      'session value is invalid: undefined for key "a" (use session.delete(key)',
    );
    expect(() => session.set(1 as unknown as string, 1)).toThrow('session key is invalid: "1"');
    expect(() => session.set('\ud800', 1)).toThrow(/lone UTF-16 surrogate/);
    expect(session.modified).toBe(false);
  });

  describe('regenerate({ grace })', () => {
    it('keeps no grace unless asked; the last regenerate decides; destroy() always ends at once', () => {
      const session = new Session({ data: { a: 1 }, id: 'old', isNew: false });
      session.regenerate();
      expect(sessionState(session)).toMatchObject({ renewed: true, previousId: 'old', grace: 0 });
      session.regenerate({ grace: 30 });
      expect(sessionState(session)).toMatchObject({ previousId: 'old', grace: 30 });
      session.regenerate({ grace: 0 });
      expect(sessionState(session).grace).toBe(0);
      session.regenerate({ grace: 12.5 });
      session.destroy();
      expect(sessionState(session)).toMatchObject({ previousId: 'old', grace: 0 });
      sessionState(session).committed('new', Object.create(null));
      expect(sessionState(session).grace).toBe(0);
    });

    it('accepts 0 to MAX_GRACE seconds, fractions included', () => {
      expect(MAX_GRACE).toBe(300);
      for (const grace of [undefined, 0, 0.5, 30, MAX_GRACE]) {
        expect(checkGrace(grace)).toBe(grace ?? 0);
        expect(() => new Session().regenerate({ grace })).not.toThrow();
      }
    });

    it.each([
      [-1, '-1'],
      [MAX_GRACE + 0.001, '300.001'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['30', '"30"'],
      [null, 'null'],
      [30n, '30n'],
      [{ seconds: 30 }, 'object'],
    ])('refuses grace %s with a TypeError coded ERR_SESSION_GRACE_INVALID', (grace, shown) => {
      const session = new Session({ data: { a: 1 }, id: 'old', isNew: false });
      let caught: unknown;
      try {
        session.regenerate({ grace: grace as number });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TypeError);
      expect((caught as { code?: unknown }).code).toBe('ERR_SESSION_GRACE_INVALID');
      expect((caught as Error).message).toBe(
        `session regenerate grace is invalid: ${shown} (seconds from 0 to 300, e.g. { grace: 30 }; 0 or unset ends the old id at once)`,
      );
      // Refused before anything changed.
      expect(sessionState(session)).toMatchObject({ renewed: false, id: 'old', grace: 0 });
    });

    it('a session of a store that cannot forward refuses a grace, not a plain regenerate', () => {
      const session = new Session({ data: { a: 1 }, isNew: false });
      refuseGrace(session, 'cookie');
      let caught: unknown;
      try {
        session.regenerate({ grace: 5 });
      } catch (error) {
        caught = error;
      }
      expect(isSessionStoreError(caught)).toBe(true);
      expect(caught).toMatchObject({
        code: 'ERR_SESSION_STORE_UNSUPPORTED',
        store: 'cookie',
        operation: 'regenerate',
      });
      expect((caught as Error).message).toMatch(
        /^session store cannot keep a grace period: the cookie store/,
      );
      expect(sessionState(session).renewed).toBe(false);
      session.regenerate({ grace: 0 });
      session.regenerate();
      expect(sessionState(session).renewed).toBe(true);
    });
  });
});
