/**
 * Every vector of test/fixtures/flask-vectors.json (made by scripts/gen-flask-vectors.py with the
 * real itsdangerous and Flask of both Python stacks on this machine) must come out of shortbread
 * byte for byte, on the node:crypto path and on the portable WebCrypto/CompressionStream path.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64UrlDecode } from '../src/internal/base64url.js';
import { hexToBytes, utf8Encode } from '../src/internal/bytes.js';
import { setPortableOnly } from '../src/internal/node-builtin.js';
import { zlibDecompress } from '../src/internal/zlib.js';
import { BadData } from '../src/signing/errors.js';
import { FlaskSessionCodec } from '../src/signing/flask-session.js';
import { deriveKey } from '../src/signing/key-derivation.js';
import { pythonFloatRepr } from '../src/signing/python-json.js';
import { Markup, PyFloat, PyTuple, PyUUID } from '../src/signing/python-types.js';
import { Serializer, TimedSerializer } from '../src/signing/serializer.js';
import { Signer } from '../src/signing/signer.js';
import { TimestampSigner } from '../src/signing/timestamp-signer.js';
import type { KeyDerivation, SecretKey, SignerOptions } from '../src/signing/types.js';
import { URLSafeSerializer, URLSafeTimedSerializer } from '../src/signing/url-safe-serializer.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Outcome = { ok?: Json; error?: string; payload?: string; date_signed?: number };
interface Case {
  name: string;
  [key: string]: unknown;
}
interface Stack {
  versions: Record<string, string>;
  derive_key: Case[];
  sign: Case[];
  unsign: Case[];
  dumps: Case[];
  loads: Case[];
  flask_encode: Case[];
  flask_decode: Case[];
  float_repr: { hex: string; repr: string }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('./fixtures/flask-vectors.json', import.meta.url), 'utf8'),
) as { meta: { now: number }; stacks: Record<string, Stack> };

/** Typed notation (see the generator's docstring) to the TypeScript values shortbread uses. */
function fromTyped(value: Json): unknown {
  if (Array.isArray(value)) return value.map(fromTyped);
  if (value === null || typeof value !== 'object') return value;
  if ('$float' in value) {
    const n = Number(value.$float === 'NaN' ? Number.NaN : value.$float);
    return Number.isInteger(n) && !Object.is(n, -0) ? new PyFloat(n) : n;
  }
  if ('$int' in value) {
    const big = BigInt(value.$int as string);
    return Number.isSafeInteger(Number(big)) ? Number(big) : big;
  }
  if ('$tuple' in value) return new PyTuple((value.$tuple as Json[]).map(fromTyped));
  if ('$bytes_hex' in value) return hexToBytes(value.$bytes_hex as string);
  if ('$markup' in value) return new Markup(value.$markup as string);
  if ('$uuid' in value) return new PyUUID(value.$uuid as string);
  if ('$datetime' in value) return new Date(value.epoch_ms as number);
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(value)) out[k] = fromTyped(v);
  return out;
}

/** TypeScript values back to typed notation, for comparing decoded values with Python's. */
function toTyped(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toTyped);
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Object.is(value, -0)
      ? value
      : { $float: Number.isNaN(value) ? 'NaN' : pythonFloatRepr(value) };
  }
  if (typeof value === 'bigint') return { $int: value.toString() };
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof PyFloat) return { $float: pythonFloatRepr(value.value) };
  if (value instanceof PyTuple) return { $tuple: value.items.map(toTyped) };
  if (value instanceof Uint8Array) return { $bytes_hex: Buffer.from(value).toString('hex') };
  if (value instanceof Markup) return { $markup: value.html };
  if (value instanceof PyUUID) return { $uuid: value.hex };
  if (value instanceof Date) return { $datetime: 'any', epoch_ms: value.getTime() };
  // Null prototype: a "__proto__" key must stay a key (the proto-key vector).
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(value)) out[k] = toTyped(v);
  return out;
}

/** Python typed datetimes carry an ISO string TS can't reproduce; compare the instant only. */
function normalizeDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeDates);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if ('$datetime' in record) return { $datetime: 'any', epoch_ms: record.epoch_ms };
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(record)) out[k] = normalizeDates(v);
  return out;
}

function keyOf(key: Json): SecretKey {
  if (typeof key === 'string') return key;
  return hexToBytes((key as { $bytes_hex: string }).$bytes_hex) as Uint8Array;
}

function signerOptions(c: Case): SignerOptions {
  const options: { -readonly [K in keyof SignerOptions]: SignerOptions[K] } = {};
  if (typeof c.salt === 'string') options.salt = c.salt;
  if (typeof c.sep === 'string') options.sep = c.sep;
  if (typeof c.key_derivation === 'string')
    options.keyDerivation = c.key_derivation as KeyDerivation;
  if (typeof c.digest === 'string')
    options.digestMethod = c.digest as SignerOptions['digestMethod'] & string;
  return options;
}

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: (await run()) as Json };
  } catch (error) {
    if (!(error instanceof BadData)) throw error;
    const out: Outcome = { error: error.name };
    const payload = (error as { payload?: string }).payload;
    if (payload !== undefined) out.payload = payload;
    const date = (error as { dateSigned?: Date }).dateSigned;
    if (date !== undefined) out.date_signed = date.getTime() / 1000;
    return out;
  }
}

