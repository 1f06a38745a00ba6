/** @module `shortbread flask decode`: read a Flask session cookie, verifying it when a secret is given. */
import { parseCookie } from '../../codec/cookie.js';
import { BadPayload, BadSignature, SignatureExpired } from '../../signing/errors.js';
import { FlaskSessionCodec } from '../../signing/flask-session.js';
import { PyTuple } from '../../signing/python-types.js';
import { type FlaskSession, type FlaskValue, loadsTaggedJson } from '../../signing/tagged-json.js';
import { decodeTimestamp } from '../../signing/timestamp-signer.js';
import { decodeUrlSafePayload } from '../../signing/url-safe-serializer.js';
import { CliError } from '../cli-error.js';
import { COMMON_OPTIONS, type Command, JSON_OPTION, jsonOutput } from '../command.js';
import { singleInput, stripHeaderName } from '../input.js';
import { pythonSessionRepr, toTypedJson } from '../python-values.js';
import { NOW_OPTION, SECRET_OPTION, secondsOption, secretsOf } from '../secrets.js';

/** The cookie value: the argument itself, or the named cookie of a `Cookie` header / `name=value`. */
function cookieValue(input: string, name: string): string {
  const text = stripHeaderName(input.trim(), 'cookie');
  if (!text.includes('=') && !text.includes(';')) return text;
  const value = parseCookie(text)[name];
  if (value === undefined) {
    throw new CliError(
      'E_BAD_INPUT',
      `no ${JSON.stringify(name)} cookie in ${JSON.stringify(text.slice(0, 80))} (pass the cookie value, or --name for another cookie name)`,
    );
  }
  return value;
}

/** Flask's `dict(data)`: a dict, or a list (or tuple) of [key, value] pairs; else undefined. */
function asSession(data: FlaskValue): FlaskSession | undefined {
  if (data !== null && typeof data === 'object' && Object.getPrototypeOf(data) === null) {
    return data as FlaskSession;
  }
  const list = data instanceof PyTuple ? data.items : Array.isArray(data) ? data : undefined;
  if (list === undefined) return undefined;
  const session: FlaskSession = Object.create(null);
  for (const pair of list) {
    const items = pair instanceof PyTuple ? pair.items : pair;
    if (!Array.isArray(items) || items.length !== 2 || typeof items[0] !== 'string')
      return undefined;
    session[items[0]] = items[1] as FlaskValue;
  }
  return session;
}

interface Unverified {
  session: FlaskSession;
  timestamp: number;
  compressed: boolean;
}

/** Decode without checking the signature: payload.timestamp.signature, payload maybe "."-compressed. */
async function decodeUnverified(value: string): Promise<Unverified> {
  const sigAt = value.lastIndexOf('.');
  const tsAt = sigAt > 0 ? value.lastIndexOf('.', sigAt - 1) : -1;
  const payload = tsAt > 0 ? value.slice(0, tsAt) : '';
  const timestamp = tsAt > 0 ? decodeTimestamp(value.slice(tsAt + 1, sigAt)) : undefined;
  if (payload === '' || payload === '.' || timestamp === undefined) {
    throw new CliError(
      'E_BAD_INPUT',
      `not a Flask session cookie: ${JSON.stringify(value.slice(0, 60))} (expected payload.timestamp.signature, as in eyJ...Zx.abc)`,
    );
  }
  let data: FlaskValue;
  try {
    data = loadsTaggedJson(await decodeUrlSafePayload(payload));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError('E_BAD_INPUT', `the payload does not decode: ${reason}`);
  }
  const session = asSession(data);
  if (session === undefined) {
    throw new CliError('E_BAD_INPUT', 'the payload is not a dict (Flask would answer HTTP 500)');
  }
  return { session, timestamp, compressed: payload.startsWith('.') };
}

function ago(seconds: number): string {
  const abs = Math.abs(seconds);
  const unit =
    abs < 120
      ? `${abs} s`
      : abs < 7200
        ? `${Math.round(abs / 60)} min`
        : abs < 172_800
          ? `${Math.round(abs / 3600)} h`
          : `${Math.round(abs / 86_400)} days`;
  return seconds >= 0 ? `${unit} ago` : `${unit} in the future`;
}

/**
 * `shortbread flask decode <cookie> [--secret K] [--fallback K]`: the session inside a Flask cookie,
 * with Python types shown; verified (signature and `PERMANENT_SESSION_LIFETIME`) when a secret is
 * given, exit 1 when verification fails.
 *
 * @example
 * ```ts
 * await flaskDecodeCommand.run(context); // { stdout: "signature  verified ...\n{\n    'user_id': 42,\n}\n", exitCode: 0 }
 * ```
 */
