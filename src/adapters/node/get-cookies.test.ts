import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { getCookies } from './get-cookies.js';

function request(cookie?: string): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = cookie === undefined ? {} : { cookie };
  return req;
}

describe('getCookies', () => {
  it('reads the Cookie header as Flask does, duplicates through getAll', () => {
    const cookies = getCookies(request('a=1; flavor=chocolate%20chip; a=2'));
    expect(cookies.get('a')).toBe('1');
    expect(cookies.getAll('a')).toEqual(['1', '2']);
    expect(cookies.get('flavor')).toBe('chocolate chip');
    expect([...cookies.keys()]).toEqual(['a', 'flavor']);
  });

  it('gives no cookies without a header, and inherits nothing', () => {
    const cookies = getCookies(request());
    expect(cookies.size).toBe(0);
    expect(cookies.get('constructor')).toBeUndefined();
  });

  it('passes decode options through', () => {
    expect(getCookies(request('a=%41'), { decode: (raw) => raw }).get('a')).toBe('%41');
  });
});
