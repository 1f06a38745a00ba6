/**
 * @module Sealed cookies: a value encrypted and authenticated with AES-256-GCM (WebCrypto, so it
 * runs on Node, Deno, Bun, Workers and browsers), with the key id in the token for rotation and the
 * expiry inside the encrypted payload.
 *
 * Token format (every part cookie-safe: `A-Z a-z 0-9 - _ .`):
 *
 * ```
 * v1.<kid>.<base64url(iv, 12 bytes)>.<base64url(ciphertext + 16-byte GCM tag)>
 * ```
 *
 * - AES key = HKDF-SHA-256(ikm = secret, salt = "shortbread/seal/v1", info = kid), 256 bits.
 * - Additional authenticated data = `v1.<kid>` + NUL + `context`, so a token sealed for one
 *   context (say, a cookie name) does not open in another, and the header cannot be swapped.
 * - Plaintext = UTF-8 JSON `{"v": value, "iat": <unix s>, "exp"?: <unix s>}`.
 */
import { base64UrlDecode, base64UrlEncode, isBase64UrlText } from '../internal/base64url.js';
import { toBytes, utf8DecodeStrict, utf8Encode } from '../internal/bytes.js';
import { randomBytes, subtle } from '../internal/hmac.js';
import { BadPayload, BadSignature, SignatureExpired } from './errors.js';
import { toUnixSeconds } from './timestamp-signer.js';
import type { Now } from './types.js';

/**
 * One sealing key: a cookie-safe id (`A-Z a-z 0-9 - _`, 1-64 chars) and a secret of ≥ 32 bytes.
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

/**
 * Options of {@link seal}.
 *
 * @example
 * ```ts
 * await seal({ userId: 1 }, { keys, ttl: 3600, context: 'session' });
 * ```
 */
export interface SealOptions {
  readonly keys: SealKeys;
  /** Seconds the token stays valid; unset: no expiry (the cookie's own lifetime still applies). */
  readonly ttl?: number;
  /** The sealing time; default the clock. */
  readonly now?: Now;
  /** Bound into the authentication tag; unseal must pass the same (e.g. the cookie name). */
  readonly context?: string;
}

/**
 * Options of {@link unseal}.
 *
 * @example
 * ```ts
 * await unseal(token, { keys, context: 'session', now: new Date() });
 * ```
 */
export interface UnsealOptions {
  readonly keys: SealKeys;
  /** The time to check the expiry against; default the clock. */
  readonly now?: Now;
  /** Must equal the `context` the token was sealed with. */
  readonly context?: string;
}

/**
 * What {@link unsealWithKey} learns besides the value.
 *
 * @example
 * ```ts
 * const { value, keyId, rotated, expiresAt }: UnsealResult<{ userId: number }> = await unsealWithKey(token, { keys });
 * ```
 */
export interface UnsealResult<T> {
  readonly value: T;
  /** The id of the key that opened the token. */
  readonly keyId: string;
  /** True when it was not the newest key: seal again to move the cookie to the newest key. */
  readonly rotated: boolean;
  /** Unix seconds the value was sealed at. */
  readonly issuedAt: number;
  /** Unix seconds it expires at, when it was sealed with a `ttl`. */
  readonly expiresAt?: number;
}

const VERSION = 'v1';
const HKDF_SALT = utf8Encode('shortbread/seal/v1');
const MIN_SECRET_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function isKeyId(id: string): boolean {
  return id.length >= 1 && id.length <= 64 && isBase64UrlText(id);
}

interface NormalizedKey {
  readonly id: string;
  readonly secret: Uint8Array;
}

