/** @module Turns the itsdangerous errors of a failed check into the CLI's own, with a hint at the fix. */
import { BadPayload, BadSignature, SignatureExpired } from '../signing/errors.js';
import { CliError } from './cli-error.js';

/**
 * A {@link CliError} for a signing error (expired, bad signature, bad payload), or `error` unchanged.
 *
 * @example
 * ```ts
 * try { await signer.unsign(token); } catch (error) { throw toCliError(error); }
 * ```
 */
export function toCliError(error: unknown): unknown {
  if (error instanceof SignatureExpired) {
    return new CliError(
      'E_EXPIRED',
      `${error.message} (a new token is needed, or a larger --max-age)`,
    );
  }
  if (error instanceof BadSignature) {
    return new CliError('E_BAD_SIGNATURE', `${error.message}`);
  }
  if (error instanceof BadPayload) return new CliError('E_BAD_INPUT', error.message);
  if (error instanceof TypeError || error instanceof RangeError) {
    return new CliError('E_BAD_INPUT', error.message);
  }
  return error;
}
