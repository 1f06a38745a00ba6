/**
 * @module The same small app written once per target (plain Fetch, node:http, Express, Fastify,
 * Hono), each in its framework's own idiom over shortbread, each listening on a free port. The
 * conformance suite drives them all over real HTTP and expects the same answers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve as honoServe } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { setCookie as honoSetCookie } from 'hono/cookie';
import { shortbread as expressShortbread } from '../../src/express.js';
import { shortbread as fastifyShortbread } from '../../src/fastify.js';
import { shortbread as honoShortbread, type ShortbreadEnv } from '../../src/hono.js';
import { makeResponse, RequestCookies, ResponseCookies } from '../../src/index.js';
import { deleteCookie, getCookies, getSession, serve, setCookie } from '../../src/node.js';
import type { Session, Sessions } from '../../src/session.js';
import { Signer } from '../../src/signing.js';

/** What every target is started with. */
export interface TargetConfig {
  /** Key of the itsdangerous Signer behind the signed cookies. */
  readonly secret: string;
  readonly sessions: Sessions;
  /** Whether `secure: 'auto'` may believe X-Forwarded-Proto. */
  readonly trustProxy: boolean;
}

export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

export interface Target {
  readonly name: string;
  start(config: TargetConfig): Promise<Running>;
}

/** The answer of /echo: what the request's cookies read as. */
export interface Echo {
  readonly cookies: Record<string, string>;
  readonly names: string[];
  readonly all: string[];
}

/** Three cookies, as every target sets them on /set-many. */
const MANY = [
  ['a', '1', { httpOnly: true }],
  ['b', 'chocolate chip', { maxAge: 30 }],
  ['c', '3', { path: '/x', sameSite: 'lax' }],
] as const;

function echoOf(list: RequestCookies, name: string): Echo {
  return { cookies: { ...list.toObject() }, names: [...list.keys()], all: list.getAll(name) };
}

function nameParam(url: string): string {
  return new URL(url, 'http://x').searchParams.get('name') ?? 'a';
}

async function sessionRoute(path: string, session: Session): Promise<string> {
  if (path === '/session/clear') {
    session.clear();
    return 'cleared';
  }
  const count = Number(session.get('count') ?? 0) + 1;
  session.set('count', count);
  return String(count);
}

async function listen(server: Server): Promise<Running> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Plain Fetch: RequestCookies, makeResponse, Sessions.wrap, served by shortbread/node's serve(). */
const fetchTarget: Target = {
  name: 'fetch',
  async start({ secret, sessions, trustProxy }) {
    const signer = new Signer(secret);
    const withSession = sessions.wrap(async (request, session) =>
      makeResponse(await sessionRoute(new URL(request.url).pathname, session)),
    );
    const serving = await serve(
      async (request) => {
        const url = new URL(request.url);
        const cookies = new RequestCookies(request);
        const https = url.protocol === 'https:';
        switch (url.pathname) {
          case '/echo':
            return makeResponse({ ...echoOf(cookies, nameParam(request.url)) });
          case '/set-many': {
            const response = makeResponse('many');
            for (const [name, value, options] of MANY) response.setCookie(name, value, options);
            return response;
          }
          case '/paths':
            return makeResponse('paths')
              .setCookie('a', '1', { path: '/x' })
              .setCookie('a', '2', { path: '/y' })
              .setCookie('a', '3', { path: '/x' })
              .deleteCookie('old', { path: '/y', domain: 'example.com' });
          case '/delete':
            return makeResponse('bye').deleteCookie('flavor', { path: '/cookies' });
          case '/preset': {
            const response = makeResponse('preset');
            response.headers.append('set-cookie', 'theirs=1; Path=/');
            return response.setCookie('ours', '2');
          }
          case '/signed/set':
            return makeResponse('signed').setCookie('user', await signer.sign('alice'));
          case '/signed/get': {
            const signed: Record<string, string> = {};
            for (const [name, value] of cookies) {
              try {
                signed[name] = await signer.unsign(value);
              } catch {}
            }
            return makeResponse(signed);
          }
          case '/secure': {
            const response = makeResponse('secure');
            new ResponseCookies(response.headers, { secure: https }).set('s', '1');
            return response;
          }
          default:
            if (url.pathname.startsWith('/session/')) return withSession(request);
            return makeResponse('not found', 404);
        }
      },
      { port: 0, trustProxy },
    );
    return { url: serving.url, close: () => serving.close({ force: true }) };
  },
};

