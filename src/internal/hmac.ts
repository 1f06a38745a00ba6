/**
 * @module HMAC and hashing over node:crypto where it exists (synchronous, about 7× faster than
 * WebCrypto's promise-based HMAC), WebCrypto everywhere else. Keys are imported once and reused.
 */
import { base64UrlEncode } from './base64url.js';
import { utf8Encode } from './bytes.js';
import { getNodeBuiltin } from './node-builtin.js';
import { oneShotHmacBase64Url } from './one-shot-hmac.js';

/**
 * The digests itsdangerous users pick; WebCrypto has all four.
 *
 * @example
 * ```ts
 * const digest: DigestName = 'sha256';
 * ```
 */
export type DigestName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

const WEB_NAMES: Record<DigestName, string> = {
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

interface NodeHash {
  /** Text is hashed as UTF-8, a lone surrogate as U+FFFD: the bytes `TextEncoder` gives. */
  update(data: string | Uint8Array): NodeHash;
  digest(): Uint8Array;
  digest(encoding: 'base64url'): string;
}

interface NodeCrypto {
  createHmac(algorithm: string, key: unknown): NodeHash;
  createHash(algorithm: string): NodeHash;
  createSecretKey(key: Uint8Array): unknown;
}

/**
 * A key ready to MAC with: synchronous on Node, a promise on WebCrypto.
 *
 * @example
 * ```ts
 * const key: HmacKey = await importHmacKey('sha1', secretBytes);
 * ```
 */
export interface HmacKey {
  readonly digest: DigestName;
  readonly backend: 'node' | 'webcrypto';
  /** The MAC of `data`; text is UTF-8 encoded first (a lone surrogate as U+FFFD). */
  sign(data: string | Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** The same MAC as URL-safe base64 without padding, the form itsdangerous writes. */
  signBase64Url(data: string | Uint8Array): string | Promise<string>;
}

/**
 * WebCrypto's `SubtleCrypto`, or a TypeError that says what is missing (an insecure page context, a
 * runtime without WebCrypto). Read at the call, never at import.
 *
 * @example
 * ```ts
 * const key = await subtle().importKey('raw', bytes, { name: 'HKDF' }, false, ['deriveKey']);
 * ```
 */
export function subtle(): SubtleCrypto {
  const value = globalThis.crypto?.subtle;
  if (!value)
    throw new TypeError(
      'WebCrypto is unavailable: crypto.subtle is undefined (use a secure context or a runtime with WebCrypto)',
    );
  return value;
}

/**
 * Prepare `key` for HMAC with `digest` once, so each later MAC costs only the MAC.
 *
 * @example
 * ```ts
 * const key = await importHmacKey('sha1', new TextEncoder().encode('secret'));
 * const mac = await key.sign(new TextEncoder().encode('value'));
 * ```
 */
export async function importHmacKey(digest: DigestName, key: Uint8Array): Promise<HmacKey> {
  const node = getNodeBuiltin<NodeCrypto>('node:crypto');
  if (node) {
    // Copy: the caller may reuse its buffer; a KeyObject skips re-reading the key on each MAC.
    const keyObject = node.createSecretKey(Uint8Array.from(key));
    // Text goes to node:crypto as it is and the signature comes back as base64url from its C++
    // encoder: a TextEncoder pass and a JavaScript base64 loop cost as much as a fifth of the MAC.
    // Signatures of text (every sign and verify) take the one-shot path when the runtime has it
    // and it agrees with createHmac on a sample, so a runtime whose hash() differs cannot
    // produce wrong signatures, only slower ones.
    const candidate = oneShotHmacBase64Url(digest, key);
    const sample = 'shortbread \u00e9';
    const oneShot =
      candidate?.(sample) === node.createHmac(digest, keyObject).update(sample).digest('base64url')
        ? candidate
        : undefined;
    return {
      digest,
      backend: 'node',
      sign: (data) => node.createHmac(digest, keyObject).update(data).digest(),
      signBase64Url: (data) =>
        (typeof data === 'string' ? oneShot?.(data) : undefined) ??
        node.createHmac(digest, keyObject).update(data).digest('base64url'),
    };
  }
  // HMAC pads the key with zero bytes to the block size, so the empty key (which WebCrypto refuses
  // to import) is the same key as one zero byte. Python accepts b"" as a secret.
  const raw = key.length === 0 ? new Uint8Array(1) : Uint8Array.from(key);
  const cryptoKey = await subtle().importKey(
    'raw',
    raw,
    { name: 'HMAC', hash: WEB_NAMES[digest] },
    false,
    ['sign'],
  );
  const sign = async (data: string | Uint8Array): Promise<Uint8Array> =>
    new Uint8Array(
      await subtle().sign(
        'HMAC',
        cryptoKey,
        (typeof data === 'string' ? utf8Encode(data) : data) as Uint8Array<ArrayBuffer>,
      ),
    );
  return {
    digest,
    backend: 'webcrypto',
    sign,
    signBase64Url: async (data) => base64UrlEncode(await sign(data)),
  };
}

/**
 * One HMAC with a key used once (key derivation); prefer {@link importHmacKey} for repeated MACs.
 *
 * @example
 * ```ts
 * await hmacOnce('sha1', key, message);
 * ```
 */
export async function hmacOnce(
  digest: DigestName,
  key: Uint8Array,
  data: Uint8Array,
): Promise<Uint8Array> {
  return (await importHmacKey(digest, key)).sign(data);
}

/**
 * A plain hash of `data`.
 *
 * @example
 * ```ts
 * await hashBytes('sha256', new Uint8Array()); // e3b0c442...
 * ```
 */
export async function hashBytes(digest: DigestName, data: Uint8Array): Promise<Uint8Array> {
  const node = getNodeBuiltin<NodeCrypto>('node:crypto');
  if (node) return node.createHash(digest).update(data).digest();
  return new Uint8Array(await subtle().digest(WEB_NAMES[digest], data as Uint8Array<ArrayBuffer>));
}

/**
 * Fill a new array with cryptographically strong random bytes.
 *
 * @example
 * ```ts
 * randomBytes(12).length; // 12
 * ```
 */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
}
