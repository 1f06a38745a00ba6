/**
 * @module Signing on every runtime: itsdangerous and Flask vectors made by the real Python stacks
 * (test/fixtures/flask-vectors.json), byte for byte, and seal/unseal.
 */
import {
  BadSignature,
  BadTimeSignature,
  FLASK_SESSION_MAX_AGE,
  FlaskSessionCodec,
  Serializer,
  SignatureExpired,
  Signer,
  seal,
  TimestampSigner,
  URLSafeSerializer,
  URLSafeTimedSerializer,
  unseal,
  unsealWithKey,
} from 'shortbread/signing';
import vectors from '../../fixtures/flask-vectors.json' with { type: 'json' };
import { assert, group, test } from '../harness.js';

const NOW = 1_700_000_000;
const FLASK_COOKIE = 'eyJ1c2VyX2lkIjoxfQ.ZVPxAA.-iTHWki8YqEjY8B2FguGpvAGqyg';

/** @param {string} hex */
function hexBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A vector key: a string, or `{ $bytes_hex }` for bytes. @param {any} key */
const keyOf = (key) => (typeof key === 'string' ? key : hexBytes(key.$bytes_hex));

/** @param {any} c */
function signerOptions(c) {
  /** @type {Record<string, unknown>} */
  const options = {};
  if (typeof c.salt === 'string') options.salt = c.salt;
  if (typeof c.sep === 'string') options.sep = c.sep;
  if (typeof c.key_derivation === 'string') options.keyDerivation = c.key_derivation;
  if (typeof c.digest === 'string') options.digestMethod = c.digest;
  return options;
}

/** Vector values in JSON form: true when no typed notation ({"$float": ...}) is inside. */
function plainJson(/** @type {unknown} */ value) {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(plainJson);
  return Object.entries(value).every(([k, v]) => !k.startsWith('$') && plainJson(v));
}

/** The outcome of a call in the vectors' notation: `{ ok }` or `{ error, payload?, date_signed? }`. */
async function outcome(/** @type {() => Promise<unknown>} */ call) {
  try {
    return { ok: await call() };
  } catch (error) {
    if (!(error instanceof Error) || error.name === 'TypeError') throw error;
    /** @type {Record<string, unknown>} */
    const out = { error: error.name };
    const { payload, dateSigned } = /** @type {any} */ (error);
    if (payload !== undefined) out.payload = payload;
    if (dateSigned instanceof Date) out.date_signed = dateSigned.getTime() / 1000;
    return out;
  }
}

/**
 * Register the signing tests. A function, not import side effects: the package says
 * "sideEffects": false, so a bundler may drop a bare `import './codec.js'`.
 *
 * @example
 * registerSigningTests(); await run();
 */
