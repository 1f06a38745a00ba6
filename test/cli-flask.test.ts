/**
 * `shortbread flask decode` reads session cookies made by the real Flask on both Python stacks of
 * the machine (3.1 and 2.2), and `shortbread flask sign` makes cookies both accept. Fails (never
 * skips) when Python or Flask is missing.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, runCliJson } from './helpers/cli.js';
import {
  PYTHON_STACKS,
  type PythonStack,
  requirePythonStack,
  runPythonJson,
} from './helpers/python.js';

// Each test starts processes (node, Python); a loaded CI machine can take a while.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

/** Makes a session cookie with Flask's own serializer, for the secret and fallbacks on stdin. */
const MAKE_COOKIE = `
import json, sys, uuid, datetime
from flask import Flask
from markupsafe import Markup
opts = json.load(sys.stdin)
app = Flask("cli-test")
app.secret_key = opts["secret"]
session = {
    "user_id": 42,
    "_fresh": True,
    "_flashes": [("message", "Saved")],
    "token": b"\\x00\\xffab",
    "note": Markup("<b>it's</b>"),
    "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "when": datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
    "price": 3.0,
    "ratio": 0.1,
    "big": 2 ** 70,
    "none": None,
    "text": "caf\\u00e9 " * opts.get("repeat", 1),
}
s = app.session_interface.get_signing_serializer(app)
# Inside a request, as Flask saves a session: its JSON provider sorts the keys.
with app.test_request_context():
    print(json.dumps({"cookie": s.dumps(session)}))
`;

/** Loads a cookie with Flask's serializer (and SECRET_KEY_FALLBACKS where Flask has them). */
const LOAD_COOKIE = `
import json, sys
from flask import Flask
opts = json.load(sys.stdin)
app = Flask("cli-test")
app.secret_key = opts["secret"]
app.config["SECRET_KEY_FALLBACKS"] = opts.get("fallbacks", [])
s = app.session_interface.get_signing_serializer(app)
print(json.dumps({"repr": repr(s.loads(opts["cookie"], max_age=2678400))}))
`;

const EXPECTED_REPR =
  "{'_flashes': [('message', 'Saved')], '_fresh': True, 'big': 1180591620717411303424, " +
  "'id': UUID('12345678-1234-5678-1234-567812345678'), 'none': None, 'note': Markup(\"<b>it's</b>\"), " +
  "'price': 3.0, 'ratio': 0.1, 'text': 'café ', 'token': b'\\x00\\xffab', " +
  "'user_id': 42, 'when': datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)}";

function makeCookie(stack: PythonStack, secret: string, repeat = 1): string {
  const out = runPythonJson(PYTHON_STACKS[stack].command, ['-c', MAKE_COOKIE], { secret, repeat });
  return (out as { cookie: string }).cookie;
}

function flaskLoads(stack: PythonStack, cookie: string, secret: string): string {
  const out = runPythonJson(PYTHON_STACKS[stack].command, ['-c', LOAD_COOKIE], { secret, cookie });
  return (out as { repr: string }).repr;
}

