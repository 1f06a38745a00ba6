/**
 * @module The itsdangerous error tree as classes that carry their evidence: the unverified
 * payload, the date it claims to be signed, the cause of a payload failure.
 *
 * ```
 * BadData
 * ├── BadSignature {payload}
 * │   ├── BadTimeSignature {dateSigned}
 * │   │   └── SignatureExpired
 * │   └── BadHeader {header}
 * └── BadPayload {cause}
 * ```
 */

/**
 * Base of every error the signing layer rejects with: the data could not be trusted or read.
 *
 * @example
 * ```ts
 * import { BadData, URLSafeSerializer } from 'shortbread/signing';
 * try {
 *   await new URLSafeSerializer('secret').loads('garbage');
 * } catch (error) {
 *   if (error instanceof BadData) console.log('rejected:', error.message);
 * }
 * ```
 */
export class BadData extends Error {
  override name = 'BadData';
}

/**
 * The signature did not match (wrong key, tampering, wrong salt) or is missing. `payload` is the
 * part that was signed, **unverified**: useful for debugging, never to be trusted.
 *
 * @example
 * ```ts
 * import { BadSignature, Signer } from 'shortbread/signing';
 * try {
 *   await new Signer('secret').unsign('value.wrongsig');
 * } catch (error) {
 *   if (error instanceof BadSignature) console.log(error.payload); // 'value'
 * }
 * ```
 */
export class BadSignature extends BadData {
  override name = 'BadSignature';
  /** The unverified value the signature was meant to cover, when the token could be split. */
  readonly payload: string | undefined;

  constructor(message: string, payload?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.payload = payload;
  }
}

/**
 * A timestamped token is bad: bad signature, missing or malformed timestamp. `dateSigned` is the
 * (unverified) time in the token when it could be read.
 *
 * @example
 * ```ts
 * import { BadTimeSignature, TimestampSigner } from 'shortbread/signing';
 * try {
 *   await new TimestampSigner('secret').unsign('value.sig');
 * } catch (error) {
 *   if (error instanceof BadTimeSignature) console.log(error.message);
 * }
 * ```
 */
export class BadTimeSignature extends BadSignature {
  override name = 'BadTimeSignature';
  /** When the token says it was signed; unverified unless the error is a {@link SignatureExpired}. */
  readonly dateSigned: Date | undefined;

  constructor(message: string, payload?: string, dateSigned?: Date, options?: { cause?: unknown }) {
    super(message, payload, options);
    this.dateSigned = dateSigned;
  }
}

/**
 * The signature is valid but older than `maxAge`, or dated in the future (clock skew). Here
 * `payload` and `dateSigned` are authentic: the signature was checked before the age.
 *
 * @example
 * ```ts
 * import { SignatureExpired, TimestampSigner } from 'shortbread/signing';
 * const signer = new TimestampSigner('secret');
 * const token = await signer.sign('v', { now: 1_700_000_000_000 });
 * try {
 *   await signer.unsign(token, { maxAge: 10, now: 1_700_000_011_000 });
 * } catch (error) {
 *   if (error instanceof SignatureExpired) console.log(error.dateSigned); // 2023-11-14T22:13:20Z
 * }
 * ```
 */
export class SignatureExpired extends BadTimeSignature {
  override name = 'SignatureExpired';
}

/**
 * A header (JWS-style) could not be read. Kept for parity with itsdangerous's tree; the signers
 * here do not produce headers.
 *
 * @example
 * ```ts
 * import { BadHeader, BadSignature } from 'shortbread/signing';
 * new BadHeader('bad header') instanceof BadSignature; // true
 * ```
 */
export class BadHeader extends BadSignature {
  override name = 'BadHeader';
  /** The header that was read, when there was one. */
  readonly header: unknown;

  constructor(message: string, payload?: string, header?: unknown, options?: { cause?: unknown }) {
    super(message, payload, options);
    this.header = header;
  }
}

/**
 * The signature was valid but the payload could not be decoded (base64, zlib, UTF-8, JSON or a
 * Flask tag). Only someone holding the key can produce this, so it points at a bug on the signing
 * side; Flask answers it with HTTP 500, not with an empty session. `cause` holds the underlying
 * failure.
 *
 * @example
 * ```ts
 * import { BadPayload } from 'shortbread/signing';
 * const error = new BadPayload('payload is not valid JSON', { cause: new SyntaxError('x') });
 * error.cause; // SyntaxError
 * ```
 */
export class BadPayload extends BadData {
  override name = 'BadPayload';
}

/**
 * What a {@link SigningError} refuses; stable across versions, safe to switch on.
 *
 * @example
 * ```ts
 * const code: SigningErrorCode = 'ERR_SIGNING_KEY_EMPTY';
 * ```
 */
export type SigningErrorCode =
  /** No key at all: an empty list, or not a string, a Uint8Array or a list of them. */
  | 'ERR_SIGNING_KEY_MISSING'
  /** A key that is not a string or a Uint8Array. */
  | 'ERR_SIGNING_KEY_TYPE'
  /** An empty or whitespace-only key: anyone can sign with it. */
  | 'ERR_SIGNING_KEY_EMPTY'
  /** A seal secret that is not random key material (too short, a passphrase, repeated bytes). */
  | 'ERR_SEAL_KEY_WEAK'
  /** A seal key id that is not 1-64 of `A-Z a-z 0-9 - _`, or is used twice. */
  | 'ERR_SEAL_KEY_ID'
  /** A number `now` small enough to be Unix seconds: `now` is epoch milliseconds or a Date. */
  | 'ERR_NOW_SECONDS'
  /** A `now` that is neither a finite number nor a valid Date. */
  | 'ERR_NOW_INVALID'
  /** A value to sign that is not text. */
  | 'ERR_SIGN_VALUE_TYPE';

/**
 * What the application asked the signing layer to do is refused: a bad key, a `now` in the wrong
 * unit, a value that cannot be signed. Unlike the {@link BadData} family (received data that cannot
 * be trusted), this is a bug or a misconfiguration on the calling side: it is thrown where the key
 * or value enters, and its message quotes what was given and says the fix. A `TypeError`, so code
 * that caught those before still does.
 *
 * @example
 * ```ts
 * import { Signer, SigningError } from 'shortbread/signing';
 * try {
 *   new Signer(['', 'real key']);
 * } catch (error) {
 *   if (error instanceof SigningError) console.log(error.code); // 'ERR_SIGNING_KEY_EMPTY'
 * }
 * ```
 */
export class SigningError extends TypeError {
  override name = 'SigningError';
  /** Which rule was broken. */
  readonly code: SigningErrorCode;

  constructor(code: SigningErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