function normalizeSealKeys(keys: SealKeys): readonly NormalizedKey[] {
  const list: readonly SealKey[] =
    typeof keys === 'string' || keys instanceof Uint8Array ? [{ id: '0', secret: keys }] : keys;
  if (!Array.isArray(list) || list.length === 0) {
    throw new TypeError(
      'seal keys are invalid: [] (pass a secret, or a list of { id, secret } ordered oldest to newest)',
    );
  }
  const seen = new Set<string>();
  return list.map(({ id, secret }) => {
    if (typeof id !== 'string' || !isKeyId(id)) {
      throw new TypeError(
        `seal key id is invalid: ${JSON.stringify(id)} (1-64 characters of A-Z a-z 0-9 - _)`,
      );
    }
    if (seen.has(id))
      throw new TypeError(`seal key id is invalid: ${JSON.stringify(id)} (ids must be unique)`);
    seen.add(id);
    const bytes = toBytes(secret);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new TypeError(
        `seal secret is invalid: key ${JSON.stringify(id)} has ${bytes.length} bytes (at least 32; generate one with crypto.getRandomValues(new Uint8Array(32)))`,
      );
    }
    return { id, secret: bytes };
  });
}

/** Derived AES keys, by key id and secret: HKDF runs once per key, not once per call. */
const keyCache = new Map<string, Promise<CryptoKey>>();
const KEY_CACHE_LIMIT = 64;

function aesKey(key: NormalizedKey): Promise<CryptoKey> {
  let hex = '';
  for (const byte of key.secret) hex += byte.toString(16).padStart(2, '0');
  const cacheKey = `${key.id}:${hex}`;
  let cached = keyCache.get(cacheKey);
  if (cached === undefined) {
    cached = (async () => {
      const ikm = await subtle().importKey(
        'raw',
        key.secret as Uint8Array<ArrayBuffer>,
        'HKDF',
        false,
        ['deriveKey'],
      );
      return subtle().deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info: utf8Encode(key.id) },
        ikm,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      );
    })();
    cached.catch(() => keyCache.delete(cacheKey));
    if (keyCache.size >= KEY_CACHE_LIMIT) {
      const oldest = keyCache.keys().next().value;
      if (oldest !== undefined) keyCache.delete(oldest);
    }
    keyCache.set(cacheKey, cached);
  }
  return cached;
}

function additionalData(keyId: string, context: string | undefined): Uint8Array {
  return utf8Encode(`${VERSION}.${keyId}\u0000${context ?? ''}`);
}

/**
 * Encrypt and authenticate `value` (anything `JSON.stringify` accepts) into a cookie-safe token,
 * with the newest key. Throws `TypeError` for bad keys or a value JSON cannot hold.
 *
 * @example
 * ```ts
 * import { seal, unseal } from 'shortbread/signing';
 * const keys = [{ id: '2025', secret: process.env.SEAL_SECRET! }];
 * const token = await seal({ userId: 42 }, { keys, ttl: 3600, context: 'session' });
 * // 'v1.2025.<iv>.<ciphertext>'
 * await unseal(token, { keys, context: 'session' }); // { userId: 42 }
 * ```
 */
export async function seal(value: unknown, options: SealOptions): Promise<string> {
  const keys = normalizeSealKeys(options.keys);
  const key = keys[keys.length - 1] as NormalizedKey;
  const issuedAt = toUnixSeconds(options.now);
  const body: { v: unknown; iat: number; exp?: number } = { v: value, iat: issuedAt };
  if (options.ttl !== undefined) {
    if (!Number.isFinite(options.ttl) || options.ttl < 0) {
      throw new TypeError(`ttl is invalid: ${options.ttl} (a non-negative number of seconds)`);
    }
    body.exp = issuedAt + Math.floor(options.ttl);
  }
  const json = JSON.stringify(body);
  if (json === undefined || !('v' in JSON.parse(json))) {
    throw new TypeError(
      `value is invalid: ${JSON.stringify(typeof value)} (must be JSON-serializable)`,
    );
  }
  const iv = randomBytes(IV_BYTES);
  const ciphertext = await subtle().encrypt(
    {
      name: 'AES-GCM',
      iv: iv as Uint8Array<ArrayBuffer>,
      additionalData: additionalData(key.id, options.context) as Uint8Array<ArrayBuffer>,
    },
    await aesKey(key),
    utf8Encode(json) as Uint8Array<ArrayBuffer>,
  );
  return `${VERSION}.${key.id}.${base64UrlEncode(iv)}.${base64UrlEncode(new Uint8Array(ciphertext))}`;
}

/** Strict base64url: only the alphabet, no padding (unlike the lenient itsdangerous decoder). */
function strictBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  if (!isBase64UrlText(text)) return undefined;
  const bytes = base64UrlDecode(text);
  return bytes !== undefined && base64UrlEncode(bytes) === text ? bytes : undefined;
}

