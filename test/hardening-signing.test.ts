/**
 * @module Issue 20 rows 1, 9 and 14, as the review reproduced them: an empty key anywhere keys
 * enter, a number `now` in seconds, bytes given to `sign`. Each test failed on main at 2c140b7.
 */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { expressSessionCookie } from '../src/adapters/express/express-session-cookie.js';
import { shortbread as expressShortbread } from '../src/adapters/express/shortbread.js';
import { shortbread as fastifyShortbread } from '../src/adapters/fastify/shortbread.js';
import { shortbread as honoShortbread } from '../src/adapters/hono/shortbread.js';
import { Sessions } from '../src/session/sessions.js';
import { SigningError } from '../src/signing/errors.js';
import { FlaskSessionCodec } from '../src/signing/flask-session.js';
import { Serializer } from '../src/signing/serializer.js';
import { Signer } from '../src/signing/signer.js';
import { TimestampSigner } from '../src/signing/timestamp-signer.js';
import { URLSafeTimedSerializer } from '../src/signing/url-safe-serializer.js';

const REAL = 'the real application secret';
/** What `(process.env.OLD_KEYS ?? '').split(',')` gives when the variable is unset. */
const FROM_EMPTY_ENV = (process.env.SHORTBREAD_TEST_UNSET_OLD_KEYS ?? '').split(',');
const BLANKS: readonly (string | Uint8Array)[] = [
  '',
  '   ',
  '\t\n',
  '\u00a0',
  '\u0000',
  new Uint8Array(0),
  new Uint8Array([0x20, 0x09]),
];

/** The error `make` throws, or undefined. */
function thrown(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    return error;
  }
  return undefined;
}

