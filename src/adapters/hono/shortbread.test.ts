import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { describe, expect, it } from 'vitest';
import { Sessions } from '../../session/sessions.js';
import { type ShortbreadEnv, shortbread } from './shortbread.js';

const SECRET = 'a test secret of some length, 32+';

describe('shortbread() for Hono', () => {
  it("writes its cookies next to Hono's own helper's", async () => {
    const app = new Hono<ShortbreadEnv>();
    app.use(shortbread());
    app.get('/', (c) => {
      setCookie(c, 'theirs', '1');
      c.var.responseCookies.set('ours', c.var.cookies.get('a') ?? 'none');
      return c.text('ok');
    });
    const answer = await app.request('/', { headers: { cookie: 'a=1; a=2' } });
    expect(answer.headers.getSetCookie()).toEqual(['theirs=1; Path=/', 'ours=1; Path=/']);
  });

  it('sets cookies on a response with immutable headers (Response.redirect)', async () => {
    const app = new Hono<ShortbreadEnv>();
    app.use(shortbread({ sessions: new Sessions({ secret: SECRET }) }));
    app.get('/login', (c) => {
      c.var.session.set('user', 'alice');
      c.var.responseCookies.set('flash', 'welcome');
      return Response.redirect('http://localhost/home', 303);
    });
    const answer = await app.request('/login');
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('http://localhost/home');
    const lines = answer.headers.getSetCookie();
    expect(lines[0]).toBe('flash=welcome; Path=/');
    expect(lines[1]).toMatch(/^session=[^;]+; HttpOnly; Path=\/$/);
    expect(answer.headers.get('vary')).toBe('Cookie');
  });

  it("resolves secure: 'auto' from the URL, and X-Forwarded-Proto only when trusted", async () => {
    const make = (trustProxy: boolean) => {
      const app = new Hono<ShortbreadEnv>();
      app.use(shortbread({ trustProxy, cookieDefaults: { secure: 'auto' } }));
      app.get('/', (c) => {
        c.var.responseCookies.set('s', '1');
        return c.text('ok');
      });
      return app;
    };
    const forwarded = { headers: { 'x-forwarded-proto': 'https' } };
    expect((await make(false).request('https://example.com/')).headers.getSetCookie()).toEqual([
      's=1; Secure; Path=/',
    ]);
    expect((await make(true).request('/', forwarded)).headers.getSetCookie()).toEqual([
      's=1; Secure; Path=/',
    ]);
    expect((await make(false).request('/', forwarded)).headers.getSetCookie()).toEqual([
      's=1; Path=/',
    ]);
  });
});
