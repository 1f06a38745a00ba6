/** @module The shape of a command: its help, its options, and a run function that returns its output. */
import type { OptionSpecs, ParsedArgs } from './args.js';
import type { Colors } from './color.js';

/**
 * What a command gets: its parsed arguments and the few things of the outside world it may use.
 * Commands never print or exit; `main` does.
 *
 * @example
 * ```ts
 * const result = await command.run({ args, colors: createColors(false), now: Date.now(), readStdin, stdinIsTTY: false });
 * ```
 */
export interface CommandContext {
  readonly args: ParsedArgs;
  readonly colors: Colors;
  /** The clock, epoch milliseconds. */
  readonly now: number;
  /** All of standard input as text (read once, on demand). */
  readonly readStdin: () => Promise<string>;
  /** True when standard input is a terminal (nothing piped in). */
  readonly stdinIsTTY: boolean;
  /** Environment variables (secrets may come from `SHORTBREAD_SECRET`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reports progress of long work; `main` draws it on a terminal's stderr, or ignores it. */
  readonly progress?: (done: number, total: number, label: string) => void;
}

/**
 * What a command returns: the text for stdout (and optionally stderr), and the exit status.
 *
 * @example
 * ```ts
 * const result: CommandResult = { stdout: 'a  1\n', exitCode: 0 };
 * ```
 */
export interface CommandResult {
  readonly stdout: string;
  readonly stderr?: string;
  readonly exitCode: number;
}

/**
 * One command of the tool.
 *
 * @example
 * ```ts
 * const hello: Command = { name: 'hello', summary: 'say hello', usage: 'shortbread hello', options: {}, examples: [], run: async () => ({ stdout: 'hi\n', exitCode: 0 }) };
 * ```
 */
export interface Command {
  /** As typed after `shortbread`: `parse`, `flask decode`. */
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** More lines of help after the usage. */
  readonly details?: string;
  readonly options: OptionSpecs;
  /** Shell lines shown under "Examples". */
  readonly examples: readonly string[];
  run(context: CommandContext): Promise<CommandResult>;
}

/**
 * Options every command takes.
 *
 * @example
 * ```ts
 * const options = { ...JSON_OPTION, ...COMMON_OPTIONS };
 * ```
 */
export const COMMON_OPTIONS: OptionSpecs = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/**
 * The `--json` option.
 *
 * @example
 * ```ts
 * if (context.args.flag('json')) return { stdout: jsonOutput(result), exitCode: 0 };
 * ```
 */
export const JSON_OPTION: OptionSpecs = {
  json: { type: 'boolean', description: 'print JSON (for scripts and jq)' },
};

/**
 * Pretty JSON with a final newline, as every `--json` output is written.
 *
 * @example
 * ```ts
 * jsonOutput({ a: 1 }); // '{\n  "a": 1\n}\n'
 * ```
 */
export function jsonOutput(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