function expectEmptyKeyError(error: unknown): void {
  expect(error).toBeInstanceOf(SigningError);
  expect(error).toMatchObject({ code: 'ERR_SIGNING_KEY_EMPTY' });
  // The message says the fix.
  expect((error as Error).message).toMatch(/filter\(/);
}

describe('row 1: an empty or blank key is refused everywhere keys enter', () => {
  it('the env-var pattern gives exactly [""]', () => {
    expect(FROM_EMPTY_ENV).toEqual(['']);
  });

  it.each(BLANKS.map((key) => [JSON.stringify(String(key)), key] as const))(
    'Signer, TimestampSigner, the serializers and FlaskSessionCodec refuse %s',
    (_, blank) => {
      expectEmptyKeyError(thrown(() => new Signer(blank)));
      expectEmptyKeyError(thrown(() => new Signer([blank, REAL])));
      expectEmptyKeyError(thrown(() => new TimestampSigner([REAL, blank])));
      expectEmptyKeyError(thrown(() => new Serializer([blank, REAL])));
      expectEmptyKeyError(thrown(() => new URLSafeTimedSerializer([blank, REAL])));
      expectEmptyKeyError(thrown(() => new FlaskSessionCodec({ secretKey: blank })));
      expectEmptyKeyError(
        thrown(() => new FlaskSessionCodec({ secretKey: REAL, fallbacks: [blank] })),
      );
    },
  );

  it('Sessions refuses fallbacks: [""] (on main it loaded a cookie signed with "" and re-signed it)', () => {
    for (const fallbacks of [FROM_EMPTY_ENV, ['  '], [REAL, '']]) {
      const error = thrown(() => new Sessions({ secret: REAL, fallbacks }));
      expectEmptyKeyError(error);
      expect((error as Error).message).toMatch(/^session key \(\[\.\.\.fallbacks, secret\]\)/);
    }
    expectEmptyKeyError(thrown(() => new Sessions({ secret: ' \t ' })));
  });

  it('the Express, Hono and Fastify adapters refuse secret "" and ["", real]', async () => {
    for (const secret of ['', ['', REAL], FROM_EMPTY_ENV]) {
      expectEmptyKeyError(thrown(() => expressShortbread({ secret })));
      expectEmptyKeyError(thrown(() => honoShortbread({ secret })));
      const app = Fastify();
      app.register(fastifyShortbread, { secret });
      expectEmptyKeyError(
        await app.ready().then(
          () => undefined,
          (error: unknown) => error,
        ),
      );
      await app.close().catch(() => undefined);
    }
    for (const secret of ['  ', ['\t', REAL]]) {
      expectEmptyKeyError(thrown(() => expressSessionCookie({ secret })));
    }
    // A real key still works on each.
    expect(() => expressShortbread({ secret: REAL })).not.toThrow();
    expect(() => honoShortbread({ secret: [REAL] })).not.toThrow();
  });

  it('names the key that is blank in a rotation list, without printing the others', () => {
    const error = thrown(() => new Signer(['old key', '', REAL])) as Error;
    expect(error.message).toMatch(/^secret key is invalid: "" at index 1 of 3 \(/);
    expect(error.message).not.toContain(REAL);
  });

  it('other keys still work, and every other problem keeps its own code', () => {
    expect(thrown(() => new Signer([]))).toMatchObject({ code: 'ERR_SIGNING_KEY_MISSING' });
    expect(thrown(() => new Signer([1 as never]))).toMatchObject({
      code: 'ERR_SIGNING_KEY_TYPE',
    });
    expect(thrown(() => new Signer([' padded key ', REAL]))).toBeUndefined();
  });
});

describe('row 9: now is a Date or epoch milliseconds everywhere', () => {
  it('TimestampSigner.sign({ now: Date.now() }) stamps the present, not the year 55000', async () => {
    const signer = new TimestampSigner(REAL);
    const token = await signer.sign('v', { now: Date.now() });
    await expect(signer.unsignWithKey(token, { maxAge: 60 })).resolves.toMatchObject({
      value: 'v',
      timestamp: expect.closeTo(Date.now() / 1000, -1),
    });
  });

  it('FlaskSessionCodec reads a millisecond now on encode and decode', async () => {
    const codec = new FlaskSessionCodec({ secretKey: REAL, maxAge: 60 });
    const now = Date.now();
    const cookie = await codec.encode({ a: 1 }, { now });
    await expect(codec.decode(cookie, { now: now + 60_000 })).resolves.toEqual({ a: 1 });
    await expect(codec.decode(cookie, { now: now + 61_000 })).rejects.toThrow(/expired/);
  });

  it('refuses a number that looks like seconds in signers, serializers, the codec and Sessions', async () => {
    const seconds = Math.floor(Date.now() / 1000);
    const signer = new TimestampSigner(REAL);
    await expect(signer.sign('v', { now: seconds })).rejects.toMatchObject({
      code: 'ERR_NOW_SECONDS',
    });
    const token = await signer.sign('v');
    await expect(signer.unsign(token, { maxAge: 60, now: seconds })).rejects.toBeInstanceOf(
      SigningError,
    );
    await expect(
      new URLSafeTimedSerializer(REAL).dumps({ a: 1 }, { now: seconds }),
    ).rejects.toThrow(/looks like Unix seconds/);
    const codec = new FlaskSessionCodec({ secretKey: REAL });
    await expect(codec.encode({}, { now: seconds })).rejects.toMatchObject({
      code: 'ERR_NOW_SECONDS',
    });
    const sessions = new Sessions({ secret: REAL });
    const session = await sessions.load(new Request('http://x/'));
    session.set('a', 1);
    await expect(
      sessions.commit(session, new Response('ok'), { now: seconds }),
    ).rejects.toMatchObject({ code: 'ERR_NOW_SECONDS' });
  });
});

describe('row 14: sign() takes text only', () => {
  it('refuses a Uint8Array instead of signing its String() ("0,255,16,128,46")', async () => {
    const bytes = new Uint8Array([0, 255, 16, 128, 46]);
    for (const signer of [new Signer(REAL), new TimestampSigner(REAL)]) {
      const error = await signer.sign(bytes as unknown as string).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SigningError);
      expect(error).toMatchObject({ code: 'ERR_SIGN_VALUE_TYPE' });
      expect((error as Error).message).toMatch(/Uint8Array.*TextDecoder/);
    }
    await expect(new Signer(REAL).sign(42 as unknown as string)).rejects.toMatchObject({
      code: 'ERR_SIGN_VALUE_TYPE',
    });
  });

  it('still signs text, and getSignature still takes bytes (the MAC of exactly those bytes)', async () => {
    const signer = new Signer(REAL);
    const text = 'caf\u00e9';
    expect(await signer.getSignature(new TextEncoder().encode(text))).toBe(
      await signer.getSignature(text),
    );
    await expect(signer.unsign(await signer.sign(text))).resolves.toBe(text);
  });
});
