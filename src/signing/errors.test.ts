import { describe, expect, it } from 'vitest';
import {
  BadData,
  BadHeader,
  BadPayload,
  BadSignature,
  BadTimeSignature,
  SignatureExpired,
} from './errors.js';

describe('error tree', () => {
  it('has itsdangerous shape, names and evidence', () => {
    const expired = new SignatureExpired('old', 'payload', new Date(0));
    expect(expired).toBeInstanceOf(BadTimeSignature);
    expect(expired).toBeInstanceOf(BadSignature);
    expect(expired).toBeInstanceOf(BadData);
    expect(expired).toBeInstanceOf(Error);
    expect(expired.name).toBe('SignatureExpired');
    expect(expired.payload).toBe('payload');
    expect(expired.dateSigned?.getTime()).toBe(0);
    const payload = new BadPayload('bad', { cause: 1 });
    expect(payload).not.toBeInstanceOf(BadSignature);
    expect(payload.cause).toBe(1);
    expect(new BadHeader('h', undefined, { alg: 'x' }).header).toEqual({ alg: 'x' });
    expect(new BadHeader('h')).toBeInstanceOf(BadSignature);
  });
});
