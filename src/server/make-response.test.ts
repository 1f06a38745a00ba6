import { describe, expect, it } from 'vitest';
import { parseSetCookie } from '../codec/set-cookie.js';
import { CookieResponse, type MakeResponseBody, makeResponse } from './make-response.js';
import { ResponseCookies } from './response-cookies.js';

const HTML = 'text/html; charset=utf-8';
const bytes = new TextEncoder().encode('héllo');

function stream(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
}

describe('makeResponse (Flask make_response)', () => {
  it.each([
    // body, content type, text
    ['a string', 'Cookies', HTML, 'Cookies'],
    ['an empty string', '', HTML, ''],
    ['nothing', undefined, HTML, ''],
    ['null', null, HTML, ''],
    ['a Uint8Array', bytes, HTML, 'héllo'],
    ['an ArrayBuffer', bytes.slice().buffer, HTML, 'héllo'],
    ['a DataView', new DataView(bytes.slice().buffer), HTML, 'héllo'],
    ['a stream', stream('streamed'), HTML, 'streamed'],
    [
      'a plain object',
      { flavor: 'chocolate chip' },
      'application/json',
      '{"flavor":"chocolate chip"}',
    ],
    ['an array', [1, 'two'], 'application/json', '[1,"two"]'],
    [
      'a null-prototype object',
      Object.assign(Object.create(null) as Record<string, string>, { __proto__x: '1' }),
      'application/json',
      '{"__proto__x":"1"}',
    ],
    [
      'URLSearchParams',
      new URLSearchParams('a=1'),
      'application/x-www-form-urlencoded;charset=UTF-8',
      'a=1',
    ],
    ['a Blob', new Blob(['b'], { type: 'text/plain' }), 'text/plain', 'b'],
  ] as const)('sends %s', async (_, body, type, text) => {
    const response = makeResponse(body as MakeResponseBody);
    expect(response).toBeInstanceOf(Response);
    expect(response).toBeInstanceOf(CookieResponse);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(await response.text()).toBe(text);
  });

  it('sends a cookie named __proto__ in a JSON body as an own key', async () => {
    const record = Object.create(null) as Record<string, string>;
    Object.defineProperty(record, '__proto__', { value: 'x', enumerable: true });
    const response = makeResponse({ cookies: record });
    expect(await response.text()).toBe('{"cookies":{"__proto__":"x"}}');
  });

  it.each([
    ['a status', 404, 404, ''],
    ['an init', { status: 201, statusText: 'Made' }, 201, 'Made'],
  ] as const)('takes %s', (_, init, status, statusText) => {
    const response = makeResponse('x', init);
    expect(response.status).toBe(status);
    expect(response.statusText).toBe(statusText);
  });

  it('lets the init set the content type and other headers', () => {
    const response = makeResponse('{}', {
      headers: { 'content-type': 'application/json', 'x-flavor': 'dark' },
    });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-flavor')).toBe('dark');
  });

  it('copies an existing Response: status, text, headers, every Set-Cookie, body', async () => {
    const original = new Response('body', {
      status: 418,
      statusText: 'Teapot',
      headers: { 'content-type': 'text/plain', 'x-a': '1' },
    });
    original.headers.append('set-cookie', 'a=1; Path=/');
    original.headers.append('set-cookie', 'b=2; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    const response = makeResponse(original, { headers: { 'x-a': '2', 'set-cookie': 'c=3' } });
    expect(response.status).toBe(418);
    expect(response.statusText).toBe('Teapot');
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('x-a')).toBe('2');
    expect(response.headers.getSetCookie()).toEqual([
      'a=1; Path=/',
      'b=2; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      'c=3',
    ]);
    expect(await response.text()).toBe('body');
  });

  it('copies a Response with a new status, dropping its status text', () => {
    const response = makeResponse(new Response('x', { status: 418, statusText: 'Teapot' }), 200);
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('');
  });

  it.each([204, 304])('drops the body for status %i, as Werkzeug does', async (status) => {
    const response = makeResponse('ignored', status);
    expect(response.status).toBe(status);
    expect(response.body).toBeNull();
  });

  it.each([
    ['a number', 42],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
  ])('refuses %s with a TypeError that names it', (_, body) => {
    expect(() => makeResponse(body as unknown as MakeResponseBody)).toThrow(
      /response body is invalid: .*(number|Date|Map)/,
    );
  });
});

