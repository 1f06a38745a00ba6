import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isCookieError } from '../../codec/errors.js';
import { setCookie } from './set-cookie.js';

function response(headers: Record<string, string> = {}): ServerResponse {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return new ServerResponse(req);
}

describe('setCookie (node:http)', () => {
  it('appends to a Set-Cookie header set by other code instead of replacing it', () => {
    const res = response();
    res.setHeader('set-cookie', 'theirs=1; Path=/');
    setCookie(res, 'ours', '2', { httpOnly: true });
    expect(res.getHeader('set-cookie')).toEqual(['theirs=1; Path=/', 'ours=2; HttpOnly; Path=/']);
  });

  it('keeps the same name on two paths and replaces the same name and path', () => {
    const res = response();
    setCookie(res, 'a', '1', { path: '/x' });
    setCookie(res, 'a', '2', { path: '/y' });
    setCookie(res, 'a', '3', { path: '/x' });
    expect(res.getHeader('set-cookie')).toEqual(['a=3; Path=/x', 'a=2; Path=/y']);
  });

  it('sees lines other code set between two calls', () => {
    const res = response();
    setCookie(res, 'a', '1');
    res.appendHeader('set-cookie', 'b=2; Path=/');
    setCookie(res, 'c', '3');
    expect(res.getHeader('set-cookie')).toEqual(['a=1; Path=/', 'b=2; Path=/', 'c=3; Path=/']);
  });

  it('takes maxAge in seconds and writes Expires next to it, as Werkzeug does', () => {
    const res = response();
    setCookie(res, 'a', '1', { maxAge: 30, now: Date.UTC(2026, 0, 1) });
    expect(res.getHeader('set-cookie')).toEqual([
      'a=1; Expires=Thu, 01 Jan 2026 00:00:30 GMT; Max-Age=30; Path=/',
    ]);
  });

  it("resolves secure: 'auto' from the request, believing X-Forwarded-Proto only when trusted", () => {
    const forwarded = { 'x-forwarded-proto': 'https' };
    const trusted = setCookie(response(forwarded), 'a', '1', { secure: 'auto', trustProxy: true });
    const untrusted = setCookie(response(forwarded), 'a', '1', { secure: 'auto' });
    expect(trusted.getHeader('set-cookie')).toEqual(['a=1; Secure; Path=/']);
    expect(untrusted.getHeader('set-cookie')).toEqual(['a=1; Path=/']);
  });

  it('refuses what no browser would keep, and leaves the header as it was', () => {
    const res = response();
    setCookie(res, 'a', '1');
    let error: unknown;
    try {
      setCookie(res, 'a;b', '1');
    } catch (caught) {
      error = caught;
    }
    expect(isCookieError(error)).toBe(true);
    expect(res.getHeader('set-cookie')).toEqual(['a=1; Path=/']);
  });
});
