/**
 * @module One server of `npm run bench:sessions -- --http`: the app named by `BENCH_APP`, answering
 * `GET /count` (read a counter from the session, add one, write it back, answer the number) on a
 * free port of 127.0.0.1. Prints `LISTENING <port>` once it accepts connections. Every app is the
 * shortest a user would write from each library's README (peers with their documented options for
 * a counter: no session saved before it holds data, no `Secure` over plain HTTP).
 *
 * Environment: `BENCH_APP` (a name of {@link APPS}), `REDIS_URL` for the Redis rows.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fastifySecureSession from '@fastify/secure-session';
import { serve as honoServe } from '@hono/node-server';
import { RedisStore } from 'connect-redis';
import cookieSession from 'cookie-session';
import express, { type Request as ExpressRequest } from 'express';
import expressSession from 'express-session';
import Fastify, { type FastifyPluginAsync, type FastifyRequest } from 'fastify';
import { Hono } from 'hono';
import { getIronSession } from 'iron-session';
import { createClient } from 'redis';
import { shortbread as shortbreadExpress } from '../src/express.js';
import { shortbread as shortbreadFastify } from '../src/fastify.js';
import { type ShortbreadEnv, shortbread as shortbreadHono } from '../src/hono.js';
import { serve } from '../src/node.js';
import { CookieSessionStore, MemorySessionStore, type Session, Sessions } from '../src/session.js';
import { RedisSessionStore } from '../src/session-redis.js';

const SECRET = 'bench secret of a decent length, 32+ bytes';
/** 32 random bytes, as the seal and iron-session docs ask (iron-session takes a 32+ char password). */
const SEAL_KEY = randomBytes(32);
const IRON_PASSWORD = randomBytes(32).toString('hex');
const USERS = 1000;

type Listen = () => Promise<number>;

/** The counter step every app does, on shortbread's `Session`. */
function countOn(session: Session): number {
  const count = Number(session.get('count') ?? 0) + 1;
  session.set('count', count);
  return count;
}

/** A counter over a plain object session (cookie-session, express-session, iron-session, Fastify's). */
interface Counter {
  count?: number;
}

