import { describe, expect, it } from 'vitest';
import { Signer } from '../signing/signer.js';
import { flaskSessionIdCookie } from './id-cookie.js';
import { isSessionId } from './session-id.js';

const signer = (keys: string[]) =>
  new Signer(keys, { salt: 'flask-session', keyDerivation: 'hmac' });

describe('flaskSessionIdCookie', () => {
  it('signs a new id and reads it back', async () => {
    const ids = flaskSessionIdCookie(signer(['k']));
    const id = ids.newId();
    expect(isSessionId(id)).toBe(true);
    expect(await ids.unsign(await ids.sign(id))).toEqual({ id, rotated: false });
  });

  it('refuses a forged value and an id it could not have made', async () => {
    const ids = flaskSessionIdCookie(signer(['k']));
    expect(await ids.unsign('nope.nope')).toBeUndefined();
    expect(await ids.unsign(await signer(['k']).sign('short-id'))).toBeUndefined();
    expect(await ids.unsign(await signer(['other']).sign(ids.newId()))).toBeUndefined();
  });

  it('says when an older key signed it', async () => {
    const id = flaskSessionIdCookie(signer(['old'])).newId();
    const value = await signer(['old']).sign(id);
    expect(await flaskSessionIdCookie(signer(['old', 'new'])).unsign(value)).toEqual({
      id,
      rotated: true,
    });
  });
});
