/** @module `shortbread seal` and `shortbread unseal`: encrypted, authenticated cookie values. */
import { type SealKeys, seal, unsealWithKey } from '../../signing/seal.js';
import { CliError } from '../cli-error.js';
import type { CommandContext } from '../command.js';
import { COMMON_OPTIONS, type Command, JSON_OPTION, jsonOutput } from '../command.js';
import { singleInput } from '../input.js';
import { NOW_OPTION, secondsOption, secretsOf, signingTime } from '../secrets.js';
import { toCliError } from '../signing-errors.js';

const KEY_OPTIONS = {
  secret: {
    type: 'string',
    multiple: true,
    value: 'KEY',
    description:
      'sealing secret: 32+ random bytes as base64 or hex (openssl rand -base64 32); repeat to rotate (oldest first); or SHORTBREAD_SECRET',
  },
  'key-id': {
    type: 'string',
    multiple: true,
    value: 'ID',
    description: 'id of each --secret, in the same order (needed with several secrets)',
  },
  context: {
    type: 'string',
    value: 'TEXT',
    description: 'bound into the token (e.g. the cookie name); unseal must give the same',
  },
} as const;

function keysOf(context: CommandContext): SealKeys {
  const secrets = secretsOf(context, true);
  const ids = context.args.strings('key-id');
  if (ids.length === 0) {
    if (secrets.length > 1) {
      throw new CliError('E_USAGE', 'several --secret need a --key-id each, in the same order');
    }
    return secrets[0] as string;
  }
  if (ids.length !== secrets.length) {
    throw new CliError(
      'E_USAGE',
      `got ${ids.length} --key-id for ${secrets.length} --secret (give one id per secret, in the same order)`,
    );
  }
  return secrets.map((secret, i) => ({ id: ids[i] as string, secret }));
}

function contextOption(context: CommandContext): { context?: string } {
  const text = context.args.string('context');
  return text === undefined ? {} : { context: text };
}

/**
 * `shortbread seal '<json>' --secret K`: AES-256-GCM sealed token of a JSON value (`--text` for a
 * plain string), optionally expiring after `--ttl` seconds.
 *
 * @example
 * ```ts
 * await sealCommand.run(context); // { stdout: 'v1.0.<iv>.<ciphertext>\n', exitCode: 0 }
 * ```
 */
export const sealCommand: Command = {
  name: 'seal',
  summary: 'encrypt and authenticate a value into a cookie-safe token',
  usage: "shortbread seal '<json>' --secret KEY [--ttl SECONDS] [--context TEXT] [--text]",
  details:
    'The value is JSON (argument or stdin), or a plain string with --text. The secret must be 32\n' +
    'random bytes or more as base64 or hex text (openssl rand -base64 32), not a password. With\n' +
    'several secrets (and a --key-id each) the last one seals.',
  options: {
    ...KEY_OPTIONS,
    ttl: {
      type: 'string',
      value: 'SECONDS',
      description: 'the token expires after this many seconds',
    },
    text: { type: 'boolean', description: 'seal the argument as a string, not JSON' },
    ...NOW_OPTION,
    ...JSON_OPTION,
    ...COMMON_OPTIONS,
  },
  examples: [
    'shortbread seal \'{"userId": 42}\' --secret "$(openssl rand -hex 32)" --ttl 3600',
    'shortbread seal --text hello --secret "$(openssl rand -base64 32)" --context session',
  ],
  async run(context) {
    const keys = keysOf(context);
    const input = await singleInput(context, 'the value to seal');
    let value: unknown = input;
    if (!context.args.flag('text')) {
      try {
        value = JSON.parse(input);
      } catch {
        throw new CliError(
          'E_BAD_INPUT',
          `the value is not JSON: ${JSON.stringify(input.slice(0, 40))} (quote strings as JSON, or pass --text)`,
        );
      }
    }
    const ttl = secondsOption(context, 'ttl');
    let token: string;
    try {
      token = await seal(value, {
        keys,
        now: signingTime(context),
        ...(ttl === undefined ? {} : { ttl }),
        ...contextOption(context),
      });
    } catch (error) {
      throw toCliError(error);
    }
    if (context.args.flag('json')) return { stdout: jsonOutput({ token }), exitCode: 0 };
    return { stdout: `${token}\n`, exitCode: 0 };
  },
};

/**
 * `shortbread unseal <token> --secret K`: open a sealed token and print its JSON value; exit 1 when
 * it was tampered with, sealed with another key or context, or expired.
 *
 * @example
 * ```ts
 * await unsealCommand.run(context); // { stdout: '{"userId":42}\n', exitCode: 0 }
 * ```
 */
export const unsealCommand: Command = {
  name: 'unseal',
  summary: 'open a sealed token and print its value',
  usage: 'shortbread unseal <token> --secret KEY [--key-id ID] [--context TEXT] [--json]',
  details:
    'Prints the value as JSON (a string as itself with --text). --json adds the key id, issue and\n' +
    'expiry times. Exit status 1 when the token does not open or has expired.',
  options: {
    ...KEY_OPTIONS,
    text: { type: 'boolean', description: 'print a string value without JSON quotes' },
    ...NOW_OPTION,
    ...JSON_OPTION,
    ...COMMON_OPTIONS,
  },
  examples: [
    'shortbread unseal "$TOKEN" --secret "$SEAL_SECRET"',
    'shortbread unseal "$TOKEN" --secret "$OLD" --key-id 2024 --secret "$NEW" --key-id 2025 --json',
  ],
  async run(context) {
    const keys = keysOf(context);
    const token = await singleInput(context, 'the sealed token');
    const nowSeconds = secondsOption(context, 'now');
    let result: Awaited<ReturnType<typeof unsealWithKey>>;
    try {
      result = await unsealWithKey(token, {
        keys,
        now: new Date(nowSeconds === undefined ? context.now : nowSeconds * 1000),
        ...contextOption(context),
      });
    } catch (error) {
      const converted = toCliError(error);
      if (converted instanceof CliError) throw converted;
      if (error instanceof Error) throw new CliError('E_BAD_SIGNATURE', error.message);
      throw error;
    }
    if (context.args.flag('json')) {
      return {
        stdout: jsonOutput({
          value: result.value,
          keyId: result.keyId,
          rotated: result.rotated,
          issuedAt: new Date(result.issuedAt * 1000).toISOString(),
          ...(result.expiresAt === undefined
            ? {}
            : { expiresAt: new Date(result.expiresAt * 1000).toISOString() }),
        }),
        exitCode: 0,
      };
    }
    const text =
      context.args.flag('text') && typeof result.value === 'string'
        ? result.value
        : JSON.stringify(result.value);
    return { stdout: `${text}\n`, exitCode: 0 };
  },
};
