/**
 * @module itsdangerous's `Signer.derive_key`: turn a secret and a salt into the HMAC key, for each
 * of the four derivations.
 */
import { concatBytes } from '../internal/bytes.js';
import { type DigestName, hashBytes, hmacOnce } from '../internal/hmac.js';
import type { KeyDerivation } from './types.js';

const SIGNER = new TextEncoder().encode('signer');

/**
 * The HMAC key itsdangerous derives from `secret` and `salt`:
 *
 * | mode | key |
 * | --- | --- |
 * | `concat` | H(salt + secret) |
 * | `django-concat` | H(salt + "signer" + secret) |
 * | `hmac` | HMAC_H(key = secret, msg = salt) |
 * | `none` | secret |
 *
 * @example
 * ```ts
 * // Flask's session key: HMAC-SHA1(SECRET_KEY, "cookie-session")
 * const enc = new TextEncoder();
 * await deriveKey(enc.encode('dev'), enc.encode('cookie-session'), 'hmac', 'sha1');
 * ```
 */
export async function deriveKey(
  secret: Uint8Array,
  salt: Uint8Array,
  mode: KeyDerivation,
  digest: DigestName,
): Promise<Uint8Array> {
  switch (mode) {
    case 'concat':
      return hashBytes(digest, concatBytes(salt, secret));
    case 'django-concat':
      return hashBytes(digest, concatBytes(salt, SIGNER, secret));
    case 'hmac':
      return hmacOnce(digest, secret, salt);
    case 'none':
      return secret;
  }
}
