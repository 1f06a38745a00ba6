import { describe, expect, it } from 'vitest';
import { timingSafeEqual, timingSafeEqualText } from './timing-safe-equal.js';

/** A byte array that counts how many of its indices were read. */
function counted(bytes: number[]): { view: Uint8Array; reads: () => number } {
  let reads = 0;
  const target = Uint8Array.from(bytes);
  const view = new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      const value = Reflect.get(t, key, t);
      return typeof value === 'function' ? value.bind(t) : (value ?? receiver);
    },
  });
  return { view, reads: () => reads };
}

describe('timingSafeEqual', () => {
  it.each([
    [[], [], true],
    [[1, 2, 3], [1, 2, 3], true],
    [[1, 2, 3], [1, 2, 4], false],
    [[0, 2, 3], [1, 2, 3], false],
    [[1, 2], [1, 2, 3], false],
  ])('%j vs %j -> %s', (a, b, expected) => {
    expect(timingSafeEqual(Uint8Array.from(a), Uint8Array.from(b))).toBe(expected);
  });

  it('reads every byte even when the first byte differs (unlike string ===)', () => {
    const a = counted([0xff, ...new Array(19).fill(7)]);
    const b = counted([0x00, ...new Array(19).fill(7)]);
    expect(timingSafeEqual(a.view, b.view)).toBe(false);
    expect(a.reads()).toBe(20);
    expect(b.reads()).toBe(20);
  });

  it('reads every byte when all match', () => {
    const a = counted(new Array(27).fill(1));
    const b = counted(new Array(27).fill(1));
    expect(timingSafeEqual(a.view, b.view)).toBe(true);
    expect(a.reads()).toBe(27);
  });
});

/** A string whose `charCodeAt` calls are counted (a String object standing in for the text). */
function countedText(text: string): { view: string; reads: () => number } {
  let reads = 0;
  const view = Object.assign(new String(text), {
    charCodeAt(index: number) {
      reads++;
      return text.charCodeAt(index);
    },
  });
  return { view: view as unknown as string, reads: () => reads };
}

describe('timingSafeEqualText', () => {
  it.each([
    ['', '', true],
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['xbc', 'abc', false],
    ['ab', 'abc', false],
    ['\u00e9', 'e', false],
  ])('%j vs %j -> %s', (a, b, expected) => {
    expect(timingSafeEqualText(a, b)).toBe(expected);
  });

  it('reads every character even when the first one differs (unlike string ===)', () => {
    const a = countedText(`Z${'7'.repeat(26)}`);
    const b = countedText(`A${'7'.repeat(26)}`);
    expect(timingSafeEqualText(a.view, b.view)).toBe(false);
    expect(a.reads()).toBe(27);
    expect(b.reads()).toBe(27);
  });

  it('reads every character when all match', () => {
    const a = countedText('q'.repeat(43));
    const b = countedText('q'.repeat(43));
    expect(timingSafeEqualText(a.view, b.view)).toBe(true);
    expect(a.reads()).toBe(43);
  });
});