/**
 * Open a sealed token and say which key opened it. Rejects with `BadSignature` (malformed token,
 * unknown key id, wrong key, tampering, wrong `context`), `SignatureExpired` (past its `ttl`) or
 * `BadPayload`.
 *
 * @example
 * ```ts
 * const { value, rotated } = await unsealWithKey(token, { keys });
 * if (rotated) token = await seal(value, { keys }); // re-seal with the newest key
 * ```
 */
export async function unsealWithKey<T = unknown>(
  token: string,
  options: UnsealOptions,
): Promise<UnsealResult<T>> {
  const keys = normalizeSealKeys(options.keys);
  if (typeof token !== 'string') {
    throw new BadSignature(
      `sealed token is malformed: ${JSON.stringify(typeof token)} (expected a string)`,
    );
  }
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new BadSignature(
      `sealed token is malformed: expected "v1.<kid>.<iv>.<ciphertext>", got ${parts.length} parts${parts[0] === VERSION ? '' : ` starting ${JSON.stringify((parts[0] ?? '').slice(0, 8))}`}`,
    );
  }
  const [, keyId, ivText, cipherText] = parts as [string, string, string, string];
  const index = keys.findIndex((key) => key.id === keyId);
  const key = keys[index];
  if (key === undefined) {
    throw new BadSignature(
      `sealed token uses unknown key id ${JSON.stringify(keyId.slice(0, 64))} (known: ${keys.map((k) => JSON.stringify(k.id)).join(', ')}; keep retired keys in the list until their tokens expire)`,
    );
  }
  const iv = strictBase64Url(ivText);
  const ciphertext = strictBase64Url(cipherText);
  if (
    iv === undefined ||
    iv.length !== IV_BYTES ||
    ciphertext === undefined ||
    ciphertext.length < TAG_BYTES
  ) {
    throw new BadSignature(
      'sealed token is malformed: iv or ciphertext is not base64url of the right length',
    );
  }
  let plain: ArrayBuffer;
  try {
    plain = await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: iv as Uint8Array<ArrayBuffer>,
        additionalData: additionalData(key.id, options.context) as Uint8Array<ArrayBuffer>,
      },
      await aesKey(key),
      ciphertext as Uint8Array<ArrayBuffer>,
    );
  } catch (error) {
    throw new BadSignature(
      `sealed token failed authentication with key ${JSON.stringify(keyId)} (tampered, wrong secret, or wrong context)`,
      undefined,
      { cause: error },
    );
  }
  let body: { v?: unknown; iat?: unknown; exp?: unknown };
  try {
    body = JSON.parse(utf8DecodeStrict(new Uint8Array(plain)) ?? '');
  } catch (error) {
    throw new BadPayload('sealed payload is not valid JSON', { cause: error });
  }
  if (typeof body !== 'object' || body === null || !('v' in body) || typeof body.iat !== 'number') {
    throw new BadPayload('sealed payload lacks "v" or "iat"');
  }
  const issuedAt = body.iat;
  const expiresAt = typeof body.exp === 'number' ? body.exp : undefined;
  if (expiresAt !== undefined) {
    const now = toUnixSeconds(options.now);
    if (now > expiresAt) {
      throw new SignatureExpired(
        `sealed token expired: ${now - expiresAt} seconds past its expiry (${new Date(expiresAt * 1000).toISOString()})`,
        undefined,
        new Date(issuedAt * 1000),
      );
    }
  }
  const result = {
    value: body.v as T,
    keyId,
    rotated: index !== keys.length - 1,
    issuedAt,
  };
  return expiresAt === undefined ? result : { ...result, expiresAt };
}

/**
 * Open a sealed token; see {@link unsealWithKey} for the errors.
 *
 * @example
 * ```ts
 * import { unseal } from 'shortbread/signing';
 * const data = await unseal<{ userId: number }>(cookieValue, { keys, context: 'session' });
 * ```
 */
export async function unseal<T = unknown>(token: string, options: UnsealOptions): Promise<T> {
  return (await unsealWithKey<T>(token, options)).value;
}
