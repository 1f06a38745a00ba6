import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { deleteCookie } from './delete-cookie.js';
import { setCookie } from './set-cookie.js';

function response(): ServerResponse {
  return new ServerResponse(new IncomingMessage(new Socket()));
}

describe('deleteCookie (node:http)', () => {
  it("writes Werkzeug's delete_cookie with the path and domain that name the cookie", () => {
    const res = deleteCookie(response(), 'flavor', { path: '/cookies', domain: 'example.com' });
    expect(res.getHeader('set-cookie')).toEqual([
      'flavor=; Domain=example.com; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/cookies',
    ]);
  });

  it('replaces a cookie set earlier in the same response and keeps the others', () => {
    const res = response();
    setCookie(res, 'a', '1');
    setCookie(res, 'b', '2');
    deleteCookie(res, 'a');
    expect(res.getHeader('set-cookie')).toEqual([
      'a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/',
      'b=2; Path=/',
    ]);
  });
});
