/** @module `shortbread sign` and `shortbread unsign`: itsdangerous tokens from the command line. */
import {
  PYTHON_DEFAULT_STYLE,
  type PyJson,
  parsePythonJson,
  stringifyPythonJson,
} from '../../signing/python-json.js';
import { Signer } from '../../signing/signer.js';
import type { FlaskValue } from '../../signing/tagged-json.js';
import { TimestampSigner } from '../../signing/timestamp-signer.js';
import type { TimedUnsignResult, UnsignResult } from '../../signing/types.js';
import { URLSafeSerializer, URLSafeTimedSerializer } from '../../signing/url-safe-serializer.js';
import { CliError } from '../cli-error.js';
import { COMMON_OPTIONS, type Command, JSON_OPTION, jsonOutput } from '../command.js';
import { singleInput } from '../input.js';
import { toTypedJson } from '../python-values.js';
import { NOW_OPTION, SECRET_OPTION, secondsOption, secretsOf, signingTime } from '../secrets.js';
import { toCliError } from '../signing-errors.js';

const SHARED_OPTIONS = {
  ...SECRET_OPTION,
  salt: {
    type: 'string',
    value: 'SALT',
    description:
      'namespace of the key (default itsdangerous.Signer, or itsdangerous with --serializer)',
  },
  timed: {
    type: 'boolean',
    description: 'TimestampSigner / URLSafeTimedSerializer (a signing time inside)',
  },
  serializer: {
    type: 'boolean',
    description:
      "the value is JSON: itsdangerous's URLSafeSerializer (compact JSON, zlib, base64url)",
  },
  ...NOW_OPTION,
  ...JSON_OPTION,
  ...COMMON_OPTIONS,
} as const;

function saltOption(salt: string | undefined): { salt?: string } {
  return salt === undefined ? {} : { salt };
}

/**
 * `shortbread sign <value> --secret K`: an itsdangerous `Signer` token (`--timed`: `TimestampSigner`;
 * `--serializer`: `URLSafeSerializer` over JSON), byte-identical to Python's.
 *
 * @example
 * ```ts
 * await signCommand.run(context); // { stdout: 'user-42.<sig>\n', exitCode: 0 }
 * ```
 */
export const signCommand: Command = {
  name: 'sign',
  summary: 'sign a value as itsdangerous does',
  usage: 'shortbread sign <value> --secret KEY [--salt SALT] [--timed] [--serializer]',
  details:
    'Same tokens as Python: Signer(key, salt).sign(value), TimestampSigner with --timed,\n' +
    'URLSafeSerializer(key, salt).dumps(json) with --serializer (add --timed for the timed one).',
  options: SHARED_OPTIONS,
  examples: [
    'shortbread sign user-42 --secret s3cret',
    'shortbread sign user-42 --secret s3cret --salt email-confirm --timed',
    'shortbread sign --serializer --timed --secret s3cret \'{"user": 42}\'',
  ],
  async run(context) {
    const keys = secretsOf(context, true);
    const value = await singleInput(context, 'the value to sign');
    const args = context.args;
    const now = signingTime(context);
    const salt = saltOption(args.string('salt'));
    let token: string;
    try {
      if (args.flag('serializer')) {
        let data: PyJson;
        try {
          data = parsePythonJson(value);
        } catch (error) {
          throw new CliError('E_BAD_INPUT', `--serializer needs JSON: ${(error as Error).message}`);
        }
        const serializer = args.flag('timed')
          ? new URLSafeTimedSerializer<PyJson>(keys, salt)
          : new URLSafeSerializer<PyJson>(keys, salt);
        token = await serializer.dumps(data, { now });
      } else if (args.flag('timed')) {
        token = await new TimestampSigner(keys, salt).sign(value, { now });
      } else {
        token = await new Signer(keys, salt).sign(value);
      }
    } catch (error) {
      throw toCliError(error);
    }
    if (args.flag('json')) return { stdout: jsonOutput({ token }), exitCode: 0 };
    return { stdout: `${token}\n`, exitCode: 0 };
  },
};

/**
 * `shortbread unsign <token> --secret K`: verify an itsdangerous token and print its value; exit 1
 * when the signature does not match or the token is older than `--max-age`.
 *
 * @example
 * ```ts
 * await unsignCommand.run(context); // { stdout: 'user-42\n', exitCode: 0 }
 * ```
 */
export const unsignCommand: Command = {
  name: 'unsign',
  summary: 'verify an itsdangerous token and print its value',
  usage:
    'shortbread unsign <token> --secret KEY [--salt SALT] [--timed] [--max-age SECONDS] [--serializer]',
  details:
    'Several --secret verify a token signed by any of them (key rotation). --max-age implies\n' +
    '--timed. Exit status 1 when the signature does not match or the token is too old.',
  options: {
    ...SHARED_OPTIONS,
    'max-age': {
      type: 'string',
      value: 'SECONDS',
      description: 'reject tokens signed longer ago than this',
    },
  },
  examples: [
    'shortbread unsign user-42.McxgqBwcb6l-6QSkrO3AnhhKOV4 --secret s3cret',
    'shortbread unsign "$TOKEN" --secret new --secret old --timed --max-age 3600 --json',
  ],
  async run(context) {
    // Oldest first on the command line is what rotation reads naturally; the signer wants the same.
    const keys = secretsOf(context, true);
    const token = await singleInput(context, 'the token');
    const args = context.args;
    const maxAge = secondsOption(context, 'max-age');
    const timed = args.flag('timed') || maxAge !== undefined;
    const nowSeconds = secondsOption(context, 'now');
    const now = nowSeconds === undefined ? new Date(context.now) : new Date(nowSeconds * 1000);
    const checks = maxAge === undefined ? { now } : { now, maxAge };
    const salt = saltOption(args.string('salt'));
    let text: string;
    let info: UnsignResult | TimedUnsignResult;
    let serialized: FlaskValue | undefined;
    try {
      if (args.flag('serializer')) {
        const serializer = timed
          ? new URLSafeTimedSerializer<PyJson>(keys, salt)
          : new URLSafeSerializer<PyJson>(keys, salt);
        const result = await serializer.loadsWithKey(token, checks);
        serialized = result.value as FlaskValue;
        text = stringifyPythonJson(result.value, PYTHON_DEFAULT_STYLE);
        info = {
          value: text,
          keyIndex: result.keyIndex,
          rotated: result.rotated,
          ...(result.timestamp === undefined
            ? {}
            : { timestamp: result.timestamp, dateSigned: new Date(result.timestamp * 1000) }),
        };
      } else if (timed) {
        info = await new TimestampSigner(keys, salt).unsignWithKey(token, checks);
        text = info.value;
      } else {
        info = await new Signer(keys, salt).unsignWithKey(token);
        text = info.value;
      }
    } catch (error) {
      throw toCliError(error);
    }
    if (args.flag('json')) {
      const signed =
        'timestamp' in info ? { timestamp: info.timestamp, signedAt: info.dateSigned } : {};
      return {
        stdout: jsonOutput({
          value: serialized === undefined ? text : toTypedJson(serialized),
          keyIndex: info.keyIndex,
          rotated: info.rotated,
          ...signed,
        }),
        exitCode: 0,
      };
    }
    return {
      stdout: `${text}\n`,
      ...(info.rotated
        ? { stderr: 'note: signed with an older key; sign it again with the newest\n' }
        : {}),
      exitCode: 0,
    };
  },
};
