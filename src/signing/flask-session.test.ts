import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadPayload, BadTimeSignature, SignatureExpired } from './errors.js';
import { FLASK_SESSION_MAX_AGE, FlaskSessionCodec } from './flask-session.js';
import { Markup, PyFloat, PyTuple, PyUUID } from './python-types.js';

const NOW = 1_700_000_000;

describe('FlaskSessionCodec', () => {
  const codec = new FlaskSessionCodec({ secretKey: 'dev' });

  it('writes the cookie Flask writes (vector from Flask 3.1.3 and 2.2.2)', async () => {
    await expect(codec.encode({ user_id: 1 }, { now: NOW * 1000 })).resolves.toBe(
      'eyJ1c2VyX2lkIjoxfQ.ZVPxAA.-iTHWki8YqEjY8B2FguGpvAGqyg',
    );
  });

  it('decodes, checks the 31-day lifetime, and reports the timestamp', async () => {
    const cookie = 'eyJ1c2VyX2lkIjoxfQ.ZVPxAA.-iTHWki8YqEjY8B2FguGpvAGqyg';
    await expect(
      codec.decodeWithKey(cookie, { now: (NOW + FLASK_SESSION_MAX_AGE) * 1000 }),
    ).resolves.toEqual({
      session: { user_id: 1 },
      keyIndex: 0,
      rotated: false,
      timestamp: NOW,
    });
    await expect(
      codec.decode(cookie, { now: (NOW + FLASK_SESSION_MAX_AGE + 1) * 1000 }),
    ).rejects.toBeInstanceOf(SignatureExpired);
    await expect(codec.decode(cookie, { now: (NOW - 1) * 1000 })).rejects.toThrow(/future/);
    await expect(
      new FlaskSessionCodec({ secretKey: 'other' }).decode(cookie, { now: NOW * 1000 }),
    ).rejects.toBeInstanceOf(BadTimeSignature);
  });

  it('honours fallbacks: verifies with them, signs with secretKey, says rotated', async () => {
    const old = await new FlaskSessionCodec({ secretKey: 'old' }).encode(
      { a: 1 },
      { now: NOW * 1000 },
    );
    const rotating = new FlaskSessionCodec({ secretKey: 'new', fallbacks: ['older', 'old'] });
    const result = await rotating.decodeWithKey(old, { now: NOW * 1000 });
    expect(result).toMatchObject({ keyIndex: 1, rotated: true });
    const fresh = await rotating.encode(result.session, { now: NOW * 1000 });
    await expect(
      new FlaskSessionCodec({ secretKey: 'new' }).decode(fresh, { now: NOW * 1000 }),
    ).resolves.toEqual({
      a: 1,
    });
  });

  it('keeps decode -> encode identical, floats and tuples included', async () => {
    const session = { f: new PyFloat(1), n: 1, t: PyTuple.of('message', 'hi'), big: 2n ** 64n };
    const cookie = await codec.encode(session, { now: NOW * 1000 });
    const decoded = await codec.decode(cookie, { now: NOW * 1000 });
    expect(decoded.f).toBeInstanceOf(PyFloat);
    expect(decoded.n).toBe(1);
    expect(await codec.encode(decoded, { now: NOW * 1000 })).toBe(cookie);
  });

  it('refuses sessions that are not dicts, and values Flask cannot hold', async () => {
    await expect(codec.encode(new Date())).rejects.toThrow(/session is invalid/);
    await expect(codec.encode({ f: () => 1 })).rejects.toThrow(TypeError);
    await expect(codec.encode(new Map([['a', 1]]), { now: NOW * 1000 })).resolves.toBe(
      await codec.encode({ a: 1 }, { now: NOW * 1000 }),
    );
  });

  it('rejects a validly signed non-dict payload with BadPayload (Flask answers 500)', async () => {
    const { URLSafeTimedSerializer } = await import('./url-safe-serializer.js');
    const raw = new URLSafeTimedSerializer('dev', {
      salt: 'cookie-session',
      keyDerivation: 'hmac',
    });
    const token = await raw.dumps('just a string', { now: NOW * 1000 });
    await expect(codec.decode(token, { now: NOW * 1000 })).rejects.toBeInstanceOf(BadPayload);
    const pairs = await raw.dumps([['a', 1]], { now: NOW * 1000 });
    await expect(codec.decode(pairs, { now: NOW * 1000 })).resolves.toEqual({ a: 1 });
    const tagged = new URLSafeTimedSerializer<unknown>('dev', {
      salt: 'cookie-session',
      keyDerivation: 'hmac',
      serializer: { dumps: () => '{" t":[["a",1]]}', loads: (t) => t },
    });
    // dict((("a", 1),)) in Python: a tuple of pairs is a dict too.
    await expect(
      codec.decode(await tagged.dumps(null, { now: NOW * 1000 }), { now: NOW * 1000 }),
    ).resolves.toEqual({
      a: 1,
    });
  });
});

/** Any value a Flask session can hold, as shortbread represents it. */
const flaskValue = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.string({ unit: 'binary' }),
    fc.integer(),
    fc
      .bigInt({ min: -(2n ** 80n), max: 2n ** 80n })
      .filter((n) => n > 2n ** 53n || n < -(2n ** 53n)),
    fc.double().map((d) => (Number.isInteger(d) && !Object.is(d, -0) ? new PyFloat(d) : d)),
    fc.uint8Array({ maxLength: 20 }),
    fc.string().map((html) => new Markup(html)),
    fc.uuid().map((u) => new PyUUID(u)),
    // From year 100: Flask itself reads "0099" back as 1999 (email.utils two-digit years).
    fc
      .integer({ min: -59_011_459_200, max: 253_402_300_799 })
      .map((seconds) => new Date(seconds * 1000)),
  ),
  value: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => new PyTuple(items)),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 4 }),
  ),
}));

describe('FlaskSessionCodec quirks shared with Flask', () => {
  it('reads a datetime before year 100 as a two-digit year, as werkzeug.parse_date does', async () => {
    const codec = new FlaskSessionCodec({ secretKey: 'q' });
    const early = new Date(0);
    early.setUTCFullYear(99, 11, 31);
    const decoded = await codec.decode(await codec.encode({ d: early }, { now: NOW * 1000 }), {
      now: NOW * 1000,
    });
    // Python: parse_date(http_date(datetime(99, 12, 31))) == datetime(1999, 12, 31, tzinfo=utc)
    expect((decoded.d as Date).toISOString()).toBe('1999-12-31T00:00:00.000Z');
  });
});

describe('FlaskSessionCodec properties', () => {
  const codec = new FlaskSessionCodec({ secretKey: 'property' });
  it('decode then encode of any session gives the identical cookie', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.string({ unit: 'binary' }), flaskValue.value, { maxKeys: 6 }),
        async (session) => {
          const cookie = await codec.encode(session, { now: NOW * 1000 });
          expect(cookie).toMatch(/^[A-Za-z0-9_.-]+$/);
          const decoded = await codec.decode(cookie, { now: NOW * 1000 });
          expect(await codec.encode(decoded, { now: NOW * 1000 })).toBe(cookie);
        },
      ),
      { numRuns: 300 },
    );
  });
});
