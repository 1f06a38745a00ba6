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
 * - AES key = HKDF-SHA-256(ikm = secret, salt = "shortbread/seal/v1", info = kid), 256 bits. The
 *   secret must be random key material (see `seal-keys.ts`): HKDF does not stretch a password.
 * - Additional authenticated data = `v1.<kid>` + NUL + `context`, so a token sealed for one
 *   context (say, a cookie name) does not open in another, and the header cannot be swapped.
 * - Plaintext = UTF-8 JSON `{"v": value, "iat": <unix s>, "exp"?: <unix s>}`.
 * - `now` is a Date or epoch milliseconds; `ttl` is seconds.
 */
import { aesGcmDecrypt, aesGcmEncrypt, GCM_TAG_BYTES } from '../internal/aes-gcm.js';
import { base64UrlEncode, strictBase64UrlDecode } from '../internal/base64url.js';
import { utf8DecodeStrict, utf8Encode } from '../internal/bytes.js';
import { randomBytes } from '../internal/random.js';
import { BadPayload, BadSignature, SignatureExpired } from './errors.js';
import { toUnixSeconds } from './now.js';
import { type PreparedSealKey, prepareSealKeys, type SealKey, type SealKeys } from './seal-keys.js';
import type { Now } from './types.js';

export type { SealKey, SealKeys };

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
const IV_BYTES = 12;

/**
 * The authenticated additional data of `key` and `context`, encoded once per pair: most apps use
 * one or two contexts.
 */
const aadCache = new WeakMap<PreparedSealKey, Map<string, Uint8Array>>();

function additionalData(key: PreparedSealKey, context: string | undefined): Uint8Array {
  const text = context ?? '';
  let byContext = aadCache.get(key);
  if (byContext === undefined) {
    byContext = new Map();
    aadCache.set(key, byContext);
  }
  let aad = byContext.get(text);
  if (aad === undefined) {
    aad = utf8Encode(`${VERSION}.${key.id}\u0000${text}`);
    // Contexts are the app's own names; a few hundred would be a bug, not a reason to grow.
    if (byContext.size < 16) byContext.set(text, aad);
  }
  return aad;
}

/** `{"v":<value>,"iat":<s>[,"exp":<s>]}`, or a TypeError when JSON cannot hold `value`. */
function plaintextOf(value: unknown, options: SealOptions): string {
  const issuedAt = toUnixSeconds(options.now);
  let expiry = '';
  if (options.ttl !== undefined) {
    if (!Number.isFinite(options.ttl) || options.ttl < 0) {
      throw new TypeError(`ttl is invalid: ${options.ttl} (a non-negative number of seconds)`);
    }
    expiry = `,"exp":${issuedAt + Math.floor(options.ttl)}`;
  }
  // JSON.stringify gives undefined for what JSON cannot hold (undefined, functions, symbols).
  const json = JSON.stringify(value);
  if (json === undefined) {
    throw new TypeError(
      `value is invalid: ${JSON.stringify(typeof value)} (must be JSON-serializable)`,
    );
  }
  return `{"v":${json},"iat":${issuedAt}${expiry}}`;
}

/**
 * Encrypt and authenticate `value` (anything `JSON.stringify` accepts) into a cookie-safe token,
 * with the newest key. Throws `SigningError` for bad keys (see {@link SealKey}) or a `now` in
 * seconds, `TypeError` for a value JSON cannot hold.
 *
 * @example
 * ```ts
 * import { seal, unseal } from 'shortbread/signing';
 * const keys = [{ id: '2025', secret: process.env.SEAL_SECRET! }]; // openssl rand -base64 32
 * const token = await seal({ userId: 42 }, { keys, ttl: 3600, context: 'session' });
 * // 'v1.2025.<iv>.<ciphertext>'
 * await unseal(token, { keys, context: 'session' }); // { userId: 42 }
 * ```
 */
export async function seal(value: unknown, options: SealOptions): Promise<string> {
  return sealNow(value, options);
}

