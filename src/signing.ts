/**
 * @module shortbread/signing: itsdangerous-compatible signing, Flask's session cookie, and sealed
 * (encrypted) cookies. Pure: runs on Node, Deno, Bun, Workers and browsers.
 */
export {
  BadData,
  BadHeader,
  BadPayload,
  BadSignature,
  BadTimeSignature,
  SignatureExpired,
  SigningError,
  type SigningErrorCode,
} from './signing/errors.js';
export {
  FLASK_SESSION_MAX_AGE,
  FlaskSessionCodec,
  type FlaskSessionCodecOptions,
  type FlaskSessionDecodeResult,
} from './signing/flask-session.js';
export { deriveKey } from './signing/key-derivation.js';
export {
  FLASK_SESSION_STYLE,
  PYTHON_COMPACT_STYLE,
  PYTHON_DEFAULT_STYLE,
  type PyJson,
  type PythonJsonStyle,
  parsePythonJson,
  stringifyPythonJson,
} from './signing/python-json.js';
export { Markup, PyFloat, PyTuple, PyUUID } from './signing/python-types.js';
export {
  type SealKey,
  type SealKeys,
  type SealOptions,
  seal,
  type UnsealOptions,
  type UnsealResult,
  unseal,
  unsealWithKey,
} from './signing/seal.js';
export {
  type PayloadSerializer,
  pythonJsonSerializer,
  Serializer,
  type SerializerOptions,
  TimedSerializer,
} from './signing/serializer.js';
export { Signer } from './signing/signer.js';
export {
  dumpsTaggedJson,
  type FlaskSession,
  type FlaskValue,
  loadsTaggedJson,
} from './signing/tagged-json.js';
export { TimestampSigner } from './signing/timestamp-signer.js';
export type {
  DigestMethod,
  KeyDerivation,
  LoadResult,
  MaxAgeOptions,
  Now,
  SecretKey,
  SecretKeys,
  SignerOptions,
  TimedUnsignResult,
  TimeOptions,
  UnsignResult,
} from './signing/types.js';
export { URLSafeSerializer, URLSafeTimedSerializer } from './signing/url-safe-serializer.js';