export const flaskDecodeCommand: Command = {
  name: 'flask decode',
  summary: 'show the session inside a Flask session cookie (verified with --secret)',
  usage: 'shortbread flask decode <cookie> [--secret KEY] [--fallback OLD]... [--json]',
  details:
    'The cookie is the value (eyJ...), a name=value pair, or a whole Cookie header (the "session"\n' +
    'cookie is picked, or --name). Without a secret the payload is shown unverified. With one, the\n' +
    'signature and age are checked as Flask does (SECRET_KEY, then SECRET_KEY_FALLBACKS; the age\n' +
    'limit is PERMANENT_SESSION_LIFETIME, 31 days unless --max-age). Python types are shown as\n' +
    'Python writes them; --json marks them ({"$tuple": [...]}, {"$bytes": "<base64>"}, ...).',
  options: {
    ...SECRET_OPTION,
    fallback: {
      type: 'string',
      multiple: true,
      value: 'KEY',
      description: 'an old key from SECRET_KEY_FALLBACKS (repeatable)',
    },
    'max-age': {
      type: 'string',
      value: 'SECONDS',
      description: "PERMANENT_SESSION_LIFETIME (default 2678400, Flask's 31 days)",
    },
    salt: {
      type: 'string',
      value: 'SALT',
      description: 'session_interface.salt (default cookie-session)',
    },
    name: {
      type: 'string',
      value: 'NAME',
      description: 'cookie name to pick from a header (default session)',
    },
    ...NOW_OPTION,
    ...JSON_OPTION,
    ...COMMON_OPTIONS,
  },
  examples: [
    'shortbread flask decode eyJ1c2VyX2lkIjo0Mn0.aSXn4A.0nT5v5bYq3o4TmO1nXcV2hq8J5Y',
    'shortbread flask decode \'session=eyJ...\' --secret "$FLASK_SECRET_KEY"',
    'shortbread flask decode "$COOKIE" --secret new-key --fallback old-key --json',
  ],
  async run(context) {
    const args = context.args;
    const value = cookieValue(
      await singleInput(context, 'a session cookie'),
      args.string('name') ?? 'session',
    );
    const unverified = await decodeUnverified(value);
    const secrets = secretsOf(context, false);
    const nowSeconds = secondsOption(context, 'now');
    const now = new Date(nowSeconds === undefined ? context.now : nowSeconds * 1000);
    let verification: { keyIndex: number; rotated: boolean; validUntil: Date } | undefined;
    let session = unverified.session;
    const fallbacks = args.strings('fallback');
    if (secrets.length === 0 && fallbacks.length > 0) {
      throw new CliError('E_USAGE', '--fallback needs --secret (the current SECRET_KEY) as well');
    }
    if (secrets.length > 0) {
      const maxAge = secondsOption(context, 'max-age');
      const salt = args.string('salt');
      const codec = new FlaskSessionCodec({
        secretKey: secrets[secrets.length - 1] as string,
        fallbacks: [...fallbacks, ...secrets.slice(0, -1)],
        ...(maxAge === undefined ? {} : { maxAge }),
        ...(salt === undefined ? {} : { salt }),
      });
      try {
        const result = await codec.decodeWithKey(value, { now });
        verification = {
          keyIndex: result.keyIndex,
          rotated: result.rotated,
          validUntil: new Date((result.timestamp + codec.maxAge) * 1000),
        };
        session = result.session;
      } catch (error) {
        if (error instanceof SignatureExpired) {
          const age = Math.floor(now.getTime() / 1000) - unverified.timestamp;
          throw new CliError(
            'E_EXPIRED',
            `the session is expired: signed ${ago(age)}, over the lifetime of ${codec.maxAge} s (Flask gives an empty session; --max-age sets PERMANENT_SESSION_LIFETIME)`,
          );
        }
        if (error instanceof BadSignature) {
          throw new CliError(
            'E_BAD_SIGNATURE',
            'the signature does not match: wrong --secret, a missing --fallback, another --salt, or the cookie was changed (run without --secret to see the payload)',
          );
        }
        if (error instanceof BadPayload) throw new CliError('E_BAD_INPUT', error.message);
        throw error;
      }
    }
    const signedAt = new Date(unverified.timestamp * 1000);
    if (args.flag('json')) {
      return {
        stdout: jsonOutput({
          session: toTypedJson(session),
          timestamp: unverified.timestamp,
          signedAt: signedAt.toISOString(),
          compressed: unverified.compressed,
          verified: verification !== undefined,
          ...(verification ?? {}),
        }),
        exitCode: 0,
      };
    }
    const c = context.colors;
    const age = Math.floor(now.getTime() / 1000) - unverified.timestamp;
    const status =
      verification === undefined
        ? c.yellow('not verified (give --secret to check it)')
        : verification.rotated
          ? c.yellow(
              'verified with an old key (Flask re-signs it with SECRET_KEY on the next write)',
            )
          : c.green('verified');
    let out = '';
    out += `${c.bold('signature ')}  ${status}\n`;
    out += `${c.bold('signed at ')}  ${signedAt.toISOString()} (${ago(age)})\n`;
    if (verification !== undefined) {
      const left = Math.floor((verification.validUntil.getTime() - now.getTime()) / 1000);
      out += `${c.bold('valid until')} ${verification.validUntil.toISOString()} (${ago(-left).replace('in the future', 'from now')})\n`;
    }
    out += `${c.bold('compressed')}  ${unverified.compressed ? 'yes (zlib)' : 'no'}\n`;
    out += `${c.bold('session   ')}  ${pythonSessionRepr(session).replaceAll('\n', '\n            ')}\n`;
    return { stdout: out, exitCode: 0 };
  },
};
