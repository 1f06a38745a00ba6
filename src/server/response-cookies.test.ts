import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isCookieError } from '../codec/errors.js';
import { parseSetCookie } from '../codec/set-cookie.js';
import type { SetCookie } from '../codec/types.js';
import { ResponseCookies } from './response-cookies.js';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);
const EPOCH = 'Expires=Thu, 01 Jan 1970 00:00:00 GMT';

function fresh(defaults?: ConstructorParameters<typeof ResponseCookies>[1]) {
  const headers = new Headers();
  return { headers, cookies: new ResponseCookies(headers, { now: NOW, ...defaults }) };
}

function parsed(headers: Headers): SetCookie[] {
  return headers.getSetCookie().map((line) => {
    const cookie = parseSetCookie(line, { now: NOW });
    if (cookie === undefined) throw new Error(`unparseable: ${line}`);
    return cookie;
  });
}

describe('ResponseCookies.set (Flask set_cookie)', () => {
  it('uses Flask defaults: Path=/, no other attribute', () => {
    const { headers, cookies } = fresh();
    cookies.set('chewy', 'yes');
    const [line] = headers.getSetCookie();
    expect(line).toBe('chewy=yes; Path=/');
  });

  it('writes Expires next to Max-Age, as Werkzeug does, from the given clock', () => {
    const { headers, cookies } = fresh();
    cookies.set('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' });
    const [cookie] = parsed(headers);
    expect(cookie).toMatchObject({
      name: 'flavor',
      value: 'chocolate chip',
      maxAge: 30,
      path: '/cookies',
      expires: new Date(NOW + 30_000),
    });
    expect(headers.getSetCookie()[0]).toContain('flavor=chocolate%20chip');
  });

  it.each([
    // options, expected parsed attributes
    [{ path: '/a' }, { path: '/a' }],
    [{ domain: '.Example.COM' }, { domain: 'example.com', path: '/' }],
    [
      { secure: true, httpOnly: true },
      { secure: true, httpOnly: true },
    ],
    [{ sameSite: 'Lax' }, { sameSite: 'lax' }],
    [
      { sameSite: 'none', secure: true },
      { sameSite: 'none', secure: true },
    ],
    [{ partitioned: true, secure: true }, { partitioned: true }],
    [{ expires: new Date(NOW + 60_000) }, { expires: new Date(NOW + 60_000) }],
    [{ maxAge: 0 }, { maxAge: 0 }],
    [{ path: undefined }, { path: '/' }],
  ] as const)('set with %j', (options, expected) => {
    const { headers, cookies } = fresh();
    cookies.set('a', 'b', options);
    expect(parsed(headers)[0]).toMatchObject({ name: 'a', value: 'b', ...expected });
  });

  it('takes constructor defaults, overridden per call; undefined there removes a built-in default', () => {
    const { headers, cookies } = fresh({ secure: true, httpOnly: true, sameSite: 'lax' });
    cookies.set('a', '1').set('b', '2', { httpOnly: false, path: '/b' });
    expect(parsed(headers)).toMatchObject([
      { name: 'a', secure: true, httpOnly: true, sameSite: 'lax', path: '/' },
      { name: 'b', secure: true, httpOnly: false, sameSite: 'lax', path: '/b' },
    ]);
    const bare = fresh({ path: undefined, syncExpires: false });
    bare.cookies.set('c', '3', { maxAge: 5 });
    expect(parsed(bare.headers)[0]).not.toHaveProperty('path');
    expect(parsed(bare.headers)[0]).not.toHaveProperty('expires');
  });

  it('writes one Set-Cookie header per cookie, never comma-joined', () => {
    const { headers, cookies } = fresh();
    cookies.set('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' });
    cookies.set('chocolate type', 'dark');
    cookies.set('chewy', 'yes');
    expect(headers.getSetCookie()).toHaveLength(3);
    expect(parsed(headers).map((c) => c.name)).toEqual(['flavor', 'chocolate type', 'chewy']);
  });

  it('the same name, path and domain replaces the earlier header in place', () => {
    const { headers, cookies } = fresh();
    cookies.set('a', '1').set('b', '2').set('a', '1x');
    expect(headers.getSetCookie()).toHaveLength(2);
    expect(parsed(headers).map((c) => c.value)).toEqual(['1x', '2']);
  });

  it.each([
    ['path', { path: '/x' }, { path: '/y' }],
    ['domain', { domain: 'a.example' }, { domain: 'b.example' }],
    ['domain vs none', { domain: 'a.example' }, {}],
  ] as const)('the same name on another %s is another cookie', (_, first, second) => {
    const { headers, cookies } = fresh();
    cookies.set('a', '1', first).set('a', '2', second);
    expect(headers.getSetCookie()).toHaveLength(2);
    expect(cookies.getAll('a').map((c) => c.value)).toEqual(['1', '2']);
  });

  it('compares Domain as a browser stores it (case, leading dot)', () => {
    const { headers, cookies } = fresh();
    cookies.set('a', '1', { domain: '.Example.com' }).set('a', '2', { domain: 'example.COM' });
    expect(headers.getSetCookie()).toHaveLength(1);
    expect(cookies.get('a')?.value).toBe('2');
  });

  it('keeps Set-Cookie headers other code added, and replaces them by identity too', () => {
    const headers = new Headers();
    headers.append('set-cookie', 'session=abc; Path=/; HttpOnly');
    headers.append('set-cookie', 'other=1; Path=/x');
    const cookies = new ResponseCookies(headers, { now: NOW });
    cookies.set('session', 'def', { httpOnly: true });
    expect(headers.getSetCookie()).toEqual([headers.getSetCookie()[0], 'other=1; Path=/x']);
    expect(cookies.get('session')?.value).toBe('def');
  });

  it('works over an array of lines, edited in place, replacing by identity there too', () => {
    const lines = ['session=abc; Path=/; HttpOnly', 'other=1; Path=/x'];
    const cookies = new ResponseCookies(lines, { now: NOW });
    cookies.set('a', '1').set('session', 'def').set('a', '2', { path: '/y' });
    expect(lines).toEqual([
      'session=def; Path=/',
      'other=1; Path=/x',
      'a=1; Path=/',
      'a=2; Path=/y',
    ]);
    cookies.delete('a', { path: '/y' });
    expect(lines[3]).toBe(`a=; ${EPOCH}; Max-Age=0; Path=/y`);
    expect(cookies.getAll('a').map((c) => c.path)).toEqual(['/', '/y']);
    expect(cookies.get('other')?.value).toBe('1');
  });

  it('over an array, sees lines other code put there since (by position, not by a stale cache)', () => {
    const lines: string[] = [];
    const cookies = new ResponseCookies(lines, { now: NOW });
    cookies.set('a', '1').set('b', '2');
    // Someone swaps the lines around and adds one: the cached identities must not be trusted.
    lines.reverse();
    lines.unshift('a=0; Path=/; Domain=Example.com');
    cookies.set('a', '3');
    expect(lines).toEqual(['a=0; Path=/; Domain=Example.com', 'b=2; Path=/', 'a=3; Path=/']);
    cookies.set('a', '4', { domain: 'example.com' }).set('b', '5');
    expect(lines).toEqual(['a=4; Domain=example.com; Path=/', 'b=5; Path=/', 'a=3; Path=/']);
  });

  it('finds the cookie to replace in lines written loosely by other code (spaces, case of attributes)', () => {
    const lines = [' a =1; path=/x', 'b=a; Path=/x', 'ab=1; Path=/x'];
    new ResponseCookies(lines, { now: NOW }).set('a', '2', { path: '/x' }).set('b', '2');
    expect(lines).toEqual(['a=2; Path=/x', 'b=a; Path=/x', 'ab=1; Path=/x', 'b=2; Path=/']);
  });

  it('over an array, drops later duplicates of a cookie when it replaces the first', () => {
    const lines = ['a=1; Path=/', 'b=1', 'a=2; Path=/', 'A=3; Path=/'];
    new ResponseCookies(lines, { now: NOW }).set('a', '9');
    expect(lines).toEqual(['a=9; Path=/', 'b=1', 'A=3; Path=/']);
  });

  it('over Headers, drops later duplicates of a cookie too, and keeps replacing after that', () => {
    const { headers, cookies } = fresh();
    for (const line of ['a=1; Path=/', 'b=1', 'a=2; Path=/', 'c=1; Path=/', 'a=3; Path=/']) {
      headers.append('set-cookie', line);
    }
    cookies.set('a', '9').set('c', '9');
    expect(headers.getSetCookie()).toEqual(['a=9; Path=/', 'b=1', 'c=9; Path=/']);
  });

  it('over Headers, keeps replacing correctly after a replacement moved the lines', () => {
    const { headers, cookies } = fresh();
    headers.append('set-cookie', 'x=1; Path=/');
    cookies.set('a', '1').set('x', '2').set('b', '1').set('a', '2').set('b', '2');
    expect(headers.getSetCookie()).toEqual(['x=2; Path=/', 'a=2; Path=/', 'b=2; Path=/']);
  });

  it('works over a Response it is given', () => {
    const response = new Response('hi');
    new ResponseCookies(response).set('a', '1');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/']);
  });

  it.each([
    ['a;b', 'v', 'ERR_COOKIE_NAME_INVALID'],
    ['a\nb', 'v', 'ERR_COOKIE_NAME_INVALID'],
  ] as const)('refuses name %j with a CookieError and writes nothing', (name, value, code) => {
    const { headers, cookies } = fresh();
    let error: unknown;
    try {
      cookies.set(name, value);
    } catch (caught) {
      error = caught;
    }
    expect(isCookieError(error)).toBe(true);
    expect((error as { code: string }).code).toBe(code);
    expect(headers.getSetCookie()).toEqual([]);
  });
});

