/**
 * @module itsdangerous's `Serializer` and `TimedSerializer`: serialize a value (Python-style JSON by
 * default), then sign the text; `loads` checks the signature (and age) before it reads the payload.
 */
import { BadPayload } from './errors.js';
import {
  PYTHON_DEFAULT_STYLE,
  type PythonJsonStyle,
  parsePythonJson,
  stringifyPythonJson,
} from './python-json.js';
import { Signer } from './signer.js';
import { TimestampSigner } from './timestamp-signer.js';
import type { LoadResult, MaxAgeOptions, SecretKeys, SignerOptions, TimeOptions } from './types.js';

/**
 * Turns values into text and back (itsdangerous's `serializer` argument). `loads` may throw on bad
 * input; the serializer reports it as `BadPayload`.
 *
 * @example
 * ```ts
 * const upper: PayloadSerializer<string> = { dumps: (v) => v.toUpperCase(), loads: (t) => t.toLowerCase() };
 * ```
 */
export interface PayloadSerializer<T> {
  dumps(value: T): string;
  loads(text: string): T;
}

/**
 * Options of the serializers: the signer's options plus the payload serializer.
 *
 * @example
 * ```ts
 * new URLSafeSerializer('secret', { salt: 'activate', digestMethod: 'sha256' });
 * ```
 */
export interface SerializerOptions<T> extends SignerOptions {
  /**
   * Default: Python's `json` as itsdangerous calls it (`Serializer`: `json.dumps` defaults;
   * URL-safe serializers: compact, raw UTF-8). Values map as in `stringifyPythonJson`.
   */
  readonly serializer?: PayloadSerializer<T>;
}

/**
 * A {@link PayloadSerializer} that writes and reads JSON the way Python's `json` does with `style`.
 *
 * @example
 * ```ts
 * const json = pythonJsonSerializer(PYTHON_COMPACT_STYLE);
 * json.dumps({ a: 1.5 }); // '{"a":1.5}'
 * ```
 */
export function pythonJsonSerializer<T>(style: PythonJsonStyle): PayloadSerializer<T> {
  return {
    dumps: (value) => stringifyPythonJson(value, style),
    loads: (text) => parsePythonJson(text) as T,
  };
}

/**
 * itsdangerous's `Serializer`: `json.dumps(value)` (with `", "` and `": "`, non-ASCII escaped) plus
 * a signature: `{"id": 5}.<sig>`. Default salt `"itsdangerous"` (not the Signer's). The token
 * holds spaces and quotes, so it is not cookie-safe: use {@link URLSafeSerializer} for cookies.
 *
 * @example
 * ```ts
 * import { Serializer } from 'shortbread/signing';
 * const s = new Serializer('secret');
 * const token = await s.dumps({ id: 5 }); // '{"id": 5}.<sig>'
 * await s.loads(token); // { id: 5 }
 * ```
 */
export class Serializer<T = unknown> {
  /** The signer under the serializer (a `TimestampSigner` for the timed serializers). */
  readonly signer: Signer;
  protected readonly payloadSerializer: PayloadSerializer<T>;

  constructor(secretKeyOrKeys: SecretKeys, options: SerializerOptions<T> = {}) {
    const signerOptions: SignerOptions = { ...options, salt: options.salt ?? 'itsdangerous' };
    this.signer = this.createSigner(secretKeyOrKeys, signerOptions);
    this.payloadSerializer = options.serializer ?? pythonJsonSerializer<T>(this.defaultStyle());
  }

  /** The signer kind: `Signer` here, `TimestampSigner` in the timed serializers. */
  protected createSigner(secretKeyOrKeys: SecretKeys, options: SignerOptions): Signer {
    return new Signer(secretKeyOrKeys, options);
  }

  /** The JSON style of the default payload serializer. */
  protected defaultStyle(): PythonJsonStyle {
    return PYTHON_DEFAULT_STYLE;
  }

  /** The text that gets signed. */
  protected async dumpPayload(value: T): Promise<string> {
    return this.payloadSerializer.dumps(value);
  }

  /** The value of a verified payload; rejects with `BadPayload`. */
  protected async loadPayload(payload: string): Promise<T> {
    return this.parse(payload);
  }

  /** Run the payload serializer, turning its failure into `BadPayload`. */
  protected parse(text: string): T {
    try {
      return this.payloadSerializer.loads(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new BadPayload(`payload could not be deserialized: ${reason}`, { cause: error });
    }
  }

  /**
   * Serialize and sign `value`. Throws `TypeError` for values Python's `json` cannot hold.
   *
   * @example
   * ```ts
   * await new URLSafeTimedSerializer('secret').dumps({ id: 5 }, { now: 1_700_000_000_000 });
   * ```
   */
  async dumps(value: T, options: TimeOptions = {}): Promise<string> {
    const payload = await this.dumpPayload(value);
    return this.signer instanceof TimestampSigner
      ? this.signer.sign(payload, options)
      : this.signer.sign(payload);
  }

  /**
   * Verify `token` (signature, then `maxAge` for timed serializers) and load its value, saying
   * which key matched. Rejects with a `BadSignature` subclass, or `BadPayload` when the signature
   * was valid but the payload cannot be read.
   *
   * @example
   * ```ts
   * const s = new URLSafeSerializer(['old', 'new']);
   * const { value, rotated } = await s.loadsWithKey(await s.dumps([1, 2]));
   * ```
   */
  async loadsWithKey(token: string, options: MaxAgeOptions = {}): Promise<LoadResult<T>> {
    if (this.signer instanceof TimestampSigner) {
      const result = await this.signer.unsignWithKey(token, options);
      return {
        value: await this.loadPayload(result.value),
        keyIndex: result.keyIndex,
        rotated: result.rotated,
        timestamp: result.timestamp,
      };
    }
    const result = await this.signer.unsignWithKey(token);
    return {
      value: await this.loadPayload(result.value),
      keyIndex: result.keyIndex,
      rotated: result.rotated,
    };
  }

  /**
   * Verify `token` and load its value; see {@link Serializer.loadsWithKey}.
   *
   * @example
   * ```ts
   * const s = new Serializer('secret');
   * await s.loads(await s.dumps(['a'])); // ['a']
   * ```
   */
  async loads(token: string, options: MaxAgeOptions = {}): Promise<T> {
    return (await this.loadsWithKey(token, options)).value;
  }
}

/**
 * itsdangerous's `TimedSerializer`: a {@link Serializer} over a {@link TimestampSigner}, so
 * `loads(token, { maxAge })` can reject old tokens.
 *
 * @example
 * ```ts
 * import { TimedSerializer } from 'shortbread/signing';
 * const s = new TimedSerializer('secret');
 * const token = await s.dumps({ a: 1 }, { now: 1_700_000_000_000 });
 * await s.loads(token, { maxAge: 60, now: 1_700_000_030_000 }); // { a: 1 }
 * ```
 */
export class TimedSerializer<T = unknown> extends Serializer<T> {
  protected override createSigner(secretKeyOrKeys: SecretKeys, options: SignerOptions): Signer {
    return new TimestampSigner(secretKeyOrKeys, options);
  }
}