const serializerClasses = {
  Serializer,
  TimedSerializer,
  URLSafeSerializer,
  URLSafeTimedSerializer,
} as const;

/** The JSON text inside a URL-safe token's payload segment (inflated when marked compressed). */
async function payloadText(
  token: string,
  timed: boolean,
): Promise<{ json: string; rest: string[] }> {
  const pieces = token.split('.');
  const tail = timed ? 2 : 1;
  const seg = pieces.slice(0, pieces.length - tail).join('.');
  const compressed = seg.startsWith('.');
  const raw = base64UrlDecode(compressed ? seg.slice(1) : seg) as Uint8Array;
  const bytes = compressed ? await zlibDecompress(raw) : raw;
  return { json: Buffer.from(bytes ?? []).toString(), rest: pieces.slice(-tail, -1) };
}

/**
 * Byte equality, except where the payload is zlib-compressed: Node bundles zlib 1.3.x
 * (Chromium's fork) and Python the system zlib 1.2.13, which choose different (equally valid)
 * deflate bytes, and near the 2-byte threshold even a different compress-or-not decision. Then
 * the JSON inside and the timestamp must be identical.
 */
async function expectSameToken(actual: string, expected: string, timed: boolean): Promise<void> {
  if (actual === expected) {
    exactZlib++;
    return;
  }
  if (!actual.startsWith('.') && !expected.startsWith('.')) {
    expect(actual).toBe(expected);
    return;
  }
  inflatedZlib++;
  const a = await payloadText(actual, timed);
  const b = await payloadText(expected, timed);
  expect(a.json).toBe(b.json);
  expect(a.rest).toEqual(b.rest);
}

let exactZlib = 0;
let inflatedZlib = 0;

