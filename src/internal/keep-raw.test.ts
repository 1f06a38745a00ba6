import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../codec/set-cookie.js';
import { keepRaw } from './keep-raw.js';

describe('keepRaw', () => {
  it('gives the codec the value as received: no percent-decoding, no unquoting', () => {
    expect(keepRaw('%20"b"')).toBe('%20"b"');
    expect(parseSetCookie('a="%20b"', { decode: keepRaw })?.value).toBe('"%20b"');
    expect(parseSetCookie('a="%20b"')?.value).not.toBe('"%20b"');
  });
});
