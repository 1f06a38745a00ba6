import { describe, expect, it } from 'vitest';
import * as signing from './signing.js';

describe('shortbread/signing entry', () => {
  it('exports the surface ARCHITECTURE.md promises', () => {
    for (const name of [
      'Signer',
      'TimestampSigner',
      'Serializer',
      'TimedSerializer',
      'URLSafeSerializer',
      'URLSafeTimedSerializer',
      'BadData',
      'BadSignature',
      'BadTimeSignature',
      'SignatureExpired',
      'BadHeader',
      'BadPayload',
      'FlaskSessionCodec',
      'seal',
      'unseal',
      'unsealWithKey',
      'PyFloat',
      'PyTuple',
      'PyUUID',
      'Markup',
    ]) {
      expect(signing, name).toHaveProperty(name);
    }
  });

  it('does not leak internals', () => {
    expect(signing).not.toHaveProperty('setPortableOnly');
    expect(signing).not.toHaveProperty('timingSafeEqual');
  });
});
