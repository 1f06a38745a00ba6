/**
 * @module One server of bench/adapters.ts, in its own process: `<framework> <variant>`, where the
 * framework is node, express, fastify or hono and the variant is bare (no cookies), shortbread, or
 * usual (the framework's usual cookie package). Each request reads 20 cookies and sets 3 (except
 * bare). Prints `listening <port>` once ready.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve as honoServe } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { getCookie as honoGetCookie, setCookie as honoSetCookie } from 'hono/cookie';
import { shortbread as expressShortbread } from '../src/express.js';
import { shortbread as fastifyShortbread } from '../src/fastify.js';
import { shortbread as honoShortbread, type ShortbreadEnv } from '../src/hono.js';
import { getCookies, setCookie } from '../src/node.js';

/** The 20 names the request carries (and the handler reads). */
export const NAMES = Array.from({ length: 20 }, (_, i) => `cookie_${i}`);

const [framework, variant] = process.argv.slice(2);

// The driver asks for the CPU time used so far, around each measured run: CPU per request is steady
// on a shared machine where requests per second are not.
// Exit cleanly when stopped, so `node --cpu-prof` writes its profile.
process.once('SIGTERM', () => process.exit(0));
process.on('message', () => {
  const { user, system } = process.cpuUsage();
  process.send?.({ cpu: user + system });
});

/** Loaded by a computed name so the type checker does not merge @fastify/cookie's declarations
 * (they decorate the same `setCookie` as shortbread's plugin) into the program. */
async function load(name: string): Promise<{ default: unknown }> {
  return (await import(name)) as { default: unknown };
}

function listenNode(server: Server): void {
  server.listen(0, '127.0.0.1', () => {
    console.log(`listening ${(server.address() as AddressInfo).port}`);
  });
}

const SID = 'a'.repeat(43);

