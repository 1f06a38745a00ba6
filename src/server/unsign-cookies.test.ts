import { describe, expect, it } from 'vitest';
import { RequestCookies } from './request-cookies.js';
import { unsignCookies } from './unsign-cookies.js';

/** A stand-in verifier: "value.sig" unsigns to "value"; anything else is forged. */
async function unsign(value: string): Promise<string> {
  if (!value.endsWith('.sig')) throw new Error('BadSignature');
  return value.slice(0, -4);
}

describe('unsignCookies', () => {
  it('keeps the cookies whose signature checks out, unsigned, in a null-prototype record', async () => {
    const cookies: Record<string, string> = Object.create(null);
    Object.assign(cookies, { user: 'alice.sig', forged: 'bob.bad', plain: 'dark' });
    const signed = await unsignCookies(cookies, unsign);
    expect({ ...signed }).toEqual({ user: 'alice' });
    expect(Object.getPrototypeOf(signed)).toBeNull();
  });

  it('never calls the verifier for a value without a "." (it cannot carry a signature)', async () => {
    const seen: string[] = [];
    await unsignCookies({ a: 'x', b: 'y.sig' }, async (value) => {
      seen.push(value);
      return value;
    });
    expect(seen).toEqual(['y.sig']);
  });

  it('reads [name, value] pairs too (a RequestCookies), first value of each name', async () => {
    const signed = await unsignCookies(
      new RequestCookies('a=1.sig; __proto__=2.sig; a=3.sig'),
      unsign,
    );
    expect(Object.entries(signed)).toEqual([
      ['a', '1'],
      ['__proto__', '2'],
    ]);
  });

  it('does not throw when every value is forged', async () => {
    await expect(unsignCookies({ a: '1.x', b: '2.y' }, unsign)).resolves.toEqual({});
  });
});