/**
 * {@link seal} without a promise where node:crypto encrypts synchronously (WebCrypto elsewhere
 * answers with one): for the sealed session cookie's hot path. Throws where `seal` rejects. Not
 * exported from the package.
 *
 * @example
 * ```ts
 * const token = sealNow({ userId: 42 }, { keys }); // a string on Node
 * ```
 */
export function sealNow(value: unknown, options: SealOptions): string | Promise<string> {
  const { list } = prepareSealKeys(options.keys);
  const key = list[list.length - 1] as PreparedSealKey;
  const plaintext = plaintextOf(value, options);
  const iv = randomBytes(IV_BYTES);
  const sealed = aesGcmEncrypt(key.aes, iv, additionalData(key, options.context), plaintext);
  const token = (bytes: Uint8Array): string =>
    `${VERSION}.${key.id}.${base64UrlEncode(iv)}.${base64UrlEncode(bytes)}`;
  return sealed instanceof Promise ? sealed.then(token) : token(sealed);
}

interface OpenedToken {
  readonly key: PreparedSealKey;
  readonly index: number;
  readonly iv: Uint8Array;
  readonly sealed: Uint8Array;
}

/** The parts of `token` and the key it names; a `BadSignature` for anything malformed. */
function split(token: unknown, keys: ReturnType<typeof prepareSealKeys>): OpenedToken {
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
  const index = keys.byId.get(keyId);
  const key = index === undefined ? undefined : keys.list[index];
  if (index === undefined || key === undefined) {
    throw new BadSignature(
      `sealed token uses unknown key id ${JSON.stringify(keyId.slice(0, 64))} (known: ${keys.list.map((k) => JSON.stringify(k.id)).join(', ')}; keep retired keys in the list until their tokens expire)`,
    );
  }
  const iv = strictBase64UrlDecode(ivText);
  const sealed = strictBase64UrlDecode(cipherText);
  if (
    iv === undefined ||
    iv.length !== IV_BYTES ||
    sealed === undefined ||
    sealed.length < GCM_TAG_BYTES
  ) {
    throw new BadSignature(
      'sealed token is malformed: iv or ciphertext is not base64url of the right length',
    );
  }
  return { key, index, iv, sealed };
}

/** The result of a decrypted, authenticated plaintext: JSON read, expiry checked. */
function resultOf<T>(
  plain: Uint8Array,
  opened: OpenedToken,
  keyCount: number,
  options: UnsealOptions,
): UnsealResult<T> {
  let body: { v?: unknown; iat?: unknown; exp?: unknown };
  try {
    body = JSON.parse(utf8DecodeStrict(plain) ?? '');
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
    keyId: opened.key.id,
    rotated: opened.index !== keyCount - 1,
    issuedAt,
  };
  return expiresAt === undefined ? result : { ...result, expiresAt };
}

function failed(opened: OpenedToken): BadSignature {
  return new BadSignature(
    `sealed token failed authentication with key ${JSON.stringify(opened.key.id)} (tampered, wrong secret, or wrong context)`,
  );
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
  return unsealWithKeyNow<T>(token, options);
}

/**
 * {@link unsealWithKey} without a promise where node:crypto decrypts synchronously. Throws where
 * `unsealWithKey` rejects. Not exported from the package.
 *
 * @example
 * ```ts
 * const { value, rotated } = unsealWithKeyNow(token, { keys }) as UnsealResult<unknown>; // on Node
 * ```
 */
export function unsealWithKeyNow<T = unknown>(
  token: string,
  options: UnsealOptions,
): UnsealResult<T> | Promise<UnsealResult<T>> {
  const keys = prepareSealKeys(options.keys);
  const opened = split(token, keys);
  const aad = additionalData(opened.key, options.context);
  const pending = aesGcmDecrypt(opened.key.aes, opened.iv, aad, opened.sealed);
  const open = (plain: Uint8Array | undefined): UnsealResult<T> => {
    if (plain === undefined) throw failed(opened);
    return resultOf<T>(plain, opened, keys.list.length, options);
  };
  return pending instanceof Promise ? pending.then(open) : open(pending);
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
