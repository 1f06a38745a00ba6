/**
 * @module Secrets in logs: no object that holds a secret shows it through `util.inspect` (what
 * `console.log` prints), `JSON.stringify`, `String()`, or the message of an error it throws.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MemorySessionStore } from '../src/session/memory-store.js';
import { Sessions } from '../src/session/sessions.js';
import { FlaskSessionCodec } from '../src/signing/flask-session.js';
import { seal, unseal } from '../src/signing/seal.js';
import { Serializer } from '../src/signing/serializer.js';
import { Signer } from '../src/signing/signer.js';
import { TimestampSigner } from '../src/signing/timestamp-signer.js';
import { URLSafeTimedSerializer } from '../src/signing/url-safe-serializer.js';

const SECRET = 'SUPER-SECRET-needle-5f3a9c1e7b2d4a6f8091';
const OLD = 'OLD-SECRET-needle-0a1b2c3d4e5f60718293a4b5';

/** Every rendering a log line or an error report could use. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 10, showHidden: true, getters: true }), String(value)];
  try {
    out.push(JSON.stringify(value) ?? '');
  } catch (error) {
    out.push(String(error));
  }
  return out;
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('secrets never reach logs', () => {
  it.each([
    ['Signer', () => new Signer([OLD, SECRET])],
    ['TimestampSigner', () => new TimestampSigner([OLD, SECRET])],
    ['Serializer', () => new Serializer([OLD, SECRET])],
    ['URLSafeTimedSerializer', () => new URLSafeTimedSerializer([OLD, SECRET])],
    ['FlaskSessionCodec', () => new FlaskSessionCodec({ secretKey: SECRET, fallbacks: [OLD] })],
    ['Sessions (cookie store)', () => new Sessions({ secret: SECRET, fallbacks: [OLD] })],
    [
      'Sessions (memory store)',
      () => new Sessions({ secret: SECRET, fallbacks: [OLD], store: new MemorySessionStore() }),
    ],
  ] as const)(
    '%s: inspect, String and JSON show neither the secret nor a fallback',
    async (_name, make) => {
      const holder = make();
      // Derive keys first, so cached key material would be there to leak.
      if (holder instanceof Signer) await holder.sign('x');
      for (const text of renderings(holder)) {
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(OLD);
        expect(text).not.toContain('needle');
      }
    },
  );

  it('a failed verification names neither the secret nor the expected signature', async () => {
    const signer = new Signer(SECRET);
    const good = await signer.sign('value');
    const expected = good.slice(good.lastIndexOf('.') + 1);
    const error = await errorOf(signer.unsign('value.AAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    for (const text of renderings(error)) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(expected);
    }
  });

  it('a failed unseal names no key secret', async () => {
    // A seal secret is random key material (base64url of 32 bytes), with a findable needle in it.
    const secret = 'SUPERsecretNeedle5f3a9c1e7b2d4a6f8091xyzQRS0';
    const keys = [{ id: 'k', secret }];
    const token = await seal({ a: 1 }, { keys });
    const error = await errorOf(unseal(`${token.slice(0, -2)}AA`, { keys }));
    for (const text of renderings(error)) expect(text).not.toContain(secret);
  });
});
