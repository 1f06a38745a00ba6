import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Sessions } from '../../session/sessions.js';
import { Signer } from '../../signing/signer.js';
import { shortbread } from './shortbread.js';

const SECRET = 'a test secret of some length, 32+';

describe('shortbread plugin for Fastify', () => {
  it('decorates the root scope, so routes of a sibling plugin see it', async () => {
    const app = Fastify();
    await app.register(shortbread, { secret: SECRET });
    await app.register(async (child) => {
      child.get('/child', async (request, reply) => {
        reply.setCookie('a', request.cookies.a ?? 'none');
        return { signed: { ...request.signedCookies }, all: request.cookieList.getAll('a') };
      });
    });
    const signed = await new Signer(SECRET).sign('alice');
    const answer = await app.inject({
      url: '/child',
      headers: { cookie: `a=1; a=2; user=${signed}` },
    });
    expect(answer.json()).toEqual({ signed: { user: 'alice' }, all: ['1', '2'] });
    expect(answer.headers['set-cookie']).toEqual(['a=1; Path=/']);
    await app.close();
  });

  it('keeps lines other code adds between its own, replaces by identity, and leaves none after a throw', async () => {
    const app = Fastify();
    await app.register(shortbread);
    app.get('/', async (_request, reply) => {
      reply.setCookie('a', '1');
      reply.header('set-cookie', 'theirs=1; Path=/');
      reply.setCookie('b', '1').setCookie('a', '2');
      expect(() => reply.setCookie('bad;name', 'x')).toThrow();
      return 'ok';
    });
    app.get('/throws', async (_request, reply) => {
      expect(() => reply.setCookie('bad;name', 'x')).toThrow();
      expect(reply.hasHeader('set-cookie')).toBe(false);
      reply.setCookie('c', '1');
      return 'ok';
    });
    const answer = await app.inject({ url: '/' });
    expect(answer.headers['set-cookie']).toEqual([
      'a=2; Path=/',
      'theirs=1; Path=/',
      'b=1; Path=/',
    ]);
    const thrown = await app.inject({ url: '/throws' });
    expect(thrown.statusCode).toBe(200);
    expect(thrown.headers['set-cookie']).toEqual(['c=1; Path=/']);
    await app.close();
  });

  it('refuses to sign without a key', async () => {
    const app = Fastify();
    await app.register(shortbread);
    app.get('/', async (_request, reply) => {
      await reply.setSignedCookie('user', 'alice');
      return 'never';
    });
    const answer = await app.inject({ url: '/' });
    expect(answer.statusCode).toBe(500);
    expect(answer.json().message).toMatch(/setSignedCookie is invalid without a key/);
    await app.close();
  });

  it('commits the session in onSend and adds Vary: Cookie to the existing Vary', async () => {
    const app = Fastify();
    await app.register(shortbread, { sessions: new Sessions({ secret: SECRET }) });
    app.get('/', async (request, reply) => {
      request.session.set('count', 1);
      reply.header('vary', 'Accept-Encoding');
      reply.setCookie('theme', 'dark');
      return 'ok';
    });
    const answer = await app.inject({ url: '/' });
    const lines = answer.headers['set-cookie'] as string[];
    expect(lines[0]).toBe('theme=dark; Path=/');
    expect(lines[1]).toMatch(/^session=[^;]+; HttpOnly; Path=\/$/);
    expect(answer.headers.vary).toBe('Accept-Encoding, Cookie');
    await app.close();
  });
});
