/**
 * @module The one door every signing key comes in by: `Signer` (and so `TimestampSigner`, the
 * serializers, `FlaskSessionCodec`), `seal`, `Sessions` and the adapters' `secret` all take their
 * keys through {@link normalizeKeys}, so an empty key is refused everywhere alike.
 */
import { toBytes } from '../internal/bytes.js';
import { SigningError } from './errors.js';
import type { SecretKey, SecretKeys } from './types.js';

const FIX_EMPTY =
  "drop empty entries from the list, e.g. (process.env.OLD_KEYS ?? '').split(',').filter((key) => key.trim() !== '')";

/**
 * Whether a key signs nothing an attacker could not sign too: no bytes, or only ASCII whitespace
 * and NUL bytes (HMAC pads a key with NUL bytes, so `"\0"` is the empty key), or text that is only
 * whitespace (`"\u00a0"` too).
 */
function isBlank(key: SecretKey, bytes: Uint8Array): boolean {
  if (typeof key === 'string' && key.trim() === '') return true;
  for (const byte of bytes) {
    // NUL, TAB, LF, VT, FF, CR, SP.
    if (byte !== 0 && byte !== 0x20 && (byte < 0x09 || byte > 0x0d)) return false;
  }
  return true;
}

function shown(key: SecretKey): string {
  return typeof key === 'string' ? JSON.stringify(key) : `Uint8Array(${key.length})`;
}

/**
 * The secrets as bytes, oldest first. Refuses with {@link SigningError} an empty list
 * (`ERR_SIGNING_KEY_MISSING`), a key that is not text or bytes (`ERR_SIGNING_KEY_TYPE`), and an
 * empty or whitespace-only key (`ERR_SIGNING_KEY_EMPTY`): a config such as
 * `(process.env.OLD_KEYS ?? '').split(',')` gives `['']`, and a cookie signed with `''` is one
 * anybody can make. `what` names the list in the message.
 *
 * @example
 * ```ts
 * normalizeKeys(['old', 'new']).length; // 2, as UTF-8 bytes
 * normalizeKeys(['', 'new']); // throws SigningError ERR_SIGNING_KEY_EMPTY
 * ```
 */
export function normalizeKeys(
  secretKeyOrKeys: SecretKeys,
  what = 'secret key',
): readonly Uint8Array[] {
  const list: readonly SecretKey[] =
    typeof secretKeyOrKeys === 'string' || secretKeyOrKeys instanceof Uint8Array
      ? [secretKeyOrKeys]
      : secretKeyOrKeys;
  if (!Array.isArray(list) || list.length === 0) {
    throw new SigningError(
      'ERR_SIGNING_KEY_MISSING',
      `${what} is invalid: ${Array.isArray(list) ? '[]' : JSON.stringify(typeof list)} (at least one key is required; pass a string, bytes, or a list ordered oldest to newest)`,
    );
  }
  return list.map((key: unknown, index) => {
    const at = list.length === 1 ? '' : ` at index ${index} of ${list.length}`;
    if (typeof key !== 'string' && !(key instanceof Uint8Array)) {
      throw new SigningError(
        'ERR_SIGNING_KEY_TYPE',
        `${what} is invalid: ${JSON.stringify(key === null ? 'null' : typeof key)}${at} (must be a string or a Uint8Array)`,
      );
    }
    const bytes = toBytes(key);
    if (isBlank(key, bytes)) {
      throw new SigningError(
        'ERR_SIGNING_KEY_EMPTY',
        `${what} is invalid: ${shown(key)}${at} (an empty or whitespace-only key lets anyone sign; ${FIX_EMPTY})`,
      );
    }
    return bytes;
  });
}