export function registerSigningTests() {
  group('signing', () => {
    test('Signer signs as itsdangerous (known token) and unsigns', async () => {
      const signer = new Signer('secret');
      assert.equal(await signer.sign('value'), 'value.-2b2Vg1X_KBU1C6DLNDlPUR2w6M');
      assert.equal(await signer.unsign('value.-2b2Vg1X_KBU1C6DLNDlPUR2w6M'), 'value');
      assert.equal(await signer.validate('value.-2b2Vg1X_KBU1C6DLNDlPUR2w6M'), true);
      assert.equal(await signer.validate('value.-3b2Vg1X_KBU1C6DLNDlPUR2w6M'), false);
    });

    test('Signer rejects a tampered value with BadSignature carrying the payload', async () => {
      const error = await assert.rejects(
        new Signer('secret').unsign('valuf.-2b2Vg1X_KBU1C6DLNDlPUR2w6M'),
      );
      assert.instanceOf(error, BadSignature);
      assert.equal(error.payload, 'valuf');
    });

    test('Signer rotates keys: newest signs, every key verifies', async () => {
      const old = await new Signer('old').sign('v');
      const rotating = new Signer(['old', 'new']);
      assert.equal(await rotating.unsign(old), 'v');
      assert.equal(await rotating.sign('v'), await new Signer('new').sign('v'));
      const result = await rotating.unsignWithKey(old);
      assert.equal(result.value, 'v');
      assert.equal(result.keyIndex, 0);
    });

    test('TimestampSigner stamps the given time and checks max age', async () => {
      const signer = new TimestampSigner('secret');
      const token = await signer.sign('value', { now: NOW * 1000 });
      assert.equal(token, 'value.ZVPxAA._xuRd4giNYkrNtBKEhLvirQ0MgI');
      assert.equal(await signer.unsign(token, { maxAge: 60, now: (NOW + 60) * 1000 }), 'value');
      const expired = await assert.rejects(
        signer.unsign(token, { maxAge: 60, now: (NOW + 61) * 1000 }),
      );
      assert.instanceOf(expired, SignatureExpired);
      assert.equal(expired.dateSigned?.getTime(), NOW * 1000);
    });

    test('URLSafeTimedSerializer dumps and loads JSON, and refuses another salt', async () => {
      const serializer = new URLSafeTimedSerializer('secret', { salt: 'activate' });
      const token = await serializer.dumps({ id: 5, name: 'José' }, { now: NOW * 1000 });
      assert.match(token, /^[A-Za-z0-9_-]+\.ZVPxAA\.[A-Za-z0-9_-]{27}$/);
      assert.deepEqual(await serializer.loads(token, { maxAge: 10, now: (NOW + 10) * 1000 }), {
        id: 5,
        name: 'José',
      });
      const other = new URLSafeTimedSerializer('secret', { salt: 'reset' });
      assert.instanceOf(
        await assert.rejects(other.loads(token, { now: NOW * 1000 })),
        BadSignature,
      );
    });

    test('URLSafeSerializer compresses long payloads and reads them back', async () => {
      const serializer = new URLSafeSerializer('secret');
      const value = { data: 'y'.repeat(500) };
      const token = await serializer.dumps(value);
      assert.equal(token.startsWith('.'), true, 'compressed payloads start with "."');
      assert.ok(token.length < 200);
      assert.deepEqual(await serializer.loads(token), value);
    });

    test('Serializer (not URL-safe) reads the itsdangerous token', async () => {
      assert.deepEqual(
        await new Serializer('secret').loads(
          '{"id": 5, "name": "Jos\\u00e9", "f": 1.5}.pwe9lh_j0NOHS5XRumH5aLZJc6o',
        ),
        { id: 5, name: 'José', f: 1.5 },
      );
    });

    for (const [stackName, stack] of Object.entries(vectors.stacks)) {
      const label = `${stackName} stack (itsdangerous ${stack.versions.itsdangerous})`;

      for (const kind of ['signer', 'timestamp']) {
        test(`every ${kind} sign vector of the ${label}`, async () => {
          const cases = stack.sign.filter((c) => c.kind === kind);
          assert.ok(cases.length > 5, 'fixture loaded');
          const wrong = [];
          for (const c of cases) {
            const keys = c.keys.map(keyOf);
            const options = signerOptions(c);
            if (
              keys.some((key) => (typeof key === 'string' ? key.trim() === '' : key.length === 0))
            ) {
              // itsdangerous signs with an empty key; shortbread refuses it on purpose (issue 20
              // row 1), as test/flask-vectors.test.ts checks on Node.
              let code;
              try {
                new Signer(keys, options);
              } catch (error) {
                code = /** @type {{ code?: string }} */ (error).code;
              }
              if (code !== 'ERR_SIGNING_KEY_EMPTY') wrong.push({ name: c.name, refused: code });
              continue;
            }
            const got =
              kind === 'signer'
                ? await new Signer(keys, options).sign(c.value)
                : await new TimestampSigner(keys, options).sign(c.value, {
                    now: new Date(c.now * 1000),
                  });
            if (got !== c.signed) wrong.push({ name: c.name, got, expected: c.signed });
          }
          assert.deepEqual(wrong, []);
        });
      }

      test(`every unsign vector of the ${label}`, async () => {
        assert.ok(stack.unsign.length > 10, 'fixture loaded');
        const wrong = [];
        for (const c of stack.unsign) {
          const keys = c.keys.map(keyOf);
          const options = signerOptions(c);
          const got = await outcome(() =>
            c.kind === 'signer'
              ? new Signer(keys, options).unsign(c.token)
              : new TimestampSigner(keys, options).unsign(c.token, {
                  now: new Date(c.now * 1000),
                  ...(c.max_age === null ? {} : { maxAge: c.max_age }),
                }),
          );
          const expected = /** @type {Record<string, unknown>} */ (c.expected);
          // A bytes payload is reported as text on the Python side; compare what both have.
          if (expected.error !== undefined && typeof got.payload !== 'string')
            delete expected.payload;
          if (JSON.stringify(got) !== JSON.stringify(expected)) {
            wrong.push({ name: c.name, got, expected });
          }
        }
        assert.deepEqual(wrong, []);
      });

      test(`every plain Flask session cookie of the ${label} decodes to Flask's answer`, async () => {
        const cases = stack.flask_decode.filter((c) => plainJson(c.expected));
        assert.ok(cases.length > 20, `fixture loaded (${cases.length} plain cases)`);
        const wrong = [];
        for (const c of cases) {
          const codec = new FlaskSessionCodec({
            secretKey: keyOf(c.secret),
            ...(c.fallbacks ? { fallbacks: c.fallbacks.map(keyOf) } : {}),
          });
          const got = await outcome(async () => ({
            ...(await codec.decode(c.cookie, { now: new Date(c.now * 1000) })),
          }));
          const expected = /** @type {Record<string, unknown>} */ (c.expected);
          // "Exception": itsdangerous loaded it, and Flask's dict(data) decides: a 500 or an empty session.
          const flaskError = /** @type {any} */ (c).flask_request?.result === 'error';
          const same =
            expected.error === 'Exception'
              ? flaskError
                ? got.error === 'BadPayload'
                : JSON.stringify(got) === '{"ok":{}}'
              : expected.ok !== undefined
                ? JSON.stringify(got.ok) === JSON.stringify(expected.ok)
                : got.error === expected.error;
          if (!same) wrong.push({ name: c.name, got, expected });
        }
        assert.deepEqual(wrong, []);
      });

      test(`every uncompressed plain Flask session of the ${label} encodes to Flask's cookie`, async () => {
        const cases = stack.flask_encode.filter((c) => !c.compressed && plainJson(c.session));
        assert.ok(cases.length > 5, `fixture loaded (${cases.length} cases)`);
        const wrong = [];
        for (const c of cases) {
          const codec = new FlaskSessionCodec({
            secretKey: keyOf(c.secret),
            ...(c.fallbacks ? { fallbacks: c.fallbacks.map(keyOf) } : {}),
          });
          const got = await codec.encode(c.session, { now: new Date(c.now * 1000) });
          if (got !== c.cookie) wrong.push({ name: c.name, got, expected: c.cookie });
        }
        assert.deepEqual(wrong, []);
      });
    }

    test('FlaskSessionCodec writes the cookie Flask writes for {user_id: 1}', async () => {
      const codec = new FlaskSessionCodec({ secretKey: 'dev' });
      assert.equal(await codec.encode({ user_id: 1 }, { now: NOW * 1000 }), FLASK_COOKIE);
    });

    test('FlaskSessionCodec decodes a real Flask cookie and re-signs it identically', async () => {
      const codec = new FlaskSessionCodec({ secretKey: 'dev' });
      const result = await codec.decodeWithKey(FLASK_COOKIE, {
        now: (NOW + FLASK_SESSION_MAX_AGE) * 1000,
      });
      assert.deepEqual(result, {
        session: { user_id: 1 },
        keyIndex: 0,
        rotated: false,
        timestamp: NOW,
      });
      assert.equal(await codec.encode(result.session, { now: NOW * 1000 }), FLASK_COOKIE);
    });

    test('FlaskSessionCodec reads a compressed Flask cookie (zlib) and re-signs it readably', async () => {
      const vector = vectors.stacks.modern.flask_encode.find((c) => c.name === 'compressible');
      assert.ok(vector?.compressed, 'vector is compressed');
      const codec = new FlaskSessionCodec({ secretKey: 'dev' });
      const session = await codec.decode(/** @type {any} */ (vector).cookie, { now: NOW * 1000 });
      assert.deepEqual(session, /** @type {any} */ (vector).session);
      // Deflate bytes differ between zlib builds; the re-signed cookie must be compressed and read back.
      const again = await codec.encode(session, { now: NOW * 1000 });
      assert.equal(again.startsWith('.'), true);
      assert.deepEqual(
        await codec.decode(again, { now: NOW * 1000 }),
        /** @type {any} */ (vector).session,
      );
    });

    test('FlaskSessionCodec expires after 31 days, refuses the future and other keys', async () => {
      const codec = new FlaskSessionCodec({ secretKey: 'dev' });
      const expired = await assert.rejects(
        codec.decode(FLASK_COOKIE, { now: (NOW + FLASK_SESSION_MAX_AGE + 1) * 1000 }),
      );
      assert.instanceOf(expired, SignatureExpired);
      assert.match(
        (await assert.rejects(codec.decode(FLASK_COOKIE, { now: (NOW - 1) * 1000 }))).message,
        /future/,
      );
      const other = new FlaskSessionCodec({ secretKey: 'other' });
      assert.instanceOf(
        await assert.rejects(other.decode(FLASK_COOKIE, { now: NOW * 1000 })),
        BadTimeSignature,
      );
    });

    test('FlaskSessionCodec fallbacks verify and say rotated', async () => {
      const old = await new FlaskSessionCodec({ secretKey: 'old' }).encode(
        { a: 1 },
        { now: NOW * 1000 },
      );
      const rotating = new FlaskSessionCodec({ secretKey: 'new', fallbacks: ['older', 'old'] });
      const result = await rotating.decodeWithKey(old, { now: NOW * 1000 });
      assert.equal(result.keyIndex, 1);
      assert.equal(result.rotated, true);
      assert.deepEqual(result.session, { a: 1 });
    });

    const SEAL_KEYS = [
      // Random key material: 32 bytes as base64url text, and 32 different byte values.
      { id: 'k2024', secret: 'Yssd4zXrzJdpzsbyqKsGhXaEkqcgI_Umgq0Y7UN7aNA' },
      { id: 'k2025', secret: Uint8Array.from({ length: 32 }, (_, i) => (i * 73 + 11) & 255) },
    ];

    test('seal / unseal round-trip JSON in the v1 format with the newest key', async () => {
      const token = await seal(
        { userId: 42, roles: ['admin'] },
        { keys: SEAL_KEYS, now: NOW * 1000 },
      );
      assert.match(token, /^v1\.k2025\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
      assert.deepEqual(await unseal(token, { keys: SEAL_KEYS, now: NOW * 1000 }), {
        userId: 42,
        roles: ['admin'],
      });
    });

    test('seal hides the value and never repeats a token', async () => {
      const a = await seal('secret-value', { keys: SEAL_KEYS });
      const b = await seal('secret-value', { keys: SEAL_KEYS });
      assert.ok(a !== b);
      assert.ok(
        !a.includes('secret') &&
          !atob(a.split('.')[3].replace(/-/g, '+').replace(/_/g, '/')).includes('secret'),
      );
    });

    test('unsealWithKey: older key opens and says rotated; ttl expires after, not at', async () => {
      const old = await seal(1, { keys: [SEAL_KEYS[0]], now: NOW * 1000 });
      const result = await unsealWithKey(old, { keys: SEAL_KEYS, now: NOW * 1000 });
      assert.deepEqual(
        {
          value: result.value,
          keyId: result.keyId,
          rotated: result.rotated,
          issuedAt: result.issuedAt,
        },
        { value: 1, keyId: 'k2024', rotated: true, issuedAt: NOW },
      );
      const token = await seal('v', { keys: SEAL_KEYS, ttl: 60, now: NOW * 1000 });
      assert.equal(
        (await unsealWithKey(token, { keys: SEAL_KEYS, now: (NOW + 60) * 1000 })).expiresAt,
        NOW + 60,
      );
      assert.instanceOf(
        await assert.rejects(unseal(token, { keys: SEAL_KEYS, now: (NOW + 61) * 1000 })),
        SignatureExpired,
      );
    });

    test('unseal rejects tampering, a wrong context and a wrong key with BadSignature', async () => {
      const token = await seal('v', { keys: SEAL_KEYS, context: 'session' });
      assert.equal(await unseal(token, { keys: SEAL_KEYS, context: 'session' }), 'v');
      assert.instanceOf(
        await assert.rejects(unseal(token, { keys: SEAL_KEYS, context: 'other' })),
        BadSignature,
      );
      const [v, kid, iv, ct] = token.split('.');
      const flipped = `${v}.${kid}.${iv}.${ct.slice(0, -2)}${ct.at(-2) === 'A' ? 'B' : 'A'}${ct.at(-1)}`;
      assert.instanceOf(
        await assert.rejects(unseal(flipped, { keys: SEAL_KEYS, context: 'session' })),
        BadSignature,
      );
      // Another random key under the same id.
      const wrong = [{ id: 'k2025', secret: 'q7Vb3N0xY2cM5fTz8LwR1hK4pJ6sD9aG0eU3iO7nB2v' }];
      assert.instanceOf(
        await assert.rejects(unseal(token, { keys: wrong, context: 'session' })),
        BadSignature,
      );
    });
  });
}
