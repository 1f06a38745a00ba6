/** @module A small command-line argument parser: flags, options with values, repeats, `--`. */
import { CliError } from './cli-error.js';

/**
 * One option a command accepts.
 *
 * @example
 * ```ts
 * const secret: OptionSpec = { type: 'string', multiple: true, value: 'KEY', description: 'the secret key' };
 * ```
 */
export interface OptionSpec {
  /** `boolean` options take no value; `string` options take the next argument or `--name=value`. */
  readonly type: 'string' | 'boolean';
  /** A one-letter alias (`-h`). */
  readonly short?: string;
  /** Repeatable: every value is kept, in order. */
  readonly multiple?: boolean;
  /** The value's placeholder in the help (`KEY`). */
  readonly value?: string;
  readonly description: string;
}

/**
 * Options by long name.
 *
 * @example
 * ```ts
 * const options: OptionSpecs = { json: { type: 'boolean', description: 'print JSON' } };
 * ```
 */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/**
 * What {@link parseArgs} found.
 *
 * @example
 * ```ts
 * const args = parseArgs(['a=1', '--json'], { json: { type: 'boolean', description: '' } });
 * args.flag('json'); // true
 * ```
 */
export interface ParsedArgs {
  /** Arguments that are not options, in order. */
  readonly positionals: readonly string[];
  /** True when a boolean option was given. */
  flag(name: string): boolean;
  /** The last value of a string option. */
  string(name: string): string | undefined;
  /** Every value of a string option, in order. */
  strings(name: string): readonly string[];
}

/**
 * Parse `argv` against `specs`. `--name value`, `--name=value`, `-x value`, `--flag`, `--no-flag`
 * (clears a boolean), `--` ends the options, and `-` alone is a positional (stdin). An unknown
 * option or a missing value throws a {@link CliError} with exit code 2.
 *
 * @example
 * ```ts
 * const args = parseArgs(['tok', '--secret', 'k', '--secret=old'], {
 *   secret: { type: 'string', multiple: true, description: 'key' },
 * });
 * args.strings('secret'); // ['k', 'old']
 * ```
 */
export function parseArgs(argv: readonly string[], specs: OptionSpecs): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, boolean>();
  const values = new Map<string, string[]>();
  const shorts = new Map<string, string>();
  for (const [name, spec] of Object.entries(specs)) if (spec.short) shorts.set(spec.short, name);

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.length < 2 || arg[0] !== '-' || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (eq >= 0) inline = arg.slice(eq + 1);
    } else {
      const long = shorts.get(arg.slice(1, 2));
      if (long === undefined || arg.length > 2) {
        throw new CliError('E_UNKNOWN_OPTION', `unknown option ${JSON.stringify(arg)}`);
      }
      name = long;
    }
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined && name.startsWith('no-') && inline === undefined) {
      const base = name.slice(3);
      const negated = Object.hasOwn(specs, base) ? specs[base] : undefined;
      if (negated?.type === 'boolean') {
        flags.set(base, false);
        continue;
      }
    }
    if (spec === undefined) {
      throw new CliError('E_UNKNOWN_OPTION', `unknown option ${JSON.stringify(`--${name}`)}`);
    }
    if (spec.type === 'boolean') {
      if (inline !== undefined) {
        throw new CliError(
          'E_USAGE',
          `option --${name} takes no value (got ${JSON.stringify(inline)})`,
        );
      }
      flags.set(name, true);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined) {
        throw new CliError(
          'E_MISSING_ARGUMENT',
          `option --${name} needs a value (--${name} ${spec.value ?? 'VALUE'})`,
        );
      }
      value = next;
      i++;
    }
    const list = values.get(name) ?? [];
    if (spec.multiple) list.push(value);
    else list.splice(0, list.length, value);
    values.set(name, list);
  }

  return {
    positionals,
    flag: (name) => flags.get(name) === true,
    string: (name) => values.get(name)?.at(-1),
    strings: (name) => values.get(name) ?? [],
  };
}
