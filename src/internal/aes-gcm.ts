/**
 * @module AES-256-GCM with an HKDF-SHA-256 key, over node:crypto where it exists (synchronous: no
 * job dispatched to the threadpool, no promise per call) and WebCrypto everywhere else. Both give
 * the same bytes: HKDF is RFC 5869 and GCM is NIST SP 800-38D on either side.
 */

import { subtle } from './hmac.js';
import { getNodeBuiltin } from './node-builtin.js';

interface NodeCipher {
  setAAD(data: Uint8Array): NodeCipher;
  update(data: string | Uint8Array, inputEncoding?: 'utf8'): Uint8Array;
  final(): Uint8Array;
  getAuthTag(): Uint8Array;
  setAuthTag(tag: Uint8Array): NodeCipher;
}

interface NodeCrypto {
  hkdfSync(
    digest: string,
    ikm: Uint8Array,
    salt: Uint8Array,
    info: Uint8Array,
    length: number,
  ): ArrayBuffer;
  createSecretKey(key: Uint8Array): unknown;
  createCipheriv(algorithm: string, key: unknown, iv: Uint8Array): NodeCipher;
  createDecipheriv(
    algorithm: string,
    key: unknown,
    iv: Uint8Array,
    options: { authTagLength: number },
  ): NodeCipher;
}

/** The authentication tag's length in bytes (GCM's full 128 bits). */
export const GCM_TAG_BYTES = 16;

/**
 * A derived AES-256-GCM key: `node` holds a node:crypto KeyObject (synchronous calls), `web` a
 * WebCrypto key. Derive once per secret and keep it: the derivation is the expensive part.
 *
 * @example
 * ```ts
 * const key: AesGcmKey = deriveAesGcmKey(secret, salt, info);
 * ```
 */
export type AesGcmKey =
  | { readonly backend: 'node'; readonly node: unknown; readonly crypto: NodeCrypto }
  | { readonly backend: 'webcrypto'; readonly web: Promise<CryptoKey> };

/**
 * HKDF-SHA-256(ikm = `secret`, `salt`, `info`) → a 256-bit AES-GCM key (RFC 5869).
 *
 * @example
 * ```ts
 * const key = deriveAesGcmKey(crypto.getRandomValues(new Uint8Array(32)), salt, info);
 * ```
 */
export function deriveAesGcmKey(secret: Uint8Array, salt: Uint8Array, info: Uint8Array): AesGcmKey {
  const node = getNodeBuiltin<NodeCrypto>('node:crypto');
  if (node && typeof node.hkdfSync === 'function') {
    const raw = new Uint8Array(node.hkdfSync('sha256', secret, salt, info, 32));
    return { backend: 'node', node: node.createSecretKey(raw), crypto: node };
  }
  const web = (async () => {
    const ikm = await subtle().importKey(
      'raw',
      Uint8Array.from(secret) as Uint8Array<ArrayBuffer>,
      'HKDF',
      false,
      ['deriveKey'],
    );
    return subtle().deriveKey(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: salt as Uint8Array<ArrayBuffer>,
        info: info as Uint8Array<ArrayBuffer>,
      },
      ikm,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  })();
  return { backend: 'webcrypto', web };
}

/**
 * Ciphertext followed by the 16-byte tag of `plaintext` (text is UTF-8 encoded), synchronous on
 * node:crypto.
 *
 * @example
 * ```ts
 * const sealed = await aesGcmEncrypt(key, iv, aad, '{"v":1}');
 * ```
 */
export function aesGcmEncrypt(
  key: AesGcmKey,
  iv: Uint8Array,
  aad: Uint8Array,
  plaintext: string,
): Uint8Array | Promise<Uint8Array> {
  if (key.backend === 'node') {
    const cipher = key.crypto.createCipheriv('aes-256-gcm', key.node, iv).setAAD(aad);
    const body = cipher.update(plaintext, 'utf8');
    const last = cipher.final();
    const tag = cipher.getAuthTag();
    const out = new Uint8Array(body.length + last.length + tag.length);
    out.set(body, 0);
    out.set(last, body.length);
    out.set(tag, body.length + last.length);
    return out;
  }
  return key.web.then(
    async (cryptoKey) =>
      new Uint8Array(
        await subtle().encrypt(
          {
            name: 'AES-GCM',
            iv: iv as Uint8Array<ArrayBuffer>,
            additionalData: aad as Uint8Array<ArrayBuffer>,
          },
          cryptoKey,
          new TextEncoder().encode(plaintext),
        ),
      ),
  );
}

/**
 * The plaintext of `sealed` (ciphertext + 16-byte tag), or `undefined` when authentication fails
 * (wrong key, tampering, wrong additional data). Synchronous on node:crypto.
 *
 * @example
 * ```ts
 * const plain = await aesGcmDecrypt(key, iv, aad, sealed); // undefined if tampered
 * ```
 */
export function aesGcmDecrypt(
  key: AesGcmKey,
  iv: Uint8Array,
  aad: Uint8Array,
  sealed: Uint8Array,
): Uint8Array | undefined | Promise<Uint8Array | undefined> {
  if (sealed.length < GCM_TAG_BYTES) return undefined;
  if (key.backend === 'node') {
    const split = sealed.length - GCM_TAG_BYTES;
    try {
      const decipher = key.crypto
        .createDecipheriv('aes-256-gcm', key.node, iv, { authTagLength: GCM_TAG_BYTES })
        .setAAD(aad)
        .setAuthTag(sealed.subarray(split));
      const body = decipher.update(sealed.subarray(0, split));
      // final() throws when the tag does not match: nothing of `body` may be used before it.
      const last = decipher.final();
      if (last.length === 0) return body;
      const out = new Uint8Array(body.length + last.length);
      out.set(body, 0);
      out.set(last, body.length);
      return out;
    } catch {
      return undefined;
    }
  }
  return key.web.then(async (cryptoKey) => {
    try {
      return new Uint8Array(
        await subtle().decrypt(
          {
            name: 'AES-GCM',
            iv: iv as Uint8Array<ArrayBuffer>,
            additionalData: aad as Uint8Array<ArrayBuffer>,
          },
          cryptoKey,
          sealed as Uint8Array<ArrayBuffer>,
        ),
      );
    } catch {
      return undefined;
    }
  });
}
