import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatString } from './flat-string.js';

describe('flatString', () => {
  it('keeps every code unit: surrogate pairs, lone surrogates, quotes, backslashes, controls', () => {
    for (const text of [
      '',
      'a',
      'www.example.com',
      'bücher.😀.example',
      '\ud800x\udc00',
      'quote " backslash \\ tab \t nul \0 del \x7f',
    ]) {
      expect(flatString(text)).toBe(text);
    }
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 40 }), (text) => {
        expect(flatString(text)).toBe(text);
      }),
    );
  });

  it('gives back the text of a slice of a longer string (flatness itself is a V8 detail the jar bench measures)', () => {
    const href = 'https://www.a-rather-long-host-name.example/some/path';
    const host = new URL(href).hostname;
    expect(flatString(host)).toBe('www.a-rather-long-host-name.example');
  });
});
