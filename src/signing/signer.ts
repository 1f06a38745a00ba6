/**
 * @module itsdangerous's `Signer`: `value + sep + base64url(HMAC(derived key, value))`, with key
 * rotation (newest signs, every key verifies, newest first) and constant-time verification.
 */
import { base64UrlDecode, isCanonicalBase64Url } from '../internal/base64url.js';
import { toBytes, utf8Encode } from '../internal/bytes.js';
import { type HmacKey, importHmacKey } from '../internal/hmac.js';
import { timingSafeEqual, timingSafeEqualText } from '../internal/timing-safe-equal.js';
import { BadSignature, SigningError } from './errors.js';
import { deriveKey } from './key-derivation.js';
import { normalizeKeys } from './keys.js';
import type {
  DigestMethod,
  KeyDerivation,
  SecretKeys,
  SignerOptions,
  UnsignResult,
} from './types.js';

const KEY_DERIVATIONS: readonly KeyDerivation[] = ['concat', 'django-concat', 'hmac', 'none'];
const DIGESTS: readonly DigestMethod[] = ['sha1', 'sha256', 'sha384', 'sha512'];
/** The MAC's length, which fixes the length of its base64url spelling. */
const DIGEST_BYTES: Record<DigestMethod, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };
const BASE64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=';

export { normalizeKeys };

/**
 * Refuses a value to sign that is not text. The token is text, so bytes would have to be spelled
 * some way; `String(bytes)` (`"0,255,16"`) is not a spelling anyone can verify against. Decode or
 * encode them first, on purpose.
 *
 * @example
 * ```ts
 * assertSignable('v'); // ok
 * ```
 */
export function assertSignable(value: unknown): asserts value is string {
  if (typeof value === 'string') return;
  const kind = value instanceof Uint8Array ? 'Uint8Array' : value === null ? 'null' : typeof value;
  throw new SigningError(
    'ERR_SIGN_VALUE_TYPE',
    `value to sign is invalid: ${kind} (sign() takes text; for bytes sign new TextDecoder().decode(bytes) or their base64url, and decode after unsign)`,
  );
}

/**
 * Signs strings so they can be handed out and later proven untouched: itsdangerous's `Signer`,
 * byte for byte (default salt `"itsdangerous.Signer"`, key derivation `django-concat`, SHA-1).
 * Signing is not encryption: the value stays readable. Use `seal` for secrets.
 *
 * @example
 * ```ts
 * import { Signer } from 'shortbread/signing';
 * const signer = new Signer(['old secret', 'new secret']);
 * const token = await signer.sign('user-42'); // 'user-42.<27 chars>'
 * await signer.unsign(token); // 'user-42'
 * const { rotated } = await signer.unsignWithKey(token); // false: the newest key signed it
 * ```
 */
export class Signer {
  /** The separator between value and signature. */
  readonly sep: string;
  /** The salt, as bytes. */
  readonly salt: Uint8Array;
  readonly keyDerivation: KeyDerivation;
  readonly digestMethod: DigestMethod;
  /** How many secret keys verify; the last one signs. */
  readonly keyCount: number;

  readonly #secrets: readonly Uint8Array[];
  readonly #keys: (Promise<HmacKey> | undefined)[];
  /** The same keys once imported, so the hot path needs no extra await. */
  readonly #ready: (HmacKey | undefined)[];

  constructor(secretKeyOrKeys: SecretKeys, options: SignerOptions = {}) {
    this.#secrets = normalizeKeys(secretKeyOrKeys);
    this.keyCount = this.#secrets.length;
    this.#keys = new Array(this.keyCount);
    this.#ready = new Array(this.keyCount);
    this.salt = toBytes(options.salt ?? 'itsdangerous.Signer');
    const sep = options.sep ?? '.';
    if (sep === '' || [...sep].some((c) => BASE64_CHARS.includes(c))) {
      throw new TypeError(
        `separator is invalid: ${JSON.stringify(sep)} (must be non-empty and hold none of A-Z a-z 0-9 - _ =, which appear in signatures; use "." or ":")`,
      );
    }
    this.sep = sep;
    this.keyDerivation = options.keyDerivation ?? 'django-concat';
    if (!KEY_DERIVATIONS.includes(this.keyDerivation)) {
      throw new TypeError(
        `key derivation is invalid: ${JSON.stringify(this.keyDerivation)} (one of ${KEY_DERIVATIONS.join(', ')})`,
      );
    }
    this.digestMethod = options.digestMethod ?? 'sha1';
    if (!DIGESTS.includes(this.digestMethod)) {
      throw new TypeError(
        `digest method is invalid: ${JSON.stringify(this.digestMethod)} (one of ${DIGESTS.join(', ')})`,
      );
    }
  }