/** node:http with getCookies / setCookie / deleteCookie / getSession. */
const nodeTarget: Target = {
  name: 'node',
  async start({ secret, sessions, trustProxy }) {
    const signer = new Signer(secret);
    const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (value: unknown): void => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(value));
      };
      switch (url.pathname) {
        case '/echo':
          return json(echoOf(getCookies(req), nameParam(req.url ?? '/')));
        case '/set-many':
          for (const [name, value, options] of MANY) setCookie(res, name, value, options);
          res.end('many');
          return;
        case '/paths':
          setCookie(res, 'a', '1', { path: '/x' });
          setCookie(res, 'a', '2', { path: '/y' });
          setCookie(res, 'a', '3', { path: '/x' });
          deleteCookie(res, 'old', { path: '/y', domain: 'example.com' });
          res.end('paths');
          return;
        case '/delete':
          deleteCookie(res, 'flavor', { path: '/cookies' });
          res.end('bye');
          return;
        case '/preset':
          res.setHeader('set-cookie', 'theirs=1; Path=/');
          setCookie(res, 'ours', '2');
          res.end('preset');
          return;
        case '/signed/set':
          setCookie(res, 'user', await signer.sign('alice'));
          res.end('signed');
          return;
        case '/signed/get': {
          const signed: Record<string, string> = {};
          for (const [name, value] of getCookies(req)) {
            try {
              signed[name] = await signer.unsign(value);
            } catch {}
          }
          return json(signed);
        }
        case '/secure':
          setCookie(res, 's', '1', { secure: 'auto', trustProxy });
          res.end('secure');
          return;
        default:
          if (url.pathname.startsWith('/session/')) {
            const session = await getSession(req, res, sessions);
            res.end(await sessionRoute(url.pathname, session));
            return;
          }
          res.statusCode = 404;
          res.end('not found');
      }
    };
    return listen(
      createServer((req, res) => {
        handle(req, res).catch(() => {
          res.statusCode = 500;
          res.end();
        });
      }),
    );
  },
};

/** Express 5 with the shortbread middleware. */
const expressTarget: Target = {
  name: 'express',
  async start({ secret, sessions, trustProxy }) {
    const app = express();
    app.set('trust proxy', trustProxy);
    app.use(expressShortbread({ secret, sessions, cookieDefaults: { secure: 'auto' } }));
    app.get('/echo', (req, res) => {
      res.json({
        cookies: req.cookies,
        names: Object.keys(req.cookies),
        all: req.cookieList.getAll(nameParam(req.url)),
      });
    });
    app.get('/set-many', (_req, res) => {
      for (const [name, value, options] of MANY) res.setCookie(name, value, options);
      res.send('many');
    });
    app.get('/paths', (_req, res) => {
      res
        .setCookie('a', '1', { path: '/x' })
        .setCookie('a', '2', { path: '/y' })
        .setCookie('a', '3', { path: '/x' })
        .deleteCookie('old', { path: '/y', domain: 'example.com' });
      res.send('paths');
    });
    app.get('/delete', (_req, res) => {
      res.deleteCookie('flavor', { path: '/cookies' }).send('bye');
    });
    app.get('/preset', (_req, res) => {
      res.cookie('theirs', '1'); // Express's own, in milliseconds; kept next to ours
      res.setCookie('ours', '2').send('preset');
    });
    app.get('/signed/set', async (_req, res) => {
      await res.setSignedCookie('user', 'alice');
      res.send('signed');
    });
    app.get('/signed/get', (req, res) => {
      res.json(req.signedCookies);
    });
    app.get('/secure', (_req, res) => {
      res.setCookie('s', '1').send('secure');
    });
    app.get('/session/:action', async (req, res) => {
      res.send(await sessionRoute(req.path, req.session));
    });
    return listen(createServer(app));
  },
};

