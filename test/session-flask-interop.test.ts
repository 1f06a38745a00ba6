/**
 * `Sessions` (cookie store) and a real Flask app (test/fixtures/flask_app.py) share one session
 * over real HTTP, on both Python stacks of the machine (Flask 3.1 on PATH, Flask 2.2 at
 * /usr/bin/python3): a counter bounces between them, rich Python types survive a shortbread write,
 * and our Set-Cookie lines have Flask's exact layout. Fails (never skips) without Python/Flask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Serving, serve } from '../src/node.js';
import { Sessions } from '../src/session.js';
import { FLASK_STACKS, type RunningApp, startFlask, stopFlask } from './helpers/flask-app.js';

const stacks = FLASK_STACKS;

/** The session Set-Cookie line of a response, if any. */
function sessionLine(response: Response): string | undefined {
  return response.headers.getSetCookie().find((line) => line.startsWith('session='));
}

function cookieValue(line: string | undefined): string {
  expect(line).toBeDefined();
  return (line as string).slice('session='.length).split(';')[0] as string;
}

/** The line with the value and the Expires date blanked: the attribute layout. */
function layout(line: string | undefined): string {
  return (line ?? '').replace(/^session=[^;]*/, 'session=V').replace(/Expires=[^;]+/, 'Expires=D');
}

/** shortbread's twin of the Flask app's routes. */
function shortbreadApp(sessions: Sessions) {
  return sessions.wrap((request, session) => {
    const path = new URL(request.url).pathname;
    if (path === '/count') {
      const count = Number(session.get('count') ?? 0) + 1;
      session.set('count', count);
      return Response.json({ count });
    }
    if (path === '/remember') {
      session.permanent = true;
      session.set('user_id', 7);
      return new Response('ok');
    }
    if (path === '/touch') {
      // Write back whatever Flask put there, unchanged.
      session.markModified();
      return new Response('ok');
    }
    if (path === '/logout') {
      session.clear();
      return new Response('bye');
    }
    return Response.json(session.toJSON());
  });
}

for (const stack of stacks) {
  describe(`Sessions and a real Flask ${stack.flask} app share one session (${stack.python})`, () => {
    const secret = `shared secret ${stack.name} \u00e9`;
    let flask: Promise<RunningApp>;
    let ours: Serving;
    const flaskBase = async () => (await flask).base;

    beforeAll(async () => {
      flask = startFlask(stack.python, [secret]);
      flask.catch(() => undefined);
      ours = await serve(shortbreadApp(new Sessions({ secret })), { port: 0 });
    });
    afterAll(async () => {
      await ours?.close({ force: true });
      await stopFlask(await flask.catch(() => undefined));
    });

    const send = (base: string, path: string, cookie?: string) =>
      fetch(`${base}${path}`, cookie === undefined ? {} : { headers: { cookie } });

    it('a counter bounces Flask -> shortbread -> Flask -> shortbread over HTTP', async () => {
      const fromFlask = await send(await flaskBase(), '/count');
      expect(await fromFlask.json()).toEqual({ count: 1 });
      const one = cookieValue(sessionLine(fromFlask));
      const fromUs = await send(ours.url, '/count', `session=${one}`);
      expect(await fromUs.json()).toEqual({ count: 2 });
      const two = cookieValue(sessionLine(fromUs));
      const flaskAgain = await send(await flaskBase(), '/count', `session=${two}`);
      expect(await flaskAgain.json()).toEqual({ count: 3 });
      const three = cookieValue(sessionLine(flaskAgain));
      const usAgain = await send(ours.url, '/count', `session=${three}`);
      expect(await usAgain.json()).toEqual({ count: 4 });
    });

    it('writes the same Set-Cookie layout and Vary as Flask', async () => {
      const flaskCount = await send(await flaskBase(), '/count');
      const ourCount = await send(ours.url, '/count');
      expect(layout(sessionLine(ourCount))).toBe(layout(sessionLine(flaskCount)));
      expect(layout(sessionLine(ourCount))).toBe('session=V; HttpOnly; Path=/');
      expect(ourCount.headers.get('vary')).toBe(flaskCount.headers.get('vary'));
      // A permanent session: Expires and no Max-Age, in Werkzeug's attribute order.
      const flaskPermanent = await send(await flaskBase(), '/rich');
      const ourPermanent = await send(ours.url, '/remember');
      expect(layout(sessionLine(ourPermanent))).toBe(layout(sessionLine(flaskPermanent)));
      expect(layout(sessionLine(ourPermanent))).toBe('session=V; Expires=D; HttpOnly; Path=/');
    });

    it('deletes the cookie with the very bytes Flask sends', async () => {
      const start = cookieValue(sessionLine(await send(await flaskBase(), '/count')));
      const flaskLogout = await send(await flaskBase(), '/logout', `session=${start}`);
      const ourLogout = await send(ours.url, '/logout', `session=${start}`);
      expect(sessionLine(ourLogout)).toBe(sessionLine(flaskLogout));
      expect(sessionLine(ourLogout)).toBe(
        'session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; Path=/',
      );
    });

    it("Flask's rich types (tuple, bytes, datetime, UUID, Markup, floats, big ints, flashes) survive a shortbread write", async () => {
      const rich = await send(await flaskBase(), '/rich');
      const { repr } = (await rich.json()) as { repr: string };
      const rewritten = await send(ours.url, '/touch', `session=${cookieValue(sessionLine(rich))}`);
      const line = sessionLine(rewritten);
      // _permanent came from Flask: our cookie is permanent too.
      expect(layout(line)).toBe('session=V; Expires=D; HttpOnly; Path=/');
      const seen = await send(await flaskBase(), '/inspect', `session=${cookieValue(line)}`);
      expect(await seen.json()).toEqual({ repr, empty: false });
    });

    it('a cookie Flask signed with another secret is a new session for shortbread, and the reverse', async () => {
      const other = await serve(shortbreadApp(new Sessions({ secret: 'not the shared one' })), {
        port: 0,
      });
      try {
        const ourCookie = cookieValue(sessionLine(await send(other.url, '/count')));
        const flaskSees = await send(await flaskBase(), '/count', `session=${ourCookie}`);
        expect(await flaskSees.json()).toEqual({ count: 1 });
        const flaskCookie = cookieValue(sessionLine(await send(await flaskBase(), '/count')));
        const weSee = await send(other.url, '/count', `session=${flaskCookie}`);
        expect(await weSee.json()).toEqual({ count: 1 });
      } finally {
        await other.close({ force: true });
      }
    });
  });
}
