import { describe, expect, it } from 'vitest';
import { BadPayload } from './errors.js';
import {
  decodeUrlSafePayload,
  encodeUrlSafePayload,
  URLSafeSerializer,
  URLSafeTimedSerializer,
} from './url-safe-serializer.js';

describe('URL-safe payloads', () => {
  it('compresses only when it saves at least 2 bytes', async () => {
    expect(await encodeUrlSafePayload('{"a":1}')).toBe('eyJhIjoxfQ');
    const long = JSON.stringify({ d: 'x'.repeat(100) });
    const packed = await encodeUrlSafePayload(long);
    expect(packed.startsWith('.')).toBe(true);
    expect(await decodeUrlSafePayload(packed)).toBe(long);
  });

  it.each([
    ['a', /base64/],
    ['.bm90IHpsaWI', /zlib/],
    ['_w', /UTF-8/],
  ])('reports the failing step of %j', async (payload, message) => {
    const error = await decodeUrlSafePayload(payload).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadPayload);
    expect((error as Error).message).toMatch(message);
  });
});

describe('URLSafeSerializer', () => {
  it('makes cookie-safe tokens with raw UTF-8 JSON inside', async () => {
    const s = new URLSafeSerializer('secret');
    const token = await s.dumps({ s: '日本' });
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(Buffer.from(token.split('.')[0] as string, 'base64url').toString()).toBe('{"s":"日本"}');
    await expect(s.loads(token)).resolves.toEqual({ s: '日本' });
  });

  it('timed variant carries and checks the timestamp', async () => {
    const s = new URLSafeTimedSerializer('secret', { salt: 'reset' });
    const token = await s.dumps({ u: 1 }, { now: 1_700_000_000_000 });
    expect(token.split('.')[1]).toBe('ZVPxAA');
    await expect(s.loads(token, { maxAge: 10, now: 1_700_000_011_000 })).rejects.toThrow(/expired/);
  });
});
