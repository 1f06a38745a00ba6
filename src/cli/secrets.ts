/** @module Secrets from `--secret` (repeatable, oldest first) or the `SHORTBREAD_SECRET` variable. */
import { CliError } from './cli-error.js';
import type { CommandContext } from './command.js';

/**
 * The `--secret` values in order (oldest first, the last one signs), or `SHORTBREAD_SECRET` when
 * none is given (keeps the key out of shell history). Throws when `required` and there is none.
 *
 * @example
 * ```ts
 * const keys = secretsOf(context, true); // ['old', 'new']
 * ```
 */
export function secretsOf(context: CommandContext, required: boolean): string[] {
  const given = context.args.strings('secret');
  if (given.length > 0) return [...given];
  const fromEnv = context.env.SHORTBREAD_SECRET;
  if (fromEnv !== undefined && fromEnv !== '') return [fromEnv];
  if (required) {
    throw new CliError(
      'E_MISSING_ARGUMENT',
      'a secret is needed: --secret KEY, or set SHORTBREAD_SECRET to keep it out of shell history',
    );
  }
  return [];
}

/**
 * A whole number of seconds from an option, or `undefined` when absent; throws for anything else.
 *
 * @example
 * ```ts
 * secondsOption(context, 'max-age'); // 3600
 * ```
 */
export function secondsOption(context: CommandContext, name: string): number | undefined {
  const text = context.args.string(name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < 0) {
    throw new CliError(
      'E_USAGE',
      `--${name} is invalid: ${JSON.stringify(text)} (a whole number of seconds, 0 or more)`,
    );
  }
  return n;
}

/**
 * The time to sign at: `--now` (Unix seconds, for reproducible output) or the clock.
 *
 * @example
 * ```ts
 * signingTime(context); // Date
 * ```
 */
export function signingTime(context: CommandContext): Date {
  const seconds = secondsOption(context, 'now');
  return new Date(seconds === undefined ? context.now : seconds * 1000);
}

/**
 * `--secret`, repeatable, as every signing command takes it.
 *
 * @example
 * ```ts
 * const options = { ...SECRET_OPTION, ...NOW_OPTION };
 * ```
 */
export const SECRET_OPTION = {
  secret: {
    type: 'string',
    multiple: true,
    value: 'KEY',
    description:
      'secret key; repeat to rotate (oldest first, the last signs); or SHORTBREAD_SECRET',
  },
} as const;

/**
 * `--now`: sign or check at a fixed time.
 *
 * @example
 * ```ts
 * signingTime(context); // the --now time, or the clock
 * ```
 */
export const NOW_OPTION = {
  now: {
    type: 'string',
    value: 'SECONDS',
    description: 'the time, in Unix seconds, instead of the clock (for reproducible output)',
  },
} as const;