async function main(): Promise<void> {
  if (framework === 'node') {
    const bare = (_req: IncomingMessage, res: ServerResponse): void => {
      res.end('ok');
    };
    const withShortbread = (req: IncomingMessage, res: ServerResponse): void => {
      const cookies = getCookies(req);
      let length = 0;
      for (const name of NAMES) length += cookies.get(name)?.length ?? 0;
      setCookie(res, 'sid', SID, { httpOnly: true, sameSite: 'lax', maxAge: 3600 });
      setCookie(res, 'theme', 'dark');
      setCookie(res, 'seen', String(length), { maxAge: 2_592_000 });
      res.end('ok');
    };
    const cookie = (await load('cookie-v1')) as unknown as {
      parse(text: string): Record<string, string | undefined>;
      serialize(name: string, value: string, options?: object): string;
    };
    const withCookie = (req: IncomingMessage, res: ServerResponse): void => {
      const cookies = cookie.parse(req.headers.cookie ?? '');
      let length = 0;
      for (const name of NAMES) length += cookies[name]?.length ?? 0;
      res.setHeader('set-cookie', [
        cookie.serialize('sid', SID, { httpOnly: true, sameSite: 'lax', maxAge: 3600, path: '/' }),
        cookie.serialize('theme', 'dark', { path: '/' }),
        cookie.serialize('seen', String(length), { maxAge: 2_592_000, path: '/' }),
      ]);
      res.end('ok');
    };
    const handler =
      variant === 'bare' ? bare : variant === 'shortbread' ? withShortbread : withCookie;
    listenNode(createServer(handler));
    return;
  }

  if (framework === 'express') {
    const app = express();
    app.set('etag', false);
    app.set('x-powered-by', false);
    if (variant === 'bare') {
      app.get('/', (_req, res) => {
        res.send('ok');
      });
    } else if (variant === 'shortbread') {
      app.use(expressShortbread());
      app.get('/', (req, res) => {
        let length = 0;
        for (const name of NAMES) length += req.cookies[name]?.length ?? 0;
        res.setCookie('sid', SID, { httpOnly: true, sameSite: 'lax', maxAge: 3600 });
        res.setCookie('theme', 'dark');
        res.setCookie('seen', String(length), { maxAge: 2_592_000 });
        res.send('ok');
      });
    } else {
      const cookieParser = (await load('cookie-parser')).default as () => express.RequestHandler;
      app.use(cookieParser());
      app.get('/', (req, res) => {
        let length = 0;
        const cookies = req.cookies as Record<string, string | undefined>;
        for (const name of NAMES) length += cookies[name]?.length ?? 0;
        // Express's res.cookie takes milliseconds.
        res.cookie('sid', SID, { httpOnly: true, sameSite: 'lax', maxAge: 3_600_000 });
        res.cookie('theme', 'dark');
        res.cookie('seen', String(length), { maxAge: 2_592_000_000 });
        res.send('ok');
      });
    }
    listenNode(createServer(app));
    return;
  }

  if (framework === 'fastify') {
    const app = Fastify();
    if (variant === 'bare') {
      app.get('/', async () => 'ok');
    } else if (variant === 'shortbread') {
      await app.register(fastifyShortbread);
      app.get('/', async (request, reply) => {
        let length = 0;
        for (const name of NAMES) length += request.cookies[name]?.length ?? 0;
        reply.setCookie('sid', SID, { httpOnly: true, sameSite: 'lax', maxAge: 3600 });
        reply.setCookie('theme', 'dark');
        reply.setCookie('seen', String(length), { maxAge: 2_592_000 });
        return 'ok';
      });
    } else {
      const fastifyCookie = (await load('@fastify/cookie')).default as Parameters<
        typeof app.register
      >[0];
      await app.register(fastifyCookie);
      app.get('/', async (request, reply) => {
        let length = 0;
        const cookies = (request as unknown as { cookies: Record<string, string | undefined> })
          .cookies;
        for (const name of NAMES) length += cookies[name]?.length ?? 0;
        const set = (
          reply as unknown as { setCookie: (n: string, v: string, o?: object) => void }
        ).setCookie.bind(reply);
        set('sid', SID, { httpOnly: true, sameSite: 'lax', maxAge: 3600, path: '/' });
        set('theme', 'dark', { path: '/' });
        set('seen', String(length), { maxAge: 2_592_000, path: '/' });
        return 'ok';
      });
    }
    await app.listen({ port: 0, host: '127.0.0.1' });
    console.log(`listening ${(app.server.address() as AddressInfo).port}`);
    return;
  }

  if (framework === 'hono') {
    const app = new Hono<ShortbreadEnv>();
    if (variant === 'bare') {
      app.get('/', (c) => c.text('ok'));
    } else if (variant === 'shortbread') {
      app.use(honoShortbread());
      app.get('/', (c) => {
        let length = 0;
        const cookies = c.var.cookies;
        for (const name of NAMES) length += cookies.get(name)?.length ?? 0;
        const out = c.var.responseCookies;
        out.set('sid', SID, { httpOnly: true, sameSite: 'lax', maxAge: 3600 });
        out.set('theme', 'dark');
        out.set('seen', String(length), { maxAge: 2_592_000 });
        return c.text('ok');
      });
    } else {
      app.get('/', (c) => {
        let length = 0;
        const cookies = honoGetCookie(c);
        for (const name of NAMES) length += cookies[name]?.length ?? 0;
        honoSetCookie(c, 'sid', SID, { httpOnly: true, sameSite: 'Lax', maxAge: 3600 });
        honoSetCookie(c, 'theme', 'dark');
        honoSetCookie(c, 'seen', String(length), { maxAge: 2_592_000 });
        return c.text('ok');
      });
    }
    const server = honoServe({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      console.log(`listening ${info.port}`);
    });
    void server;
    return;
  }
  throw new Error(
    `framework is invalid: ${JSON.stringify(framework)} (node, express, fastify or hono)`,
  );
}

await main();
