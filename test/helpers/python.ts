/**
 * @module Runs one of the project's two Python stacks with a script and JSON on stdin, and returns the
 * JSON it prints; fails loudly (never skips) when the interpreter or its Flask is missing.
 */
import { spawnSync } from 'node:child_process';

/** The two Werkzeug lines the interop tests run against. */
export type PythonStack = 'legacy' | 'modern';

/** Where each stack lives and which Werkzeug line it must be. */
export interface PythonStackInfo {
  /** The interpreter to spawn. */
  readonly command: string;
  /** The Werkzeug version the stack must report, as a prefix match. */
  readonly werkzeug: RegExp;
  /** What to install when it is missing, for the error message. */
  readonly install: string;
}

/**
 * `legacy` is Debian's `python3-flask` (Flask 2.2 / Werkzeug 2.2) at /usr/bin/python3; `modern` is the
 * `python3` on PATH (Flask 3.1 / Werkzeug 3.1). LEGACY_PYTHON / MODERN_PYTHON override the commands.
 *
 * @example
 * ```ts
 * PYTHON_STACKS.legacy.command; // '/usr/bin/python3'
 * ```
 */
export const PYTHON_STACKS: Readonly<Record<PythonStack, PythonStackInfo>> = {
  legacy: {
    command: process.env.LEGACY_PYTHON ?? '/usr/bin/python3',
    werkzeug: /^2\.2\./,
    install: 'apt-get install -y python3-flask',
  },
  modern: {
    command: process.env.MODERN_PYTHON ?? 'python3',
    werkzeug: /^3\.1\./,
    install: 'a python3 on PATH with Flask 3.1 / Werkzeug 3.1',
  },
};

/** The versions a stack reports. */
export interface StackVersions {
  werkzeug: string;
  flask: string;
}

const probe =
  'import json, importlib.metadata as m, flask, werkzeug\n' +
  'print(json.dumps({"werkzeug": m.version("werkzeug"), "flask": m.version("flask")}))';

/**
 * Runs `command args...` with `input` as JSON on stdin and parses what it prints as JSON. Throws with
 * the exit status and stderr when the process cannot start, fails, or prints something else.
 *
 * @example
 * ```ts
 * const out = runPythonJson('python3', ['-c', 'import json,sys; print(json.dumps(json.load(sys.stdin)))'], [1]);
 * ```
 */
export function runPythonJson(command: string, args: readonly string[], input?: unknown): unknown {
  const result = spawnSync(command, args, {
    input: input === undefined ? '' : JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
    // The scripts print UTF-8 JSON whatever the locale of the machine running the tests.
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' },
  });
  const shown = [command, ...args.map((a) => (a.length > 60 ? `${a.slice(0, 57)}...` : a))].join(
    ' ',
  );
  if (result.error) {
    throw new Error(`cannot run ${shown}: ${result.error.message}`, { cause: result.error });
  }
  if (result.status !== 0) {
    throw new Error(`${shown} exited with ${result.status ?? result.signal}:\n${result.stderr}`);
  }
  try {
    return JSON.parse(result.stdout) as unknown;
  } catch (cause) {
    throw new Error(`${shown} did not print JSON:\n${result.stdout.slice(0, 2000)}`, { cause });
  }
}

/**
 * Checks that a stack's interpreter runs, imports Flask and Werkzeug, and is the Werkzeug line it
 * stands for; returns its versions. Throws a message that says what to install otherwise.
 *
 * @example
 * ```ts
 * requirePythonStack('legacy').werkzeug; // '2.2.2'
 * ```
 */
export function requirePythonStack(stack: PythonStack): StackVersions {
  const info = PYTHON_STACKS[stack];
  let versions: StackVersions;
  try {
    versions = runPythonJson(info.command, ['-c', probe]) as StackVersions;
  } catch (cause) {
    throw new Error(
      `the ${stack} Python stack is missing: ${info.command} must import flask and werkzeug (${info.install})`,
      { cause },
    );
  }
  if (!info.werkzeug.test(versions.werkzeug)) {
    throw new Error(
      `the ${stack} Python stack has Werkzeug ${versions.werkzeug}, expected ${info.werkzeug} (${info.install})`,
    );
  }
  return versions;
}