/** Fastify 5 with the shortbread plugin. */
const fastifyTarget: Target = {
  name: 'fastify',
  async start({ secret, sessions, trustProxy }) {
    const app = Fastify({ trustProxy });
    await app.register(fastifyShortbread, {
      secret,
      sessions,
      cookieDefaults: { secure: 'auto' },
    });
    app.get('/echo', async (request) => ({
      cookies: request.cookies,
      names: [...request.cookieList.keys()],
      all: request.cookieList.getAll(nameParam(request.url)),
    }));
    app.get('/set-many', async (_request, reply) => {
      for (const [name, value, options] of MANY) reply.setCookie(name, value, options);
      return 'many';
    });
    app.get('/paths', async (_request, reply) => {
      reply
        .setCookie('a', '1', { path: '/x' })
        .setCookie('a', '2', { path: '/y' })
        .setCookie('a', '3', { path: '/x' })
        .deleteCookie('old', { path: '/y', domain: 'example.com' });
      return 'paths';
    });
    app.get('/delete', async (_request, reply) => {
      reply.deleteCookie('flavor', { path: '/cookies' });
      return 'bye';
    });
    app.get('/preset', async (_request, reply) => {
      reply.header('set-cookie', 'theirs=1; Path=/');
      reply.setCookie('ours', '2');
      return 'preset';
    });
    app.get('/signed/set', async (_request, reply) => {
      await reply.setSignedCookie('user', 'alice');
      return 'signed';
    });
    app.get('/signed/get', async (request) => ({ ...request.signedCookies }));
    app.get('/secure', async (_request, reply) => {
      reply.setCookie('s', '1');
      return 'secure';
    });
    app.get('/session/:action', async (request) =>
      sessionRoute(new URL(request.url, 'http://x').pathname, request.session),
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
  },
};

/** Hono 4 on @hono/node-server with the shortbread middleware. */
const honoTarget: Target = {
  name: 'hono',
  async start({ secret, sessions, trustProxy }) {
    const app = new Hono<ShortbreadEnv>();
    app.use(honoShortbread({ secret, sessions, trustProxy, cookieDefaults: { secure: 'auto' } }));
    app.get('/echo', (c) => c.json(echoOf(c.var.cookies, nameParam(c.req.url))));
    app.get('/set-many', (c) => {
      for (const [name, value, options] of MANY) c.var.responseCookies.set(name, value, options);
      return c.text('many');
    });
    app.get('/paths', (c) => {
      c.var.responseCookies
        .set('a', '1', { path: '/x' })
        .set('a', '2', { path: '/y' })
        .set('a', '3', { path: '/x' })
        .delete('old', { path: '/y', domain: 'example.com' });
      return c.text('paths');
    });
    app.get('/delete', (c) => {
      c.var.responseCookies.delete('flavor', { path: '/cookies' });
      return c.text('bye');
    });
    app.get('/preset', (c) => {
      honoSetCookie(c, 'theirs', '1'); // Hono's own helper; kept next to ours
      c.var.responseCookies.set('ours', '2');
      return c.text('preset');
    });
    app.get('/signed/set', async (c) => {
      await c.var.setSignedCookie('user', 'alice');
      return c.text('signed');
    });
    app.get('/signed/get', (c) => c.json({ ...c.var.signedCookies }));
    app.get('/secure', (c) => {
      c.var.responseCookies.set('s', '1');
      return c.text('secure');
    });
    app.get('/session/:action', async (c) =>
      c.text(await sessionRoute(new URL(c.req.url).pathname, c.var.session)),
    );
    const server = await new Promise<Server>((resolve) => {
      const s = honoServe({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(s as Server),
      );
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  },
};

/** Every target, the plain Fetch one first: it is the reference the adapters are held to. */
export const targets: readonly Target[] = [
  fetchTarget,
  nodeTarget,
  expressTarget,
  fastifyTarget,
  honoTarget,
];
