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

/**
 * The `Expires` shortbread writes next to `Max-Age` (Flask's default) and Express's `res.cookie`
 * writes from `maxAge`: given to the other packages too, so every variant sends the same attributes.
 */
function expiresIn(seconds: number): Date {
  return new Date(Date.now() + seconds * 1000);
}

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
        cookie.serialize('sid', SID, {
          httpOnly: true,
          sameSite: 'lax',
          maxAge: 3600,
          expires: expiresIn(3600),
          path: '/',
        }),
        cookie.serialize('theme', 'dark', { path: '/' }),
        cookie.serialize('seen', String(length), {
          maxAge: 2_592_000,
          expires: expiresIn(2_592_000),
          path: '/',
        }),
      ]);
      res.end('ok');
    };
    const handler = {
      bare,
      shortbread: withShortbread,
      usual: withCookie,
      ...floorHandlers(),
    }[variant ?? ''];
    if (handler === undefined) throw new Error(`variant is invalid: ${JSON.stringify(variant)}`);
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
    } else if (variant === 'floor-full') {
      // The same job by hand inside Express: a middleware that scans the header, three lines built
      // with template strings.
      const floor = floorJob();
      app.use((req, _res, next) => {
        req.cookies = floor.scan(req.headers.cookie ?? '');
        next();
      });
      app.get('/', (req, res) => {
        let length = 0;
        const cookies = req.cookies as Record<string, string | undefined>;
        for (const name of NAMES) length += cookies[name]?.length ?? 0;
        res.setHeader('set-cookie', floor.lines(length));
        res.send('ok');
      });
    } else if (variant === 'shortbread') {
      app.use(expressShortbread());
      app.get('/', (req, res) => {
        let length = 0;
        const cookies = req.cookies;
        for (const name of NAMES) length += cookies[name]?.length ?? 0;
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
    } else if (variant === 'floor-full') {
      // The same job by hand inside Fastify: an onRequest hook that scans the header, three lines
      // built with template strings.
      const floor = floorJob();
      app.decorateRequest('floorCookies', null);
      type Floored = { floorCookies: Record<string, string> | null };
      app.addHook('onRequest', (request, _reply, done) => {
        (request as unknown as Floored).floorCookies = floor.scan(request.headers.cookie ?? '');
        done();
      });
      app.get('/', async (request, reply) => {
        let length = 0;
        const cookies = (request as unknown as Floored).floorCookies as Record<string, string>;
        for (const name of NAMES) length += cookies[name]?.length ?? 0;
        reply.header('set-cookie', floor.lines(length));
        return 'ok';
      });
    } else if (variant === 'shortbread') {
      await app.register(fastifyShortbread);
      app.get('/', async (request, reply) => {
        let length = 0;
        const cookies = request.cookies;
        for (const name of NAMES) length += cookies[name]?.length ?? 0;
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
        // @fastify/cookie adds SameSite=Lax unless told otherwise: same attributes as the others.
        set('sid', SID, {
          httpOnly: true,
          sameSite: 'lax',
          maxAge: 3600,
          expires: expiresIn(3600),
          path: '/',
        });
        set('theme', 'dark', { path: '/', sameSite: undefined });
        set('seen', String(length), {
          maxAge: 2_592_000,
          expires: expiresIn(2_592_000),
          path: '/',
          sameSite: undefined,
        });
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
        // c.get rather than c.var: Hono builds a fresh object of all its variables on each c.var.
        const cookies = c.get('cookies');
        const out = c.get('responseCookies');
        for (const name of NAMES) length += cookies.get(name)?.length ?? 0;
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
        honoSetCookie(c, 'sid', SID, {
          httpOnly: true,
          sameSite: 'Lax',
          maxAge: 3600,
          expires: expiresIn(3600),
        });
        honoSetCookie(c, 'theme', 'dark');
        honoSetCookie(c, 'seen', String(length), {
          maxAge: 2_592_000,
          expires: expiresIn(2_592_000),
        });
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

/**
 * The floor of node:http: what a hand-written server pays for the same job, step by step, to show how
 * much of the cost is Node's own. `floor-headers` writes three precomputed Set-Cookie lines (the bytes
 * shortbread writes) with `setHeader`; `floor-writehead` passes them to `writeHead` as a raw array;
 * `floor-read` also reads the 20 cookies with one hand-written scan (no decoding: the values need
 * none); `floor-full` also builds the three lines with template strings and a date cached per second.
 */
function floorHandlers(): Record<string, (req: IncomingMessage, res: ServerResponse) => void> {
  const date = (seconds: number): string => new Date(Date.now() + seconds * 1000).toUTCString();
  const precomputed = [
    `sid=${SID}; Expires=${date(3600)}; Max-Age=3600; HttpOnly; Path=/; SameSite=Lax`,
    'theme=dark; Path=/',
    `seen=238; Expires=${date(2_592_000)}; Max-Age=2592000; Path=/`,
  ];
  const raw = precomputed.flatMap((line) => ['set-cookie', line]);
  const floor = floorJob();
  const read = (req: IncomingMessage): number => {
    const cookies = floor.scan(req.headers.cookie ?? '');
    let length = 0;
    for (const name of NAMES) length += cookies[name]?.length ?? 0;
    return length;
  };
  return {
    'floor-headers': (_req, res) => {
      res.setHeader('set-cookie', precomputed);
      res.end('ok');
    },
    'floor-writehead': (_req, res) => {
      res.writeHead(200, raw);
      res.end('ok');
    },
    'floor-read': (req, res) => {
      read(req);
      res.setHeader('set-cookie', precomputed);
      res.end('ok');
    },
    'floor-full': (req, res) => {
      res.setHeader('set-cookie', floor.lines(read(req)));
      res.end('ok');
    },
  };
}

/**
 * The hand-written job every floor does: scan the Cookie header into a null-prototype record of raw
 * values (one pass, `;` then `=`, trimmed of spaces; the values need no decoding), and build the three
 * Set-Cookie lines with template strings and dates cached per second.
 */
function floorJob(): {
  scan(header: string): Record<string, string>;
  lines(length: number): string[];
} {
  const date = (seconds: number): string => new Date(Date.now() + seconds * 1000).toUTCString();
  let second = 0;
  let hour = '';
  let month = '';
  return {
    scan(header) {
      const record: Record<string, string> = Object.create(null);
      let start = 0;
      while (start < header.length) {
        let end = header.indexOf(';', start);
        if (end === -1) end = header.length;
        const eq = header.indexOf('=', start);
        if (eq !== -1 && eq < end) {
          let from = start;
          while (header.charCodeAt(from) === 32) from++;
          const name = header.slice(from, eq);
          if (record[name] === undefined) record[name] = header.slice(eq + 1, end);
        }
        start = end + 1;
      }
      return record;
    },
    lines(length) {
      const now = Math.floor(Date.now() / 1000);
      if (now !== second) {
        second = now;
        hour = date(3600);
        month = date(2_592_000);
      }
      return [
        `sid=${SID}; Expires=${hour}; Max-Age=3600; HttpOnly; Path=/; SameSite=Lax`,
        'theme=dark; Path=/',
        `seen=${length}; Expires=${month}; Max-Age=2592000; Path=/`,
      ];
    },
  };
}
