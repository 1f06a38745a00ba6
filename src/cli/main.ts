/**
 * @module The command-line tool's entry: finds the command, runs it, and is the only code that
 * prints or sets the exit status.
 */
import { parseArgs } from './args.js';
import { CliError } from './cli-error.js';
import { type Colors, createColors, shouldColor } from './color.js';
import type { Command, CommandResult } from './command.js';
import { COMMANDS } from './commands/index.js';
import { renderProgress } from './progress-bar.js';
import { commandUsage, mainUsage } from './usage.js';

/**
 * The outside world as {@link execute} sees it.
 *
 * @example
 * ```ts
 * const io: CliIo = { env: {}, stdoutIsTTY: false, stderrIsTTY: false, stdinIsTTY: true, readStdin: async () => '', version: '0.1.0' };
 * ```
 */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly stdinIsTTY: boolean;
  readonly readStdin: () => Promise<string>;
  readonly version: string;
  /** Where progress bars are drawn (a terminal's stderr); none when absent. */
  readonly drawProgress?: (text: string) => void;
  /** The clock, epoch milliseconds. @default SHORTBREAD_NOW (Unix seconds) from `env`, else Date.now() */
  readonly now?: number;
}

const GROUPS = ['flask', 'jar'];

/**
 * The clock: `io.now`, else `SHORTBREAD_NOW` (Unix seconds, so the output of a command is the same
 * whenever it runs: the docs' examples are checked that way), else the system clock.
 */
function clock(io: CliIo): number {
  if (io.now !== undefined) return io.now;
  const text = io.env.SHORTBREAD_NOW;
  if (text === undefined || text === '') return Date.now();
  const seconds = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(seconds)) {
    throw new CliError(
      'E_USAGE',
      `SHORTBREAD_NOW is invalid: ${JSON.stringify(text)} (Unix seconds, such as 1700000000; unset it to use the clock)`,
    );
  }
  return seconds * 1000;
}

function findCommand(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  const [first, second] = argv;
  if (first === undefined) return undefined;
  if (second !== undefined) {
    const pair = COMMANDS.find((c) => c.name === `${first} ${second}`);
    if (pair) return { command: pair, rest: argv.slice(2) };
  }
  const single = COMMANDS.find((c) => c.name === first);
  return single ? { command: single, rest: argv.slice(1) } : undefined;
}

function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  return head.includes('--help') || head.includes('-h');
}

function groupUsage(group: string, c: Colors): string {
  const members = COMMANDS.filter((command) => command.name.startsWith(`${group} `));
  const width = Math.max(...members.map((m) => m.name.length));
  let out = `${c.bold('Usage:')} shortbread ${group} <command> [options]\n\n${c.bold('Commands:')}\n`;
  for (const m of members) out += `  ${c.cyan(m.name.padEnd(width))}  ${m.summary}\n`;
  return out;
}

/**
 * Run the tool on `argv` (without `node` and the script) and return what to print and the exit
 * status, without printing: 0 success, 1 a failed check or an error found, 2 a usage mistake.
 *
 * @example
 * ```ts
 * const { stdout, exitCode } = await execute(['parse', 'a=1'], io);
 * ```
 */
export async function execute(argv: readonly string[], io: CliIo): Promise<CommandResult> {
  const colors = createColors(shouldColor(io.stdoutIsTTY, io.env));
  const errColors = createColors(shouldColor(io.stderrIsTTY, io.env));
  const [first] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const target = first === 'help' ? findCommand(argv.slice(1)) : undefined;
    if (target) return { stdout: commandUsage(target.command, colors), exitCode: 0 };
    return {
      stdout: mainUsage(COMMANDS, io.version, colors),
      exitCode: first === undefined ? 2 : 0,
    };
  }
  if (first === '--version' || first === '-v') return { stdout: `${io.version}\n`, exitCode: 0 };

  const found = findCommand(argv);
  let name = first;
  try {
    if (found === undefined) {
      if (GROUPS.includes(first)) {
        const sub = argv[1];
        if (sub === undefined || sub === '--help' || sub === '-h') {
          return { stdout: groupUsage(first, colors), exitCode: sub === undefined ? 2 : 0 };
        }
        throw new CliError(
          'E_UNKNOWN_COMMAND',
          `unknown command ${JSON.stringify(`${first} ${sub}`)} (run shortbread ${first} --help)`,
        );
      }
      throw new CliError(
        'E_UNKNOWN_COMMAND',
        `unknown command ${JSON.stringify(first)} (run shortbread --help for the list)`,
      );
    }
    const { command, rest } = found;
    name = command.name;
    if (wantsHelp(rest)) return { stdout: commandUsage(command, colors), exitCode: 0 };
    const args = parseArgs(rest, command.options);
    const drawProgress = io.drawProgress;
    return await command.run({
      args,
      colors,
      now: clock(io),
      readStdin: io.readStdin,
      stdinIsTTY: io.stdinIsTTY,
      env: io.env,
      ...(drawProgress === undefined
        ? {}
        : {
            progress: (done: number, total: number, label: string) => {
              drawProgress(renderProgress(done, total, label));
              if (done >= total) drawProgress('\n');
            },
          }),
    });
  } catch (error) {
    if (error instanceof CliError) {
      const hint =
        error.exitCode === 2 && found !== undefined
          ? `\n${errColors.dim(`Run 'shortbread ${name} --help' for usage.`)}`
          : '';
      return {
        stdout: '',
        stderr: `${errColors.red(`shortbread ${name}:`)} ${error.message}${hint}\n`,
        exitCode: error.exitCode,
      };
    }
    // Anything else is a bug in shortbread: show everything.
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return {
      stdout: '',
      stderr: `shortbread ${name}: internal error, please report it with the command you ran:\n${detail}\n`,
      exitCode: 70,
    };
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk as string;
  return text;
}

/**
 * The bin's main: run {@link execute} on the process's arguments, print, and set the exit status.
 *
 * @example
 * ```ts
 * await runMain(process.argv.slice(2), '0.1.0');
 * ```
 */
export async function runMain(argv: readonly string[], version: string): Promise<void> {
  const stderr = process.stderr;
  const result = await execute(argv, {
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    readStdin: () => readAll(process.stdin),
    version,
    ...(stderr.isTTY === true ? { drawProgress: (text: string) => stderr.write(text) } : {}),
  });
  if (result.stdout !== '') process.stdout.write(result.stdout);
  if (result.stderr !== undefined && result.stderr !== '') stderr.write(result.stderr);
  // Set, not exit(): lets piped stdout drain before the process ends.
  process.exitCode = result.exitCode;
}
