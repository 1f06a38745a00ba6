import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCookieValue } from '../codec/cookie-value.js';
import { encodeUriValue, encodeWerkzeugValue } from '../codec/encode-cookie.js';
import { toByteString } from '../internal/byte-string.js';
import { decodeBrowserValue, encodeBrowserValue } from './browser-value.js';

/** Text as the server reads it (a header holds UTF-8 octets), then decoded by the server's codec. */
const serverReads = (text: string): string => decodeCookieValue(toByteString(text));

/** Characters that exercise every branch: quotes, escapes, hex and octal digits, UTF-8 of all sizes. */
const tricky = fc.constantFrom(
  ...'"\\%;=, \t\x01\x7f0123789abcdefABCDEFxzé€😀\u00ff\u0080'.split(''),
  '%C3%A9',
  '%E2%82%AC',
  '%F0%9F%98%80',
  '%C3',
  '%ED%A0%80',
  '%C0%80',
  '\\303\\251',
  '\\042',
  '\\045',
  '😀',
);
const text = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.array(tricky, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string(),
);

describe('encodeBrowserValue', () => {
  it.each([
    ['chocolate chip', 'chocolate%20chip'],
    ['a;b', 'a%3Bb'],
    ['"quoted"', '%22quoted%22'],
    ['100%', '100%25'],
    ['café', 'caf%C3%A9'],
    ['😀', '%F0%9F%98%80'],
    ['a=b/c:d', 'a=b/c:d'],
    ['back\\slash,comma', 'back%5Cslash%2Ccomma'],
  ])('%j becomes %j, as the server writes it', (value, wire) => {
    expect(encodeBrowserValue(value)).toBe(wire);
    expect(encodeUriValue(value)).toBe(wire);
  });

  it("writes every string byte for byte as the server's 'uri' encoding does", () => {
    fc.assert(
      fc.property(text, (value) => {
        // A lone surrogate has no UTF-8 form: both refuse it.
        let server: string | Error;
        try {
          server = encodeUriValue(value);
        } catch (error) {
          server = error as Error;
        }
        if (server instanceof Error) {
          expect(() => encodeBrowserValue(value)).toThrow();
        } else {
          expect(encodeBrowserValue(value)).toBe(server);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('decodeBrowserValue', () => {
  it.each([
    ['chocolate%20chip', 'chocolate chip'],
    ['"chocolate chip"', 'chocolate chip'],
    ['"caf\\303\\251"', 'café'],
    ['"a\\"b\\\\c"', 'a"b\\c'],
    ['"\\073"', ';'],
    ['100%', '100%'],
    ['%E2%82%C3%A9', '%E2%82é'],
    ['%ED%A0%80', '%ED%A0%80'],
    ['"', '"'],
    ['"\\04541"', 'A'],
  ])('%j reads as %j', (raw, value) => {
    expect(decodeBrowserValue(raw)).toBe(value);
    expect(serverReads(raw)).toBe(value);
  });

  it('reads back what either side encoded, with either encoding', () => {
    fc.assert(
      fc.property(text, (value) => {
        fc.pre(!/[\ud800-\udfff]/.test(value.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
        expect(decodeBrowserValue(encodeBrowserValue(value))).toBe(value);
        expect(serverReads(encodeBrowserValue(value))).toBe(value);
        // A Flask app's cookie, as document.cookie shows it (the browser reads its octets as UTF-8).
        const werkzeug = encodeWerkzeugValue(value);
        expect(decodeBrowserValue(werkzeug)).toBe(serverReads(werkzeug));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads any cookie text exactly as the server does, and never throws', () => {
    fc.assert(
      fc.property(text, (raw) => {
        fc.pre(!/[\ud800-\udfff]/.test(raw.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
        expect(decodeBrowserValue(raw)).toBe(serverReads(raw));
      }),
      { numRuns: 5000 },
    );
  });
});
