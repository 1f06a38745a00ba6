/** @module The one error a command throws for a user mistake: a message, a code, and the exit status. */

/**
 * Codes of {@link CliError}: what kind of mistake, stable for scripts that read `--json` errors.
 *
 * @example
 * ```ts
 * const code: CliErrorCode = 'E_USAGE';
 * ```
 */
export type CliErrorCode =
  | 'E_USAGE'
  | 'E_UNKNOWN_COMMAND'
  | 'E_UNKNOWN_OPTION'
  | 'E_MISSING_ARGUMENT'
  | 'E_BAD_INPUT'
  | 'E_BAD_SIGNATURE'
  | 'E_EXPIRED'
  | 'E_FILE'
  | 'E_FORMAT'
  | 'E_URL';

/**
 * A user mistake or a failed check (wrong secret, missing file): `main` prints the message alone,
 * without a stack trace, and exits with `exitCode` (2 for usage mistakes, 1 for everything else).
 *
 * @example
 * ```ts
 * throw new CliError('E_MISSING_ARGUMENT', 'sign needs a value (shortbread sign <value> --secret K)');
 * ```
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;
  readonly exitCode: number;

  constructor(code: CliErrorCode, message: string, exitCode?: number) {
    super(message);
    this.code = code;
    this.exitCode =
      exitCode ??
      (code === 'E_USAGE' ||
      code === 'E_UNKNOWN_COMMAND' ||
      code === 'E_UNKNOWN_OPTION' ||
      code === 'E_MISSING_ARGUMENT'
        ? 2
        : 1);
  }
}