describe('CookieResponse: setCookie, deleteCookie, cookies', () => {
  it('sets cookies the Flask way and keeps each in its own header', () => {
    const response = makeResponse('Cookies')
      .setCookie('flavor', 'chocolate chip', { maxAge: 30, path: '/cookies' })
      .setCookie('chocolate type', 'dark')
      .setCookie('chewy', 'yes');
    expect(response.headers.getSetCookie()).toHaveLength(3);
    expect(response.cookies).toBeInstanceOf(ResponseCookies);
    expect(response.cookies.get('flavor')).toMatchObject({ maxAge: 30, path: '/cookies' });
    expect(response.cookies.get('chocolate type')?.value).toBe('dark');
  });

  it("defaults the value to '' as Flask's set_cookie does", () => {
    const response = makeResponse().setCookie('empty');
    expect(response.headers.getSetCookie()).toEqual(['empty=; Path=/']);
  });

  it('deletes a cookie as Werkzeug does', () => {
    const response = makeResponse('Bye').deleteCookie('flavor', { path: '/cookies' });
    const cookie = parseSetCookie(response.headers.getSetCookie()[0] ?? '');
    expect(cookie).toMatchObject({ name: 'flavor', value: '', maxAge: 0, path: '/cookies' });
    expect(cookie?.expires?.getTime()).toBe(0);
  });

  it('applies cookie defaults from the init', () => {
    const response = makeResponse('x', { cookieDefaults: { secure: true, httpOnly: true } });
    response.setCookie('a', '1');
    expect(response.cookies.get('a')).toMatchObject({ secure: true, httpOnly: true });
  });

  it('clones into a CookieResponse whose cookies are its own', async () => {
    const response = makeResponse('x').setCookie('a', '1');
    const copy = response.clone();
    expect(copy).toBeInstanceOf(CookieResponse);
    copy.setCookie('b', '2');
    expect(response.headers.getSetCookie()).toHaveLength(1);
    expect(copy.headers.getSetCookie()).toHaveLength(2);
    expect(await copy.text()).toBe('x');
    expect(await response.text()).toBe('x');
  });

  it('makes JSON responses that still take cookies', async () => {
    const response = CookieResponse.json(
      { ok: true },
      { status: 201, cookieDefaults: { secure: true } },
    );
    expect(response).toBeInstanceOf(CookieResponse);
    response.setCookie('seen', 'yes');
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.cookies.get('seen')?.secure).toBe(true);
    expect(await response.json()).toEqual({ ok: true });
  });

  it.each([
    ['/account', 302, '/account'],
    ['https://example.com/a b', 303, 'https://example.com/a b'],
    [new URL('https://example.com/a b'), 307, 'https://example.com/a%20b'],
    ['/café?q=é', 301, '/caf%C3%A9?q=%C3%A9'],
  ] as const)(
    'redirects to %s with %i, cookies and all (Flask redirect)',
    (url, status, location) => {
      const response = CookieResponse.redirect(url, status).setCookie('session', 'abc');
      expect(response).toBeInstanceOf(CookieResponse);
      expect(response.status).toBe(status);
      expect(response.headers.get('location')).toBe(location);
      expect(response.headers.getSetCookie()).toEqual(['session=abc; Path=/']);
    },
  );

  it('refuses a redirect status that is not one', () => {
    expect(() => CookieResponse.redirect('/x', 200)).toThrow(/redirect status is invalid: 200/);
  });
});
