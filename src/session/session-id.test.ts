import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64UrlEncode } from '../internal/base64url.js';
import { isSessionId, newSessionId } from './session-id.js';

describe('session ids', () => {
  it('are 43 base64url characters (256 bits) and never repeat', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = newSessionId();
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(isSessionId(id)).toBe(true);
      ids.add(id);
    }
    expect(ids.size).toBe(1000);
  });

  it('accepts exactly the canonical spelling of 32 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        expect(isSessionId(base64UrlEncode(bytes))).toBe(true);
      }),
      { seed: 4, numRuns: 300 },
    );
  });

  it.each([
    ['empty', ''],
    ['short', 'a'.repeat(42)],
    ['long', 'a'.repeat(44)],
    ['padding bits set', `${'A'.repeat(42)}B`],
    ['path', '../../../../../../../../../../etc/passwd..'],
    ['plus and slash', `${'A'.repeat(41)}+/`],
    ['non-ASCII', `${'A'.repeat(42)}\u00e9`],
  ])('rejects %s', (_, text) => {
    expect(isSessionId(text)).toBe(false);
  });
});
