/**
 * Interop over real HTTP with a real Flask app, on both Python stacks of the machine: Flask writes
 * a session cookie that shortbread reads, and shortbread writes one that Flask accepts. This test
 * fails (it never skips) when Python or Flask is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlaskSessionCodec } from '../src/signing/flask-session.js';
import { Markup, PyFloat, PyTuple, PyUUID } from '../src/signing/python-types.js';
import { FLASK_STACKS, type RunningApp, startFlask, stopFlask } from './helpers/flask-app.js';

const stacks = FLASK_STACKS;

/** The value of the `session` cookie in a response's Set-Cookie headers. */
function sessionCookie(response: Response): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    if (header.startsWith('session=')) return header.slice('session='.length).split(';')[0];
  }
  return undefined;
}

async function get(base: string, path: string, cookie?: string): Promise<Response> {
  return fetch(
    `${base}${path}`,
    cookie === undefined ? {} : { headers: { cookie: `session=${cookie}` } },
  );
}

for (const stack of stacks) {
  describe(`real Flask ${stack.flask} over HTTP (${stack.python})`, () => {
    const secretKey = `interop secret ${stack.name} é`;
    const codec = new FlaskSessionCodec({ secretKey });
    // Each test awaits the app, so a missing Python or Flask fails every test (no skips).
    let started: Promise<RunningApp>;
    const base = async () => (await started).base;
    beforeAll(() => {
      started = startFlask(stack.python, [secretKey]);
      started.catch(() => undefined);
    });
    afterAll(async () => stopFlask(await started.catch(() => undefined)));

    it('shortbread reads the session cookie Flask issues', async () => {
      const response = await get(await base(), '/count');
      expect(await response.json()).toEqual({ count: 1 });
      const cookie = sessionCookie(response);
      expect(cookie).toBeDefined();
      await expect(codec.decode(cookie as string)).resolves.toEqual({ count: 1 });
    });

    it('Flask accepts the session cookie shortbread writes, and its answer reads back', async () => {
      const ours = await codec.encode({ count: 41 });
      const response = await get(await base(), '/count', ours);
      expect(await response.json()).toEqual({ count: 42 });
      await expect(codec.decode(sessionCookie(response) as string)).resolves.toEqual({ count: 42 });
    });

    it('Flask starts over on a tampered or wrongly signed cookie', async () => {
      const ours = await codec.encode({ count: 41 });
      const tampered = `${ours.slice(0, -3)}${ours.endsWith('AAA') ? 'BBB' : 'AAA'}`;
      expect(await (await get(await base(), '/count', tampered)).json()).toEqual({ count: 1 });
      const wrong = await new FlaskSessionCodec({ secretKey: 'not the key' }).encode({ count: 41 });
      expect(await (await get(await base(), '/count', wrong)).json()).toEqual({ count: 1 });
    });

    it('every tagged type survives Flask -> shortbread -> Flask unchanged', async () => {
      const response = await get(await base(), '/rich');
      const { repr } = (await response.json()) as { repr: string };
      const cookie = sessionCookie(response) as string;
      const session = await codec.decode(cookie);
      expect(session.tuple).toBeInstanceOf(PyTuple);
      expect(session.bytes).toBeInstanceOf(Uint8Array);
      expect(session.when).toEqual(new Date('2024-01-02T03:04:05Z'));
      expect(session.id).toBeInstanceOf(PyUUID);
      expect(session.html).toBeInstanceOf(Markup);
      expect((session.floats as unknown[])[0]).toBeInstanceOf(PyFloat);
      expect(session.big).toBe(2n ** 70n);
      expect(session[' t']).toBe('escaped');
      expect((session._flashes as PyTuple[])[0]).toEqual(PyTuple.of('message', 'Saved'));
      // Re-encoded by shortbread, Flask sees the same Python values (flashes included).
      const again = await codec.encode(session);
      const seen = (await (await get(await base(), '/inspect', again)).json()) as {
        repr: string;
        empty: boolean;
      };
      expect(seen.empty).toBe(false);
      expect(seen.repr).toBe(repr);
    });
  });
}

describe('real Flask 3.1 SECRET_KEY_FALLBACKS over HTTP', () => {
  let started: Promise<RunningApp>;
  const base = async () => (await started).base;
  beforeAll(() => {
    started = startFlask('python3', ['new key', 'old key']);
    started.catch(() => undefined);
  });
  afterAll(async () => stopFlask(await started.catch(() => undefined)));

  it('Flask accepts a cookie shortbread signed with a fallback, and re-signs with the new key', async () => {
    const old = await new FlaskSessionCodec({ secretKey: 'old key' }).encode({ count: 9 });
    const response = await get(await base(), '/count', old);
    expect(await response.json()).toEqual({ count: 10 });
    const rotating = new FlaskSessionCodec({ secretKey: 'new key', fallbacks: ['old key'] });
    const result = await rotating.decodeWithKey(sessionCookie(response) as string);
    expect(result).toMatchObject({ session: { count: 10 }, rotated: false });
    const fromOld = await rotating.decodeWithKey(old);
    expect(fromOld.rotated).toBe(true);
  });
});
