import { describe, expect, it } from 'vitest';
import { splitPair } from './split-pair.js';

describe('splitPair', () => {
  it.each([
    [' a = 1 ', ['a', '1']],
    ['nameless', ['', 'nameless']],
    ['a==b', ['a', '=b']],
    ['=v', ['', 'v']],
  ])('%j -> %j', (text, pair) => {
    expect(splitPair(text)).toEqual(pair);
  });
});