describe('ResponseCookies.delete (Werkzeug delete_cookie)', () => {
  it('writes an empty value, Expires at the epoch and Max-Age=0 with Path=/', () => {
    const { headers, cookies } = fresh();
    cookies.delete('flavor');
    const [line] = headers.getSetCookie();
    expect(line).toMatch(/^flavor=;/);
    expect(line).toContain(EPOCH);
    expect(line).toContain('Max-Age=0');
    expect(parsed(headers)[0]).toMatchObject({ name: 'flavor', value: '', maxAge: 0, path: '/' });
  });

  it('passes path, domain and the flags through', () => {
    const { headers, cookies } = fresh();
    cookies.delete('a', {
      path: '/p',
      domain: 'example.com',
      secure: true,
      httpOnly: true,
      sameSite: 'None',
      partitioned: true,
    });
    expect(parsed(headers)[0]).toMatchObject({
      value: '',
      path: '/p',
      domain: 'example.com',
      secure: true,
      httpOnly: true,
      sameSite: 'none',
      partitioned: true,
      maxAge: 0,
      expires: new Date(0),
    });
  });

  it('takes the attributes from the defaults but never the lifetime or encoding', () => {
    const { headers, cookies } = fresh({ secure: true, sameSite: 'none', maxAge: 3600 });
    cookies.delete('a');
    expect(parsed(headers)[0]).toMatchObject({ secure: true, sameSite: 'none', maxAge: 0 });
    expect(headers.getSetCookie()[0]).toContain(EPOCH);
  });

  it('replaces a cookie set earlier in the same response, and only that one', () => {
    const { headers, cookies } = fresh();
    cookies.set('a', '1', { path: '/x' }).set('a', '2').delete('a', { path: '/x' });
    expect(cookies.getAll('a').map((c) => [c.path, c.value])).toEqual([
      ['/x', ''],
      ['/', '2'],
    ]);
    expect(headers.getSetCookie()).toHaveLength(2);
  });

  it('deletes a __Host- cookie when given what the prefix needs', () => {
    const { headers, cookies } = fresh();
    cookies.delete('__Host-id', { secure: true });
    expect(parsed(headers)[0]).toMatchObject({ name: '__Host-id', secure: true, path: '/' });
  });
});