describe.each(['modern', 'legacy'] as const)('flask decode/sign with %s Flask', (stack) => {
  let cookie = '';
  beforeAll(() => {
    requirePythonStack(stack);
    cookie = makeCookie(stack, 'dev-secret');
  });

  it('decodes a Flask cookie without a secret, with Python types shown', async () => {
    const run = await runCli(['flask', 'decode', cookie]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('not verified (give --secret to check it)');
    for (const shown of [
      "'_flashes': [('message', 'Saved')],",
      "'_fresh': True,",
      "'token': b'\\x00\\xffab',",
      "'note': Markup(\"<b>it's</b>\"),",
      "'id': UUID('12345678-1234-5678-1234-567812345678'),",
      "'when': datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),",
      "'price': 3.0,",
      "'ratio': 0.1,",
      "'big': 1180591620717411303424,",
      "'none': None,",
      "'text': 'café ',",
    ]) {
      expect(run.stdout).toContain(shown);
    }
  });

  it('verifies with --secret and prints typed JSON', async () => {
    const decoded = (await runCliJson([
      'flask',
      'decode',
      `session=${cookie}`,
      '--secret',
      'dev-secret',
      '--json',
    ])) as Record<string, unknown>;
    expect(decoded).toMatchObject({ verified: true, keyIndex: 0, rotated: false });
    expect(decoded.session).toEqual({
      _flashes: [{ $tuple: ['message', 'Saved'] }],
      _fresh: true,
      big: { $int: '1180591620717411303424' },
      id: { $uuid: '12345678-1234-5678-1234-567812345678' },
      none: null,
      note: { $markup: "<b>it's</b>" },
      price: { $float: 3 },
      ratio: 0.1,
      text: 'café ',
      token: { $bytes: 'AP9hYg==' },
      user_id: 42,
      when: { $datetime: '2024-01-02T03:04:05Z' },
    });
  });

  it('reads a compressed cookie and a whole Cookie header', async () => {
    const big = makeCookie(stack, 'dev-secret', 50);
    expect(big.startsWith('.')).toBe(true);
    const run = await runCli(['flask', 'decode', '--secret', 'dev-secret'], {
      input: `Cookie: theme=dark; session=${big}; lang=en\n`,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/compressed\s+yes \(zlib\)/);
    expect(run.stdout).toContain("'text': 'café café ");
  });

  it('exits 1 on a wrong secret or a changed cookie, without a stack trace', async () => {
    const wrong = await runCli(['flask', 'decode', cookie, '--secret', 'other']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^shortbread flask decode: the signature does not match/);
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
    const tampered = `${cookie.slice(0, -2)}${cookie.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await runCli(['flask', 'decode', tampered, '--secret', 'dev-secret'])).code).toBe(1);
  });

  it("exits 1 when the cookie is older than Flask's 31 days", async () => {
    const later = String(Math.floor(Date.now() / 1000) + 32 * 86_400);
    const run = await runCli(['flask', 'decode', cookie, '--secret', 'dev-secret', '--now', later]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the session is expired');
    const longer = await runCli([
      'flask',
      'decode',
      cookie,
      '--secret',
      'dev-secret',
      '--now',
      later,
      '--max-age',
      String(40 * 86_400),
    ]);
    expect(longer.code).toBe(0);
  });

  it('signs a session that Flask reads back with every type', async () => {
    const session = {
      user_id: 42,
      _fresh: true,
      _flashes: [{ $tuple: ['message', 'Saved'] }],
      token: { $bytes: 'AP9hYg==' },
      note: { $markup: "<b>it's</b>" },
      id: { $uuid: '12345678-1234-5678-1234-567812345678' },
      when: { $datetime: '2024-01-02T03:04:05Z' },
      big: { $int: '1180591620717411303424' },
      none: null,
      text: 'café ',
    };
    // 3.0 and 0.1 are written as JSON floats: they must stay floats.
    const json = JSON.stringify(session).replace(/}$/, ', "price": 3.0, "ratio": 0.1}');
    const run = await runCli(['flask', 'sign', '--secret', 'dev-secret', json]);
    expect(run.code).toBe(0);
    expect(flaskLoads(stack, run.stdout.trim(), 'dev-secret')).toBe(EXPECTED_REPR);
  });

  it('signs the same bytes as Flask for the same session and second', async () => {
    const script = `
import json, sys, time
from flask import Flask
app = Flask("x"); app.secret_key = "k"
s = app.session_interface.get_signing_serializer(app)
import itsdangerous.timed as t
t.TimestampSigner.get_timestamp = lambda self: 1700000000
with app.test_request_context():
    print(json.dumps({"cookie": s.dumps({"b": [1, 2.5], "a": "x"})}))
`;
    const expected = (
      runPythonJson(PYTHON_STACKS[stack].command, ['-c', script]) as { cookie: string }
    ).cookie;
    const run = await runCli([
      'flask',
      'sign',
      '--secret',
      'k',
      '--now',
      '1700000000',
      '{"b": [1, 2.5], "a": "x"}',
    ]);
    expect(run.stdout).toBe(`${expected}\n`);
  });
});

describe('flask decode with key rotation (Flask 3.1 SECRET_KEY_FALLBACKS)', () => {
  it('verifies a cookie signed with an old key through --fallback, and says it rotated', async () => {
    requirePythonStack('modern');
    const old = makeCookie('modern', 'old-key');
    const decoded = (await runCliJson([
      'flask',
      'decode',
      old,
      '--secret',
      'new-key',
      '--fallback',
      'old-key',
      '--json',
    ])) as Record<string, unknown>;
    expect(decoded).toMatchObject({ verified: true, rotated: true, keyIndex: 0 });
    const text = await runCli([
      'flask',
      'decode',
      old,
      '--secret',
      'new-key',
      '--fallback',
      'old-key',
    ]);
    expect(text.stdout).toContain('verified with an old key');
    // And Flask itself accepts the rotated cookie the same way.
    const out = runPythonJson(PYTHON_STACKS.modern.command, ['-c', LOAD_COOKIE], {
      secret: 'new-key',
      fallbacks: ['old-key'],
      cookie: old,
    }) as { repr: string };
    expect(out.repr).toBe(EXPECTED_REPR);
  });

  it('rejects bad input clearly', async () => {
    const notCookie = await runCli(['flask', 'decode', 'hello']);
    expect(notCookie.code).toBe(1);
    expect(notCookie.stderr).toContain('not a Flask session cookie');
    const badJson = await runCli(['flask', 'sign', '--secret', 'k', '{nope']);
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toContain('the session is not valid JSON');
    const notObject = await runCli(['flask', 'sign', '--secret', 'k', '[1]']);
    expect(notObject.stderr).toContain('the session must be a JSON object');
  });
});
