/**
 * @module `unsignCookies`: the signed cookies of a request (Express's `req.signedCookies`), checked
 * by a verifier the caller passes in, so this layer needs no signing code of its own.
 */
import type { Cookies } from '../codec/types.js';

/**
 * Verifies each cookie that can carry a signature and returns the ones that check out, unsigned, as
 * a null-prototype record. `unsign` resolves to the unsigned value, or rejects for a forged or
 * unsigned one (an itsdangerous `Signer`'s `unsign` does). A value without a "." (the signature
 * separator) is skipped without calling `unsign`; a rejection leaves the cookie out, since received
 * input never throws. `cookies` is a record of the first value of each name, or `[name, value]`
 * pairs (a `RequestCookies`).
 *
 * @example
 * ```ts
 * import { Signer } from 'shortbread/signing';
 *
 * const signer = new Signer('secret');
 * const signed = await unsignCookies({ user: await signer.sign('alice'), theme: 'dark' }, (v) => signer.unsign(v));
 * signed.user; // 'alice'
 * signed.theme; // undefined
 * ```
 */
export async function unsignCookies(
  cookies: Cookies | Iterable<readonly [name: string, value: string]>,
  unsign: (value: string) => Promise<string>,
): Promise<Cookies> {
  const signed: Cookies = Object.create(null);
  const check = async (name: string, value: string): Promise<void> => {
    // Only a value with the separator can carry a signature; skip the HMAC for the rest.
    if (!value.includes('.')) return;
    try {
      signed[name] = await unsign(value);
    } catch {
      // A forged or unsigned value is not a signed cookie; received input never throws.
    }
  };
  if (isIterable(cookies)) {
    for (const [name, value] of cookies) await check(name, value);
  } else {
    for (const name in cookies) await check(name, cookies[name] as string);
  }
  return signed;
}

function isIterable(
  cookies: Cookies | Iterable<readonly [string, string]>,
): cookies is Iterable<readonly [string, string]> {
  // A record of cookies has a null prototype: only an iterable object has Symbol.iterator.
  return typeof (cookies as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
}