describe('ResponseCookies.get / getAll / has', () => {
  it('reads back what the response sets, decoded, filtered by domain and path', () => {
    const { cookies } = fresh();
    cookies
      .set('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' })
      .set('flavor', 'oat', { domain: 'Example.com' });
    expect(cookies.get('flavor')?.value).toBe('chocolate chip');
    expect(cookies.get('flavor', { path: '/cookies' })?.maxAge).toBe(30);
    expect(cookies.get('flavor', { domain: '.example.com' })?.value).toBe('oat');
    expect(cookies.get('flavor', { path: '/nope' })).toBeUndefined();
    expect(cookies.has('flavor')).toBe(true);
    expect(cookies.has('flavor', { domain: 'other.example' })).toBe(false);
    expect(cookies.has('__proto__')).toBe(false);
    expect(cookies.getAll()).toHaveLength(2);
    expect(cookies.getAll('nope')).toEqual([]);
  });

  it('treats __proto__ and constructor as names like any', () => {
    const { headers, cookies } = fresh();
    cookies.set('__proto__', 'x').set('constructor', 'y');
    expect(cookies.get('__proto__')?.value).toBe('x');
    expect(cookies.get('constructor')?.value).toBe('y');
    expect(headers.getSetCookie()).toHaveLength(2);
  });
});