for (const portable of [false, true]) {
  for (const [stackName, stack] of Object.entries(vectors.stacks)) {
    describe(`${stackName} stack (flask ${stack.versions.flask}, itsdangerous ${stack.versions.itsdangerous}) on ${portable ? 'WebCrypto + CompressionStream' : 'node:crypto + node:zlib'}`, () => {
      beforeAll(() => setPortableOnly(portable));
      afterAll(() => setPortableOnly(false));

      it('has every section', () => {
        for (const section of [
          'derive_key',
          'sign',
          'unsign',
          'dumps',
          'loads',
          'flask_encode',
          'flask_decode',
        ] as const) {
          expect(stack[section].length, section).toBeGreaterThan(10);
        }
      });

      it('writes every float as Python repr does (random bit patterns and boundaries)', () => {
        expect(stack.float_repr.length).toBeGreaterThan(500);
        for (const { hex, repr } of stack.float_repr) {
          const value = Buffer.from(hex, 'hex').readDoubleBE(0);
          expect(pythonFloatRepr(value), hex).toBe(repr);
        }
      });

      it.each(
        stack.derive_key.map(
          (c) => [`${c.key_derivation} ${c.digest} ${JSON.stringify(c.secret)}`, c] as const,
        ),
      )('derive_key %s', async (_, c) => {
        const derived = await deriveKey(
          utf8OrBytes(keyOf(c.secret as Json)),
          utf8Encode(c.salt as string),
          c.key_derivation as KeyDerivation,
          c.digest as 'sha1',
        );
        expect(Buffer.from(derived).toString('hex')).toBe(c.derived_hex);
      });

      it.each(stack.sign.map((c) => [c.name, c] as const))('sign %s', async (_, c) => {
        const keys = (c.keys as Json[]).map(keyOf);
        const options = signerOptions(c);
        if (keys.some((key) => (typeof key === 'string' ? key.trim() : key.length) === '')) {
          // itsdangerous signs with an empty key; shortbread refuses it on purpose (issue 20 row 1:
          // a cookie signed with "" is one anybody can make).
          expect(() => new Signer(keys, options)).toThrow(
            expect.objectContaining({ code: 'ERR_SIGNING_KEY_EMPTY' }),
          );
          return;
        }
        const signed =
          c.kind === 'timestamp'
            ? await new TimestampSigner(keys, options).sign(c.value as string, {
                now: new Date((c.now as number) * 1000),
              })
            : await new Signer(keys, options).sign(c.value as string);
        expect(signed).toBe(c.signed);
        // And it verifies.
        const back =
          c.kind === 'timestamp'
            ? await new TimestampSigner(keys, options).unsign(signed)
            : await new Signer(keys, options).unsign(signed);
        expect(back).toBe(c.value);
      });

      it.each(stack.unsign.map((c) => [c.name, c] as const))('unsign %s', async (_, c) => {
        const keys = (c.keys as Json[]).map(keyOf);
        const options = signerOptions(c);
        const got = await outcome(async () => {
          if (c.kind === 'timestamp') {
            const maxAge = c.max_age as number | null;
            return new TimestampSigner(keys, options).unsign(c.token as string, {
              now: new Date((c.now as number) * 1000),
              ...(maxAge === null ? {} : { maxAge }),
            });
          }
          return new Signer(keys, options).unsign(c.token as string);
        });
        expect(got).toEqual(c.expected);
      });

      it.each(stack.dumps.map((c) => [c.name, c] as const))('dumps %s', async (_, c) => {
        const Cls = serializerClasses[c.serializer as keyof typeof serializerClasses];
        const keys = (c.keys as Json[]).map(keyOf);
        const s = new Cls(keys, typeof c.salt === 'string' ? { salt: c.salt } : {});
        const token = await s.dumps(fromTyped(c.obj as Json), {
          now: new Date((c.now as number) * 1000),
        });
        const timed = (c.serializer as string).includes('Timed');
        await expectSameToken(token, c.token as string, timed);
        // Python's token loads in shortbread too.
        expect(toTyped(await s.loads(c.token as string))).toEqual(normalizeDates(c.obj));
      });

      it.each(stack.loads.map((c) => [c.name, c] as const))('loads %s', async (_, c) => {
        const Cls = serializerClasses[c.serializer as keyof typeof serializerClasses];
        const keys = (c.keys as Json[]).map(keyOf);
        const s = new Cls(keys, typeof c.salt === 'string' ? { salt: c.salt } : {});
        const maxAge = c.max_age as number | null;
        const got = await outcome(async () =>
          toTyped(
            await s.loads(c.token as string, {
              now: new Date((c.now as number) * 1000),
              ...(maxAge === null ? {} : { maxAge }),
            }),
          ),
        );
        const expected = c.expected as Outcome;
        if (expected.error === 'BadPayload') expect(got.error).toBe('BadPayload');
        else expect(got).toEqual(expected);
      });

      it.each(stack.flask_encode.map((c) => [c.name, c] as const))(
        'flask encode %s',
        async (_, c) => {
          const codec = new FlaskSessionCodec({
            secretKey: keyOf(c.secret as Json),
            ...(Array.isArray(c.fallbacks) ? { fallbacks: c.fallbacks as string[] } : {}),
          });
          const cookie = await codec.encode(fromTyped(c.session as Json) as object, {
            now: new Date((c.now as number) * 1000),
          });
          await expectSameToken(cookie, c.cookie as string, true);
          // Decoding Python's cookie and encoding it again gives Python's cookie.
          const decoded = await codec.decode(c.cookie as string, {
            now: new Date((c.now as number) * 1000),
          });
          const again = await codec.encode(decoded, { now: new Date((c.now as number) * 1000) });
          await expectSameToken(again, c.cookie as string, true);
          expect(again).toBe(cookie);
        },
      );

      it.each(stack.flask_decode.map((c) => [c.name, c] as const))(
        'flask decode %s',
        async (_, c) => {
          const codec = new FlaskSessionCodec({
            secretKey: keyOf(c.secret as Json),
            ...(Array.isArray(c.fallbacks) ? { fallbacks: c.fallbacks as string[] } : {}),
          });
          const got = await outcome(async () =>
            toTyped(
              await codec.decode(c.cookie as string, { now: new Date((c.now as number) * 1000) }),
            ),
          );
          if (c.name === 'roundtrip-proto-key') {
            // "__proto__" is an ordinary session key, and nothing was polluted.
            expect(Object.keys(got.ok as object)).toEqual(['__proto__', 'constructor']);
            expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
          }
          const expected = c.expected as Outcome & { python_error?: string };
          const request = c.flask_request as { result: string };
          if (expected.error === 'Exception') {
            // itsdangerous loaded it, but Flask's dict(data) is what decides: 500 or an empty session.
            if (request.result === 'error') expect(got.error).toBe('BadPayload');
            else expect(got).toEqual({ ok: {} });
          } else if (expected.error === 'BadPayload') {
            expect(got.error).toBe('BadPayload');
            expect(request.result).toBe('error');
          } else {
            expect(got).toEqual({
              ...expected,
              ...(expected.ok ? { ok: normalizeDates(expected.ok) } : {}),
            });
            // A BadSignature family error is what Flask turns into an empty session.
            if (expected.error) expect(request.result).toBe('empty');
          }
        },
      );
    });
  }
}

function utf8OrBytes(key: SecretKey): Uint8Array {
  return typeof key === 'string' ? utf8Encode(key) : key;
}

describe('zlib bytes', () => {
  it('reports how many compressed cases matched byte for byte', () => {
    // Node bundles zlib 1.3.x (Chromium's fork), Python uses the system zlib 1.2.13: compressed
    // segments may differ in bytes while inflating to the same JSON; both are valid zlib streams.
    expect(exactZlib).toBeGreaterThan(100);
    console.info(`tokens: ${exactZlib} byte-identical, ${inflatedZlib} identical after inflating`);
  });
});
