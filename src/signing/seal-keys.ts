/**
 * @module The keys of `seal`: checked once per keys value (ids, emptiness, that each secret is
 * random key material and not a passphrase), each AES key derived once with HKDF, and the result
 * remembered, so a seal or unseal pays for none of it. This is the one bounded, resettable cache
 * of the signing layer ({@link resetSealKeyCache}).
 */
import { type AesGcmKey, deriveAesGcmKey } from '../internal/aes-gcm.js';
import { isBase64UrlText } from '../internal/base64url.js';
import { utf8Encode } from '../internal/bytes.js';
import { isPortableOnly } from '../internal/node-builtin.js';
import { SigningError } from './errors.js';
import { normalizeKeys } from './keys.js';

/**
 * One sealing key: a cookie-safe id (`A-Z a-z 0-9 - _`, 1-64 chars) and a secret of random key
 * material: 32 random bytes or more, or their hex or base64/base64url text.
 *
 * @example
 * ```ts
 * const key: SealKey = { id: '2025', secret: crypto.getRandomValues(new Uint8Array(32)) };
 * ```
 */
export interface SealKey {
  readonly id: string;
  readonly secret: string | Uint8Array;
}

/**
 * The keys: one secret (its id is `"0"`), or a list ordered **oldest to newest**. The newest seals;
 * unseal picks the key named in the token.
 *
 * @example
 * ```ts
 * const keys: SealKeys = [{ id: 'old', secret: oldSecret }, { id: 'new', secret: newSecret }];
 * ```
 */
export type SealKeys = string | Uint8Array | readonly SealKey[];

/** A key ready to use: its id, the AES key, and the id as the token spells it. */
export interface PreparedSealKey {
  readonly id: string;
  readonly aes: AesGcmKey;
}

/** The keys of one {@link SealKeys} value, oldest first, and the index of each id. */
export interface PreparedSealKeys {
  readonly list: readonly PreparedSealKey[];
  readonly byId: ReadonlyMap<string, number>;
}

const HKDF_SALT = utf8Encode('shortbread/seal/v1');
/** 256 bits: the AES key's own strength, and what HKDF needs from its input (RFC 5869 §3.3). */
const MIN_SECRET_BYTES = 32;
const FIX =
  "generate one with crypto.getRandomValues(new Uint8Array(32)), or as text with `openssl rand -base64 32` or require('node:crypto').randomBytes(32).toString('base64url')";

function isKeyId(id: unknown): id is string {
  return typeof id === 'string' && id.length >= 1 && id.length <= 64 && isBase64UrlText(id);
}

/** How many different characters (or bytes) `text` holds. */
function distinct(text: string): number {
  return new Set(text).size;
}

/**
 * Why `text` is not the hex or base64 text of at least 32 random bytes, or `undefined` when it is.
 * A random 43-character base64url key lacks upper- or lowercase letters with odds of 4e-10 and
 * has fewer than 16 different characters with smaller odds still; 64 random hex digits always
 * hold a digit and a letter but for odds of 1e-13. Words, passphrases and the like fail.
 */
function textProblem(text: string): string | undefined {
  if (/\s/.test(text)) return 'it holds whitespace: a passphrase, not key material';
  const hex = text.replaceAll('-', '');
  if (/^[0-9a-fA-F]+$/.test(hex) && /[0-9]/.test(hex) && /[a-fA-F]/.test(hex)) {
    return hex.length >= 64
      ? undefined
      : `${hex.length} hex digits encode ${hex.length >> 1} bytes (at least 64 digits for 32 bytes)`;
  }
  const bare = text.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9+/_-]+$/.test(bare)) {
    return 'it is not hex or base64 text of random bytes (a password or passphrase?)';
  }
  if (bare.length < 43) {
    return `${bare.length} base64 characters encode ${Math.floor((bare.length * 3) / 4)} bytes (at least 43 for 32 bytes)`;
  }
  if (!/[A-Z]/.test(bare) || !/[a-z]/.test(bare) || distinct(bare) < 16) {
    return 'it does not look random (random base64 mixes upper- and lowercase and many characters)';
  }
  return undefined;
}

/** Why `secret` is not random key material, or `undefined`. */
function secretProblem(secret: string | Uint8Array, bytes: Uint8Array): string | undefined {
  if (bytes.length < MIN_SECRET_BYTES) return `${bytes.length} bytes (at least 32)`;
  if (typeof secret === 'string') return textProblem(secret);
  // Random bytes are all printable ASCII with odds of (95/256)^32 = 2e-14: these are text.
  let text = '';
  for (const byte of bytes) {
    if (byte < 0x20 || byte > 0x7e) {
      text = '';
      break;
    }
    text += String.fromCharCode(byte);
  }
  if (text !== '') return textProblem(text);
  const values = new Set(bytes).size;
  return values < 16
    ? `${values} different byte values in ${bytes.length} (32 random bytes have about 30)`
    : undefined;
}