describe('ResponseCookies against real Werkzeug (python3 on PATH)', () => {
  it('sets and deletes the same cookies as Werkzeug 3 set_cookie/delete_cookie', () => {
    const script = `
import json
from werkzeug.sansio.response import Response
r = Response()
r.set_cookie("flavor", "chocolate chip", max_age=30, path="/cookies")
r.set_cookie("chocolate type", "dark")
r.set_cookie("a", "b", domain=".Example.com", secure=True, httponly=True, samesite="Strict")
r.delete_cookie("gone")
r.delete_cookie("x", path="/p", domain="example.com", secure=True, httponly=True, samesite="None", partitioned=True)
print(json.dumps(r.headers.getlist("Set-Cookie")))
`;
    const run = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
    expect(run.error, 'python3 must be installed').toBeUndefined();
    expect(run.stderr).toBe('');
    const werkzeug = JSON.parse(run.stdout) as string[];
    const now = Date.now();
    const headers = new Headers();
    new ResponseCookies(headers, { now })
      .set('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' })
      .set('chocolate type', 'dark')
      .set('a', 'b', { domain: '.Example.com', secure: true, httpOnly: true, sameSite: 'Strict' })
      .delete('gone')
      .delete('x', {
        path: '/p',
        domain: 'example.com',
        secure: true,
        httpOnly: true,
        sameSite: 'None',
        partitioned: true,
      });
    const ours = headers.getSetCookie();
    expect(ours).toHaveLength(werkzeug.length);
    ours.forEach((line, index) => {
      const mine = parseSetCookie(line, { now });
      const theirs = parseSetCookie(werkzeug[index] ?? '', { now });
      // Werkzeug's Expires comes from its own clock: compare it within a few seconds.
      const drift = Math.abs((mine?.expires?.getTime() ?? 0) - (theirs?.expires?.getTime() ?? 0));
      expect(drift).toBeLessThan(5_000);
      expect({ ...mine, expires: undefined }).toEqual({ ...theirs, expires: undefined });
    });
  });

  it.each([
    ['python3', 'Werkzeug 3.1'],
    ['/usr/bin/python3', 'Werkzeug 2.2'],
  ])('with encoding werkzeug, writes the bytes %s (%s) writes', (python) => {
    const tricky = 'café,;\\"\t x';
    const script = `
import json, sys
from werkzeug.sansio.response import Response
r = Response()
r.set_cookie("flavor", "chocolate chip", path="/cookies")
r.set_cookie("chocolate type", "dark")
r.set_cookie("a", "b c", domain="example.com", secure=True, httponly=True, samesite="Strict")
r.set_cookie("k", json.loads(sys.argv[1]))
r.delete_cookie("gone", path="/p", domain="example.com", secure=True, samesite="Lax")
print(json.dumps(r.headers.getlist("Set-Cookie")))
`;
    const run = spawnSync(python, ['-c', script, JSON.stringify(tricky)], { encoding: 'utf8' });
    expect(run.error, `${python} must be installed`).toBeUndefined();
    expect(run.stderr).toBe('');
    const headers = new Headers();
    new ResponseCookies(headers, { encoding: 'werkzeug' })
      .set('flavor', 'chocolate chip', { path: '/cookies' })
      .set('chocolate type', 'dark')
      .set('a', 'b c', { domain: 'example.com', secure: true, httpOnly: true, sameSite: 'Strict' })
      .set('k', tricky)
      .delete('gone', { path: '/p', domain: 'example.com', secure: true, sameSite: 'Lax' });
    expect(headers.getSetCookie()).toEqual(JSON.parse(run.stdout));
  });
});
