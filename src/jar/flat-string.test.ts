import { describe, expect, it } from 'vitest';
import { flatString } from './flat-string.js';

describe('flatString', () => {
  it('keeps every code unit, surrogate pairs and lone surrogates included', () => {
    for (const text of [
      '',
      'a',
      'www.example.com',
      '/a/b/c/d/e/f/g/h',
      'bücher.😀.example',
      '\ud800x',
    ]) {
      expect(flatString(text)).toBe(text);
    }
  });

  it('copies a slice of a longer string', () => {
    const href = 'https://www.a-rather-long-host-name.example/some/path';
    const host = new URL(href).hostname;
    expect(flatString(host)).toBe('www.a-rather-long-host-name.example');
  });
});