function prepare(keys: SealKeys): PreparedSealKeys {
  const list: readonly SealKey[] =
    typeof keys === 'string' || keys instanceof Uint8Array ? [{ id: '0', secret: keys }] : keys;
  if (!Array.isArray(list) || list.length === 0) {
    throw new SigningError(
      'ERR_SIGNING_KEY_MISSING',
      'seal keys are invalid: [] (pass a secret, or a list of { id, secret } ordered oldest to newest)',
    );
  }
  const byId = new Map<string, number>();
  for (const [index, key] of list.entries()) {
    const id: unknown = key?.id;
    if (!isKeyId(id) || byId.has(id)) {
      throw new SigningError(
        'ERR_SEAL_KEY_ID',
        `seal key id is invalid: ${JSON.stringify(id)} (1-64 characters of A-Z a-z 0-9 - _, each id once)`,
      );
    }
    byId.set(id, index);
  }
  // Emptiness and type, as for every other key: the one door (keys.ts).
  const secrets = normalizeKeys(
    list.map((key) => key.secret),
    'seal secret',
  );
  const prepared = list.map(({ id, secret }, index) => {
    const bytes = secrets[index] as Uint8Array;
    const problem = secretProblem(secret, bytes);
    if (problem !== undefined) {
      throw new SigningError(
        'ERR_SEAL_KEY_WEAK',
        `seal secret is invalid: key ${JSON.stringify(id)}: ${problem}; seal derives its key with HKDF, which needs random key material, not a password (${FIX})`,
      );
    }
    return { id, aes: deriveAesGcmKey(bytes, HKDF_SALT, utf8Encode(id)) };
  });
  return { list: prepared, byId };
}

/**
 * Keys given as a list or bytes, by that object; a list is checked against its entries on each use
 * (bytes changed in place are not noticed: pass new bytes to change a secret).
 */
let byObject = new WeakMap<
  object,
  { entries: readonly unknown[]; portable: boolean; prepared: PreparedSealKeys }
>();
/** Keys given as text, by that text (and the backend: node:crypto keys, or WebCrypto ones). */
const byText = new Map<string, PreparedSealKeys>();
const TEXT_LIMIT = 64;

function sameEntries(keys: readonly SealKey[], entries: readonly unknown[]): boolean {
  if (entries.length !== keys.length * 2) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key?.id !== entries[2 * i] || key?.secret !== entries[2 * i + 1]) return false;
  }
  return true;
}

/**
 * The checked and derived keys of `keys`: the same object again costs a lookup. Throws
 * {@link SigningError} for a bad id (`ERR_SEAL_KEY_ID`), an empty key (`ERR_SIGNING_KEY_EMPTY`)
 * or a secret that is not random key material (`ERR_SEAL_KEY_WEAK`).
 *
 * @example
 * ```ts
 * prepareSealKeys([{ id: '2025', secret: crypto.getRandomValues(new Uint8Array(32)) }]).list.length; // 1
 * ```
 */
export function prepareSealKeys(keys: SealKeys): PreparedSealKeys {
  const portable = isPortableOnly();
  if (typeof keys === 'string') {
    const textKey = portable ? `p${keys}` : `n${keys}`;
    let prepared = byText.get(textKey);
    if (prepared === undefined) {
      prepared = prepare(keys);
      if (byText.size >= TEXT_LIMIT) byText.delete(byText.keys().next().value as string);
      byText.set(textKey, prepared);
    }
    return prepared;
  }
  if (typeof keys !== 'object' || keys === null) return prepare(keys);
  const cached = byObject.get(keys);
  // A list edited in place (a key pushed, a secret swapped) is prepared again.
  if (
    cached !== undefined &&
    cached.portable === portable &&
    (keys instanceof Uint8Array || sameEntries(keys, cached.entries))
  )
    return cached.prepared;
  const prepared = prepare(keys);
  const entries = keys instanceof Uint8Array ? [] : keys.flatMap((key) => [key.id, key.secret]);
  byObject.set(keys, { entries, portable, prepared });
  return prepared;
}

/**
 * Forget every prepared key (tests; a process that must drop old secrets from memory).
 *
 * @example
 * ```ts
 * resetSealKeyCache();
 * ```
 */
export function resetSealKeyCache(): void {
  byText.clear();
  byObject = new WeakMap();
}