/** @fastify/secure-session's `request.session`. */
interface SecureSession {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

function listenNode(server: ReturnType<typeof createServer>): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function expressApp(setup: (app: express.Express) => void): Listen {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  setup(app);
  return () => listenNode(createServer(app));
}

function shortbreadOnExpress(sessions: Sessions): Listen {
  return expressApp((app) => {
    app.use(shortbreadExpress({ sessions }));
    app.get('/count', (req, res) => {
      res.send(String(countOn(req.session)));
    });
  });
}

function plainOnExpress(middleware: express.RequestHandler): Listen {
  return expressApp((app) => {
    app.use(middleware);
    app.get('/count', (req, res) => {
      const session = (req as ExpressRequest & { session: Counter }).session;
      session.count = (session.count ?? 0) + 1;
      res.send(String(session.count));
    });
  });
}

function fastifyApp(setup: (app: ReturnType<typeof Fastify>) => Promise<void>): Listen {
  return async () => {
    const app = Fastify();
    await setup(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return (app.server.address() as AddressInfo).port;
  };
}

function shortbreadOnFastify(sessions: Sessions): Listen {
  return fastifyApp(async (app) => {
    await app.register(shortbreadFastify, { sessions });
    app.get('/count', async (request: FastifyRequest) =>
      String(countOn(request.session as unknown as Session)),
    );
  });
}

function redisClient(): ReturnType<typeof createClient> {
  const url = process.env.REDIS_URL;
  if (url === undefined) throw new Error('REDIS_URL is not set');
  return createClient({ url });
}

function redisStore(): RedisSessionStore {
  const url = process.env.REDIS_URL;
  if (url === undefined) throw new Error('REDIS_URL is not set');
  return new RedisSessionStore({ url });
}

/** Every app of the table, by name. */
export const APPS: Readonly<Record<string, () => Listen>> = {
  'express bare': () =>
    expressApp((app) => {
      let count = 0;
      app.get('/count', (_req, res) => {
        res.send(String(++count));
      });
    }),
  'express shortbread cookie': () => shortbreadOnExpress(new Sessions({ secret: SECRET })),
  'express cookie-session': () => plainOnExpress(cookieSession({ keys: [SECRET] })),
  'express shortbread memory': () =>
    shortbreadOnExpress(
      new Sessions({ secret: SECRET, store: new MemorySessionStore({ maxSessions: USERS * 4 }) }),
    ),
  'express express-session memory': () =>
    plainOnExpress(expressSession({ secret: SECRET, resave: false, saveUninitialized: false })),
  'express shortbread redis': () =>
    shortbreadOnExpress(new Sessions({ secret: SECRET, store: redisStore() })),
  'express express-session redis': () => {
    const client = redisClient();
    const ready = client.connect();
    const store = new RedisStore({ client });
    const listen = plainOnExpress(
      expressSession({ secret: SECRET, store, resave: false, saveUninitialized: false }),
    );
    return async () => {
      await ready;
      return listen();
    };
  },
  'express shortbread sealed': () =>
    shortbreadOnExpress(
      new Sessions({ secret: SECRET, store: new CookieSessionStore({ seal: SEAL_KEY }) }),
    ),
  'express iron-session': () =>
    expressApp((app) => {
      app.get('/count', async (req, res) => {
        const session = await getIronSession<Counter>(req, res, {
          password: IRON_PASSWORD,
          cookieName: 'session',
          cookieOptions: { secure: false },
        });
        session.count = (session.count ?? 0) + 1;
        await session.save();
        res.send(String(session.count));
      });
    }),
  'fastify bare': () =>
    fastifyApp(async (app) => {
      let count = 0;
      app.get('/count', async () => String(++count));
    }),
  'fastify shortbread cookie': () => shortbreadOnFastify(new Sessions({ secret: SECRET })),
  'fastify shortbread sealed': () =>
    shortbreadOnFastify(
      new Sessions({ secret: SECRET, store: new CookieSessionStore({ seal: SEAL_KEY }) }),
    ),
  'fastify secure-session': () =>
    fastifyApp(async (app) => {
      await app.register(fastifySecureSession, {
        key: SEAL_KEY,
        cookie: { path: '/', httpOnly: true },
      });
      app.get('/count', async (request: FastifyRequest) => {
        // @fastify/session declares `request.session` too: this is secure-session's.
        const session = request.session as unknown as SecureSession;
        const count = Number(session.get('count') ?? 0) + 1;
        session.set('count', count);
        return String(count);
      });
    }),
  'fastify shortbread memory': () =>
    shortbreadOnFastify(
      new Sessions({ secret: SECRET, store: new MemorySessionStore({ maxSessions: USERS * 4 }) }),
    ),
  'fastify @fastify/session memory': () =>
    fastifyApp(async (app) => {
      await app.register((await import('@fastify/cookie')).default);
      // Loaded by a specifier TypeScript does not resolve: @fastify/session's declarations would
      // retype `request.session` for the whole project, shortbread's Fastify adapter included.
      const plugin: string = '@fastify/session';
      const fastifySession = ((await import(plugin)) as { default: FastifyPluginAsync<object> })
        .default;
      await app.register(fastifySession, {
        secret: SECRET,
        saveUninitialized: false,
        cookie: { secure: false },
      });
      app.get('/count', async (request: FastifyRequest) => {
        const session = request.session as unknown as Counter;
        session.count = (session.count ?? 0) + 1;
        return String(session.count);
      });
    }),
  'hono bare': () => {
    const app = new Hono();
    let count = 0;
    app.get('/count', (c) => c.text(String(++count)));
    return () => honoListen(app);
  },
  'hono shortbread cookie': () => {
    const app = new Hono<ShortbreadEnv>();
    app.use(shortbreadHono({ sessions: new Sessions({ secret: SECRET }) }));
    app.get('/count', (c) => c.text(String(countOn(c.var.session))));
    return () => honoListen(app);
  },
  'node:http bare': () => {
    let count = 0;
    const server = createServer((_req: IncomingMessage, res: ServerResponse) => {
      res.end(String(++count));
    });
    return () => listenNode(server);
  },
  'node:http shortbread cookie': () => {
    const sessions = new Sessions({ secret: SECRET });
    const app = sessions.wrap((_request, session) => new Response(String(countOn(session))));
    return async () => {
      const serving = await serve(app, { port: 0, hostname: '127.0.0.1' });
      return Number(new URL(serving.url).port);
    };
  },
};

function honoListen(app: {
  fetch: (request: Request) => Response | Promise<Response>;
}): Promise<number> {
  return new Promise((resolve) => {
    honoServe({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
}

const name = process.env.BENCH_APP;
if (name !== undefined) {
  const make = APPS[name];
  if (make === undefined) throw new Error(`unknown BENCH_APP ${JSON.stringify(name)}`);
  const port = await make()();
  process.stdout.write(`LISTENING ${port}\n`);
}

// Exit on SIGTERM through process.exit, so `node --cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
