/** @module `shortbread parse`: a `Cookie` header as a server reads it. */
import { parseCookie, parseCookieList } from '../../codec/cookie.js';
import { COMMON_OPTIONS, type Command, JSON_OPTION, jsonOutput } from '../command.js';
import { inputLines, stripHeaderName } from '../input.js';
import { displayValue, formatTable } from '../table.js';

/**
 * `shortbread parse 'a=1; b=2'`: each pair of a `Cookie` header, decoded, and which value
 * `parseCookie` keeps when a name repeats.
 *
 * @example
 * ```ts
 * await parseCommand.run(context); // { stdout: 'name  value  ...', exitCode: 0 }
 * ```
 */
export const parseCommand: Command = {
  name: 'parse',
  summary: 'show the cookies of a Cookie header, as a server reads them',
  usage: "shortbread parse '<Cookie header>' [--json]",
  details:
    'Reads the header from the argument, or one header per line from stdin. Values are decoded\n' +
    '(quotes, %XX, Werkzeug escapes). When a name repeats, parseCookie keeps the first value.',
  options: { ...JSON_OPTION, ...COMMON_OPTIONS },
  examples: [
    'shortbread parse \'theme=dark; session=abc; lang="en US"\'',
    "shortbread parse --json 'a=1; a=2'",
    "echo 'Cookie: a=1; b=2' | shortbread parse",
  ],
  async run(context) {
    const headers = (await inputLines(context, 'a Cookie header')).map((h) =>
      stripHeaderName(h, 'cookie'),
    );
    const results = headers.map((header) => {
      const kept = parseCookie(header);
      const seen = new Set<string>();
      const cookies = parseCookieList(header).map(([name, value]) => {
        const first = !seen.has(name);
        seen.add(name);
        return { name, value, kept: first && kept[name] === value };
      });
      return { header, cookies };
    });
    if (context.args.flag('json')) {
      return {
        stdout: jsonOutput(headers.length === 1 ? results[0] : results),
        exitCode: 0,
      };
    }
    const c = context.colors;
    let out = '';
    for (const { header, cookies } of results) {
      if (results.length > 1) out += `${c.bold(displayValue(header, 100))}\n`;
      if (cookies.length === 0) {
        out += `${c.dim('(no cookies)')}\n`;
        continue;
      }
      out += formatTable(
        ['name', 'value', 'note'],
        cookies.map((k) => [
          c.cyan(displayValue(k.name, 40)),
          displayValue(k.value),
          k.kept ? '' : c.yellow('duplicate name: parseCookie keeps the first'),
        ]),
        c.bold,
      );
    }
    return { stdout: out, exitCode: 0 };
  },
};
