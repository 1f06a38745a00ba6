import { afterEach, describe, expect, it } from 'vitest';
import { getNodeBuiltin, isPortableOnly, setPortableOnly } from './node-builtin.js';

describe('getNodeBuiltin', () => {
  afterEach(() => setPortableOnly(false));

  it('reaches node:crypto on Node through process.getBuiltinModule', () => {
    const crypto = getNodeBuiltin<{ createHash: unknown }>('node:crypto');
    expect(typeof crypto?.createHash).toBe('function');
  });

  it('gives undefined while the portable paths are forced', () => {
    setPortableOnly(true);
    expect(isPortableOnly()).toBe(true);
    expect(getNodeBuiltin('node:crypto')).toBeUndefined();
  });

  it('gives undefined for a module that does not exist', () => {
    expect(getNodeBuiltin('node:no-such-module')).toBeUndefined();
  });
});
