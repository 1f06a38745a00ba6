import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey } from './key-derivation.js';

const enc = new TextEncoder();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('deriveKey', () => {
  it.each([
    ['concat', createHash('sha1').update('saltsecret').digest('hex')],
    ['django-concat', createHash('sha1').update('saltsignersecret').digest('hex')],
    ['hmac', createHmac('sha1', 'secret').update('salt').digest('hex')],
    ['none', Buffer.from('secret').toString('hex')],
  ] as const)('%s', async (mode, expected) => {
    expect(hex(await deriveKey(enc.encode('secret'), enc.encode('salt'), mode, 'sha1'))).toBe(
      expected,
    );
  });
});
