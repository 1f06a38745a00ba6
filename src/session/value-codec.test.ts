import { describe, expect, it } from 'vitest';
import { PyTuple } from '../signing/python-types.js';
import { decodeData, decodeValue, encodeData, encodeValue } from './value-codec.js';

describe('value codec (Flask tagged JSON)', () => {
  it.each([
    ['null', null],
    ['number', 1.5],
    ['bigint', 2n ** 70n],
    ['date', new Date('2024-01-02T03:04:05Z')],
    ['bytes', new Uint8Array([0, 255])],
    ['tuple', PyTuple.of<number | string>(1, 'a')],
    ['nested', { list: [1, { ' t': 'escaped' }], ok: true }],
  ])('round-trips %s', (_, value) => {
    expect(decodeValue(encodeValue(value))).toEqual(value);
  });

  it('writes ASCII only, with sorted keys', () => {
    expect(encodeValue({ b: '\u00e9', a: 1 })).toBe('{"a":1,"b":"\\u00e9"}');
  });

  it('refuses what a session cannot hold', () => {
    expect(() => encodeValue((() => 1) as unknown as string)).toThrow(TypeError);
    expect(() => encodeValue(new Map([[1, 2]]) as unknown as string)).toThrow(TypeError);
  });

  it('a whole session round-trips as a null-prototype record', () => {
    const data = Object.assign(Object.create(null), { ' di': 1, __proto__x: 2 });
    const back = decodeData(encodeData(data));
    expect(back).toEqual(data);
    expect(Object.getPrototypeOf(back)).toBeNull();
  });

  it.each(['[1]', '"text"', 'null', '{"a":', '{" t":[1]}'])('decodeData refuses %s', (text) => {
    expect(() => decodeData(text)).toThrow();
  });
});
