/** @module The `--help` texts: the tool's overview and each command's usage, options and examples. */
import type { OptionSpec } from './args.js';
import type { Colors } from './color.js';
import type { Command } from './command.js';

/**
 * A command's help: summary, usage, details, options, examples.
 *
 * @example
 * ```ts
 * commandUsage(parseCommand, createColors(false));
 * ```
 */
export function commandUsage(command: Command, c: Colors): string {
  let out = `${command.summary}\n\n${c.bold('Usage:')} ${command.usage}\n`;
  if (command.details) out += `\n${command.details}\n`;
  const options = Object.entries(command.options) as [string, OptionSpec][];
  const labels = options.map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '';
    return `${short}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
  });
  const width = Math.max(...labels.map((l) => l.length));
  out += `\n${c.bold('Options:')}\n`;
  options.forEach(([, spec], i) => {
    out += `  ${c.cyan((labels[i] ?? '').padEnd(width))}  ${spec.description}\n`;
  });
  out += `\n${c.bold('Examples:')}\n`;
  for (const example of command.examples) out += `  ${c.dim('$')} ${example}\n`;
  return out;
}

/**
 * The overview: every command with its summary.
 *
 * @example
 * ```ts
 * mainUsage(COMMANDS, '0.1.0', createColors(false));
 * ```
 */
export function mainUsage(commands: readonly Command[], version: string, c: Colors): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  let out = `${c.bold('shortbread')} ${version}: inspect, lint, decode, sign and convert cookies\n\n`;
  out += `${c.bold('Usage:')} shortbread <command> [options]\n\n${c.bold('Commands:')}\n`;
  for (const command of commands) {
    out += `  ${c.cyan(command.name.padEnd(width))}  ${command.summary}\n`;
  }
  out += `\n${c.bold('Options:')}\n  ${c.cyan('-h, --help'.padEnd(width))}  show help (also after a command)\n`;
  out += `  ${c.cyan('-v, --version'.padEnd(width))}  print the version\n`;
  out += `\nRun ${c.cyan('shortbread <command> --help')} for a command's options and examples.\n`;
  out += 'Colours only on a terminal; NO_COLOR turns them off.\n';
  out +=
    'SHORTBREAD_NOW=<Unix seconds> sets the clock, for output that does not depend on the day.\n';
  return out;
}
