import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  checkTtl,
  isEmptyChanges,
  isSessionStoreError,
  SessionStoreError,
  shortId,
} from './store.js';

describe('applyChanges', () => {
  it('deletes, then sets, on a copy', () => {
    const data = Object.assign(Object.create(null), { a: 1, b: 2 });
    const out = applyChanges(data, {
      clear: false,
      set: new Map([['c', 3]]),
      delete: new Set(['a']),
    });
    expect(out).toEqual({ b: 2, c: 3 });
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(data).toEqual({ a: 1, b: 2 });
  });

  it('clear starts from nothing; a missing record is nothing', () => {
    expect(
      applyChanges({ a: 1 }, { clear: true, set: new Map([['b', 2]]), delete: new Set() }),
    ).toEqual({ b: 2 });
    expect(
      applyChanges(undefined, { clear: false, set: new Map(), delete: new Set(['x']) }),
    ).toEqual({});
  });

  it('keeps __proto__ as a key', () => {
    const out = applyChanges(undefined, {
      clear: false,
      set: new Map([['__proto__', 'x']]),
      delete: new Set(),
    });
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('isEmptyChanges', () => {
    expect(isEmptyChanges({ clear: false, set: new Map(), delete: new Set() })).toBe(true);
    expect(isEmptyChanges({ clear: true, set: new Map(), delete: new Set() })).toBe(false);
  });
});

describe('SessionStoreError', () => {
  it('carries code, store, operation and cause, and is recognised across copies', () => {
    const cause = new Error('connect ECONNREFUSED');
    const error = new SessionStoreError('ERR_SESSION_STORE_UNAVAILABLE', 'redis', 'get', 'down', {
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SessionStoreError');
    expect(error.code).toBe('ERR_SESSION_STORE_UNAVAILABLE');
    expect(error.store).toBe('redis');
    expect(error.operation).toBe('get');
    expect(error.cause).toBe(cause);
    expect(isSessionStoreError(error)).toBe(true);
    const foreign = Object.assign(new Error('x'), { name: 'SessionStoreError', code: 'ERR_X' });
    expect(isSessionStoreError(foreign)).toBe(true);
    expect(isSessionStoreError(new Error('x'))).toBe(false);
    expect(isSessionStoreError('SessionStoreError')).toBe(false);
  });
});

describe('helpers', () => {
  it('shortId shows 8 characters only', () => {
    expect(shortId('abcdefghijklmnop')).toBe('"abcdefgh…"');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('checkTtl refuses %s', (ttl) => {
    expect(() => checkTtl(ttl)).toThrow(/^session ttl is invalid: /);
  });

  it('checkTtl passes a positive number through', () => {
    expect(checkTtl(0.5)).toBe(0.5);
  });
});
