/**
 * @module How a server-side session's id rides in its cookie (`SessionIdCookie`): made, signed and
 * read back. `Sessions` uses Flask-Session's form unless given another, such as express-session's
 * (`expressSessionCookie` in `shortbread/express`), so an app keeps the cookies its users hold.
 */
import { BadData } from '../signing/errors.js';
import type { Signer } from '../signing/signer.js';
import { isSessionId, newSessionId } from './session-id.js';

/**
 * The session id's cookie format: how a new id is made, how it is signed into the cookie value and
 * how a received value is checked. `unsign` never throws for what a client sent: a forged or
 * malformed value gives `undefined` (a new empty session).
 *
 * @example
 * ```ts
 * import type { SessionIdCookie } from 'shortbread/session';
 * const plain: SessionIdCookie = {
 *   newId: () => crypto.randomUUID(),
 *   sign: async (id) => id,
 *   unsign: async (value) => ({ id: value, rotated: false }), // unsigned: for tests only
 * };
 * ```
 */
export interface SessionIdCookie {
  /** A new, unguessable session id. */
  newId(): string;
  /** The cookie value that carries `id`. */
  sign(id: string): Promise<string>;
  /**
   * The id a received cookie value carries, or `undefined` when it is not one this server signed;
   * `rotated` is true when an older secret signed it (the cookie is then signed again).
   */
  unsign(value: string): Promise<{ id: string; rotated: boolean } | undefined>;
}

/**
 * Flask-Session's id cookie: 256-bit base64url ids signed by itsdangerous with salt
 * `flask-session` (the `Signer` `Sessions` builds from its secret).
 *
 * @example
 * ```ts
 * import { Signer } from 'shortbread/signing';
 * const ids = flaskSessionIdCookie(new Signer('secret', { salt: 'flask-session', keyDerivation: 'hmac' }));
 * ```
 */
export function flaskSessionIdCookie(signer: Signer): SessionIdCookie {
  return {
    newId: newSessionId,
    sign: (id) => signer.sign(id),
    async unsign(value) {
      try {
        const unsigned = await signer.unsignWithKey(value);
        // Never look up (nor adopt) an id this server could not have made.
        return isSessionId(unsigned.value)
          ? { id: unsigned.value, rotated: unsigned.rotated }
          : undefined;
      } catch (error) {
        if (error instanceof BadData) return undefined;
        throw error;
      }
    },
  };
}
