/** @module `shortbread flask sign`: make a Flask session cookie that Flask accepts. */
import { FlaskSessionCodec } from '../../signing/flask-session.js';
import { type PyJson, parsePythonJson } from '../../signing/python-json.js';
import type { FlaskSession } from '../../signing/tagged-json.js';
import { CliError } from '../cli-error.js';
import { COMMON_OPTIONS, type Command, JSON_OPTION, jsonOutput } from '../command.js';
import { singleInput } from '../input.js';
import { fromTypedJson } from '../python-values.js';
import { NOW_OPTION, SECRET_OPTION, secretsOf, signingTime } from '../secrets.js';

/**
 * `shortbread flask sign --secret K '<json>'`: the `session` cookie value Flask would write for that
 * session (same bytes as Flask at the same second). Python types use the markers of `flask decode
 * --json` (`{"$tuple": [...]}`); `1.0` stays a float.
 *
 * @example
 * ```ts
 * await flaskSignCommand.run(context); // { stdout: 'eyJ1c2VyX2lkIjo0Mn0.aSXn4A.<sig>\n', exitCode: 0 }
 * ```
 */
export const flaskSignCommand: Command = {
  name: 'flask sign',
  summary: 'make a Flask session cookie from JSON',
  usage: "shortbread flask sign --secret KEY '<session JSON>' [--json]",
  details:
    'The session is a JSON object (argument or stdin). Python types beyond JSON are written with\n' +
    'markers: {"$tuple": [...]}, {"$bytes": "<base64>"}, {"$datetime": "2026-01-01T00:00:00Z"},\n' +
    '{"$uuid": "..."}, {"$markup": "<b>hi</b>"}; 1.0 stays a float. With several --secret, the\n' +
    'last signs. Prints the cookie value; --json also prints a Set-Cookie line.',
  options: {
    ...SECRET_OPTION,
    salt: {
      type: 'string',
      value: 'SALT',
      description: 'session_interface.salt (default cookie-session)',
    },
    ...NOW_OPTION,
    ...JSON_OPTION,
    ...COMMON_OPTIONS,
  },
  examples: [
    'shortbread flask sign --secret dev \'{"user_id": 42}\'',
    'shortbread flask sign --secret dev \'{"_flashes": [{"$tuple": ["message", "Saved"]}]}\'',
    'echo \'{"cart": [1, 2]}\' | SHORTBREAD_SECRET=dev shortbread flask sign',
  ],
  async run(context) {
    const secrets = secretsOf(context, true);
    const text = await singleInput(context, 'the session as JSON');
    let parsed: PyJson;
    try {
      parsed = parsePythonJson(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(
        'E_BAD_INPUT',
        `the session is not valid JSON: ${reason} (write an object like '{"user_id": 42}')`,
      );
    }
    const session = fromTypedJson(parsed);
    if (
      session === null ||
      typeof session !== 'object' ||
      Object.getPrototypeOf(session) !== null
    ) {
      throw new CliError(
        'E_BAD_INPUT',
        `the session must be a JSON object, not ${JSON.stringify(text.slice(0, 40))}`,
      );
    }
    const salt = context.args.string('salt');
    const codec = new FlaskSessionCodec({
      secretKey: secrets[secrets.length - 1] as string,
      ...(salt === undefined ? {} : { salt }),
    });
    let value: string;
    try {
      value = await codec.encode(session as FlaskSession, { now: signingTime(context) });
    } catch (error) {
      if (error instanceof TypeError || error instanceof RangeError) {
        throw new CliError('E_BAD_INPUT', error.message);
      }
      throw error;
    }
    if (context.args.flag('json')) {
      return {
        stdout: jsonOutput({ value, setCookie: `session=${value}; HttpOnly; Path=/` }),
        exitCode: 0,
      };
    }
    return { stdout: `${value}\n`, exitCode: 0 };
  },
};
