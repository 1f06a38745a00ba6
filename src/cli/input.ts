/** @module Where a command's text comes from: its arguments, or the lines piped to stdin. */
import { CliError } from './cli-error.js';
import type { CommandContext } from './command.js';

/**
 * The arguments when there are any (`-` stands for stdin), else the non-empty lines of stdin.
 * Throws `E_MISSING_ARGUMENT` when there is neither.
 *
 * @example
 * ```ts
 * const headers = await inputLines(context, 'a Cookie header');
 * ```
 */
export async function inputLines(context: CommandContext, what: string): Promise<string[]> {
  const positionals = context.args.positionals;
  if (positionals.length > 0 && !(positionals.length === 1 && positionals[0] === '-')) {
    return [...positionals];
  }
  if (context.stdinIsTTY && positionals[0] !== '-') {
    throw new CliError('E_MISSING_ARGUMENT', `give ${what} as an argument, or pipe it to stdin`);
  }
  const text = await context.readStdin();
  const lines = text.split('\n').flatMap((line) => {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    return trimmed.trim() === '' ? [] : [trimmed];
  });
  if (lines.length === 0) {
    throw new CliError(
      'E_MISSING_ARGUMENT',
      `stdin is empty: give ${what} as an argument, or pipe it in`,
    );
  }
  return lines;
}

/**
 * One argument, or the whole of stdin trimmed, for commands that take a single value (a token, JSON).
 *
 * @example
 * ```ts
 * const token = await singleInput(context, 'a token');
 * ```
 */
export async function singleInput(context: CommandContext, what: string): Promise<string> {
  const positionals = context.args.positionals;
  if (positionals.length > 1) {
    throw new CliError(
      'E_USAGE',
      `expected one argument (${what}), got ${positionals.length}; quote it if it has spaces`,
    );
  }
  const first = positionals[0];
  if (first !== undefined && first !== '-') return first;
  if (context.stdinIsTTY && first !== '-') {
    throw new CliError('E_MISSING_ARGUMENT', `give ${what} as an argument, or pipe it to stdin`);
  }
  return (await context.readStdin()).trim();
}

/**
 * Drop a leading `Set-Cookie:` (as copied from `curl -i`), case-insensitively.
 *
 * @example
 * ```ts
 * stripHeaderName('Set-Cookie: a=1', 'set-cookie'); // 'a=1'
 * ```
 */
export function stripHeaderName(line: string, header: string): string {
  const head = line.slice(0, header.length + 1).toLowerCase();
  return head === `${header}:` ? line.slice(header.length + 1).trimStart() : line;
}