  /** The HMAC key of secret `index`, derived once and cached for the life of the signer. */
  #hmacKey(index: number): Promise<HmacKey> {
    let key = this.#keys[index];
    if (key === undefined) {
      key = deriveKey(
        this.#secrets[index] as Uint8Array,
        this.salt,
        this.keyDerivation,
        this.digestMethod,
      )
        .then((derived) => importHmacKey(this.digestMethod, derived))
        .then((imported) => {
          this.#ready[index] = imported;
          return imported;
        });
      // A failed import is not cached: the next call tries again.
      key.catch(() => {
        this.#keys[index] = undefined;
      });
      this.#keys[index] = key;
    }
    return key;
  }

  /**
   * The derived key of one secret (default: the newest), as itsdangerous's `derive_key` returns it.
   *
   * @example
   * ```ts
   * const derived = await new Signer('secret').deriveKey();
   * ```
   */
  async deriveKey(index: number = this.keyCount - 1): Promise<Uint8Array> {
    const secret = this.#secrets[index];
    if (secret === undefined)
      throw new RangeError(`key index is invalid: ${index} (0 to ${this.keyCount - 1})`);
    return deriveKey(secret, this.salt, this.keyDerivation, this.digestMethod);
  }

  /** The key `index` imported, or the promise of it: no extra await once it is ready. */
  #key(index: number): HmacKey | Promise<HmacKey> {
    return this.#ready[index] ?? this.#hmacKey(index);
  }

  /** Signature text of `data` with key `index`: synchronous on node:crypto once imported. */
  #signature(index: number, data: string | Uint8Array): string | Promise<string> {
    const key = this.#key(index);
    return key instanceof Promise
      ? key.then((k) => k.signBase64Url(data))
      : key.signBase64Url(data);
  }

  /**
   * The signature of `value` with the newest key: base64url, no padding.
   *
   * @example
   * ```ts
   * await new Signer('secret').getSignature('value'); // 27 characters for SHA-1
   * ```
   */
  async getSignature(value: string | Uint8Array): Promise<string> {
    return this.#signature(this.keyCount - 1, value);
  }

  /**
   * {@link Signer.getSignature} without a promise once the newest key is imported on node:crypto,
   * for the subclasses' hot paths; a subclass's own `getSignature` stays in charge.
   */
  protected newestSignature(value: string): string | Promise<string> {
    return this.getSignature === Signer.prototype.getSignature
      ? this.#signature(this.keyCount - 1, value)
      : this.getSignature(value);
  }

  /**
   * {@link Signer.unsignWithKey} of this class (never a subclass's override), without a promise
   * when the keys MAC synchronously; throws where that rejects, so call it from an async method.
   */
  protected verifySigned(signed: string): UnsignResult | Promise<UnsignResult> {
    return this.#verify(signed);
  }

  /**
   * `value + sep + signature`, signed with the newest key.
   *
   * @example
   * ```ts
   * await new Signer('secret').sign('hello'); // 'hello.<signature>'
   * ```
   */
  async sign(value: string): Promise<string> {
    assertSignable(value);
    // The text goes to the MAC as it is: the backend encodes it as UTF-8, as TextEncoder would.
    const sig = this.#signature(this.keyCount - 1, value);
    return `${value}${this.sep}${typeof sig === 'string' ? sig : await sig}`;
  }

  /**
   * Index of the key whose MAC of `value` equals the signature `sig`, trying the newest first, or
   * -1. Every spelling itsdangerous's lenient decoder accepts is accepted, and every MAC is
   * compared in constant time (as text when `sig` is canonical base64url, else as bytes).
   */
  protected async matchingKey(value: string, sig: string): Promise<number> {
    return this.#match(value, sig);
  }

  /**
   * {@link Signer.matchingKey} without a promise while every key it needs is imported and MACs
   * synchronously (node:crypto): the common case, and the one each verification pays for.
   */
  #match(value: string, sig: string): number | Promise<number> {
    // What a signer writes has one spelling per MAC, so it is compared as text, in constant time,
    // against the MAC's own base64url; every other spelling is decoded as leniently as Python does.
    if (!isCanonicalBase64Url(sig, DIGEST_BYTES[this.digestMethod]))
      return this.#matchBytes(value, sig);
    for (let index = this.keyCount - 1; index >= 0; index--) {
      const mac = this.#ready[index]?.signBase64Url(value);
      if (typeof mac !== 'string') return this.#matchTextFrom(index, value, sig, mac);
      if (timingSafeEqualText(sig, mac)) return index;
    }
    return -1;
  }

  /**
   * The rest of {@link Signer.#match} from key `index` down, awaiting imports and MACs; `pending`
   * is key `index`'s MAC when it was already started.
   */
  async #matchTextFrom(
    index: number,
    value: string,
    sig: string,
    pending: Promise<string> | undefined,
  ): Promise<number> {
    for (; index >= 0; index--) {
      const mac = pending ?? (await this.#key(index)).signBase64Url(value);
      pending = undefined;
      if (timingSafeEqualText(sig, await mac)) return index;
    }
    return -1;
  }

  /** A signature spelled any other way itsdangerous accepts: decoded, then compared as bytes. */
  async #matchBytes(value: string, sig: string): Promise<number> {
    const expected = base64UrlDecode(sig);
    if (expected === undefined) return -1;
    const data = utf8Encode(value);
    for (let index = this.keyCount - 1; index >= 0; index--) {
      if (timingSafeEqual(expected, await (await this.#key(index)).sign(data))) return index;
    }
    return -1;
  }

  /**
   * Whether `sig` is a valid signature of `value` under any of the keys.
   *
   * @example
   * ```ts
   * const signer = new Signer('secret');
   * await signer.verifySignature('v', await signer.getSignature('v')); // true
   * ```
   */
  async verifySignature(value: string, sig: string): Promise<boolean> {
    return (await this.matchingKey(value, sig)) >= 0;
  }

  /**
   * Verify `signed` and say which key matched. Rejects with `BadSignature` when the separator is
   * missing or no key matches (its `payload` is the unverified value).
   *
   * @example
   * ```ts
   * const signer = new Signer(['old', 'new']);
   * const legacy = await new Signer('old').sign('v');
   * await signer.unsignWithKey(legacy); // { value: 'v', keyIndex: 0, rotated: true }
   * ```
   */
  async unsignWithKey(signed: string): Promise<UnsignResult> {
    return this.#verify(signed);
  }

  /**
   * {@link Signer.unsignWithKey}'s work, without a promise when the keys MAC synchronously; it
   * throws where that rejects, so call it from an async method only.
   */
  #verify(signed: string): UnsignResult | Promise<UnsignResult> {
    // Received input never throws synchronously: a non-string (an absent cookie) is a rejection.
    if (typeof signed !== 'string') {
      throw new BadSignature(
        `signed value is invalid: ${JSON.stringify(typeof signed)} (expected a string)`,
      );
    }
    const at = signed.lastIndexOf(this.sep);
    if (at < 0) {
      throw new BadSignature(
        `signed value is invalid: no separator ${JSON.stringify(this.sep)} found (expected "<value>${this.sep}<signature>")`,
      );
    }
    const value = signed.slice(0, at);
    const sig = signed.slice(at + this.sep.length);
    // A subclass's own matchingKey stays in charge; the built-in one needs no promise.
    const match =
      this.matchingKey === Signer.prototype.matchingKey
        ? this.#match(value, sig)
        : this.matchingKey(value, sig);
    return typeof match === 'number'
      ? this.#result(value, sig, match)
      : match.then((keyIndex) => this.#result(value, sig, keyIndex));
  }

  #result(value: string, sig: string, keyIndex: number): UnsignResult {
    if (keyIndex < 0) {
      throw new BadSignature(
        `signature ${JSON.stringify(sig)} does not match (tried ${this.keyCount} key${this.keyCount === 1 ? '' : 's'}; wrong secret, wrong salt, or the value was changed)`,
        value,
      );
    }
    return { value, keyIndex, rotated: keyIndex !== this.keyCount - 1 };
  }

  /**
   * The value of `signed` after checking its signature; rejects with `BadSignature`.
   *
   * @example
   * ```ts
   * const signer = new Signer('secret');
   * await signer.unsign(await signer.sign('hello')); // 'hello'
   * ```
   */
  async unsign(signed: string): Promise<string> {
    // One promise instead of two on the hot path; a subclass's own unsignWithKey stays in charge.
    if (this.unsignWithKey !== Signer.prototype.unsignWithKey) {
      return (await this.unsignWithKey(signed)).value;
    }
    const result = this.#verify(signed);
    return (result instanceof Promise ? await result : result).value;
  }

  /**
   * True when `signed` carries a valid signature. A predicate for `if`; prefer `unsign` when you
   * need the value.
   *
   * @example
   * ```ts
   * await new Signer('secret').validate('hello.forged'); // false
   * ```
   */
  async validate(signed: string): Promise<boolean> {
    try {
      await this.unsignWithKey(signed);
      return true;
    } catch (error) {
      if (error instanceof BadSignature) return false;
      throw error;
    }
  }
}
