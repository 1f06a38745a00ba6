import { describe, expect, it } from 'vitest';
import { parseArgs } from './args.js';
import { CliError } from './cli-error.js';

const specs = {
  json: { type: 'boolean', description: '' },
  secret: { type: 'string', multiple: true, description: '' },
  salt: { type: 'string', description: '' },
  help: { type: 'boolean', short: 'h', description: '' },
} as const;

describe('parseArgs', () => {
  it('reads flags, values in both spellings, repeats and positionals in order', () => {
    const args = parseArgs(
      ['tok', '--secret', 'a', '--secret=b', '--json', '--salt', 's1', '--salt=s2', 'x'],
      specs,
    );
    expect(args.positionals).toEqual(['tok', 'x']);
    expect(args.strings('secret')).toEqual(['a', 'b']);
    expect(args.string('salt')).toBe('s2');
    expect(args.strings('salt')).toEqual(['s2']);
    expect(args.flag('json')).toBe(true);
    expect(args.flag('help')).toBe(false);
  });

  it('takes short aliases, --no-flag, "-" and everything after "--" as positionals', () => {
    const args = parseArgs(['-h', '--json', '--no-json', '-', '--', '--secret', '-x'], specs);
    expect(args.flag('help')).toBe(true);
    expect(args.flag('json')).toBe(false);
    expect(args.positionals).toEqual(['-', '--secret', '-x']);
  });

  it('keeps negative numbers and values that look like options after a string option', () => {
    const args = parseArgs(['-5', '--salt', '--json'], specs);
    expect(args.positionals).toEqual(['-5']);
    expect(args.string('salt')).toBe('--json');
  });

  it.each([
    [['--jsn'], 'E_UNKNOWN_OPTION', 'unknown option "--jsn"'],
    [['-x'], 'E_UNKNOWN_OPTION', 'unknown option "-x"'],
    [['--secret'], 'E_MISSING_ARGUMENT', 'option --secret needs a value'],
    [['--json=1'], 'E_USAGE', 'option --json takes no value'],
    [['--__proto__'], 'E_UNKNOWN_OPTION', 'unknown option "--__proto__"'],
  ])('%j throws %s', (argv, code, message) => {
    let thrown: unknown;
    try {
      parseArgs(argv, specs);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CliError);
    expect((thrown as CliError).code).toBe(code);
    expect((thrown as CliError).message).toContain(message);
    expect((thrown as CliError).exitCode).toBe(2);
  });
});
