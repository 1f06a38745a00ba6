/** @module `shortbread lint`: problems in Set-Cookie lines, with a severity and a rule id each. */
import { CliError } from '../cli-error.js';
import { COMMON_OPTIONS, type Command, JSON_OPTION, jsonOutput } from '../command.js';
import { inputLines, stripHeaderName } from '../input.js';
import { type LintProblem, type LintSeverity, lintSetCookie } from '../set-cookie-lint.js';
import { displayValue } from '../table.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The Set-Cookie lines of a local URL's response (redirects not followed, as they carry cookies too). */
async function fetchSetCookies(url: string): Promise<string[]> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new CliError(
      'E_URL',
      `--url is invalid: ${JSON.stringify(url)} (write http://localhost:3000/path)`,
    );
  }
  if (
    (target.protocol !== 'http:' && target.protocol !== 'https:') ||
    !LOCAL_HOSTS.has(target.hostname)
  ) {
    throw new CliError(
      'E_URL',
      `--url must be http(s) on localhost, 127.0.0.1 or [::1]: ${JSON.stringify(url)} (for other hosts, pipe \`curl -si URL\` into shortbread lint)`,
    );
  }
  let response: Response;
  try {
    response = await fetch(target, { redirect: 'manual' });
  } catch (error) {
    const reason =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new CliError('E_URL', `cannot fetch ${target.href}: ${reason} (is the server running?)`);
  }
  await response.body?.cancel();
  return response.headers.getSetCookie();
}

/**
 * `shortbread lint`: checks each Set-Cookie line (arguments, stdin, or a local URL's response) and
 * exits 1 when an error is found (also on warnings with `--strict`).
 *
 * @example
 * ```ts
 * const { exitCode } = await lintCommand.run(context); // 1 when a line has an error
 * ```
 */
export const lintCommand: Command = {
  name: 'lint',
  summary: 'find problems in Set-Cookie lines (exit 1 on errors, for CI)',
  usage:
    "shortbread lint ['<Set-Cookie line>'...] [--url http://localhost:PORT/path] [--strict] [--json]",
  details:
    'Lines come from the arguments, from stdin (one per line; "Set-Cookie:" prefixes and other\n' +
    'header lines of `curl -si` output are handled), or from the response of --url, which must be\n' +
    'on localhost, 127.0.0.1 or [::1]. Each problem has a severity (error, warning, info) and a\n' +
    'rule id. Exit status: 0 clean, 1 errors found (or warnings with --strict), 2 usage mistake.',
  options: {
    url: {
      type: 'string',
      multiple: true,
      value: 'URL',
      description: 'lint the Set-Cookie headers of a local URL (repeatable)',
    },
    strict: { type: 'boolean', description: 'exit 1 on warnings too' },
    ignore: {
      type: 'string',
      multiple: true,
      value: 'RULE',
      description: 'leave out a rule by id (repeatable), e.g. --ignore session-missing-samesite',
    },
    ...JSON_OPTION,
    ...COMMON_OPTIONS,
  },
  examples: [
    "shortbread lint 'session=abc; SameSite=None'",
    'shortbread lint --url http://localhost:3000/login',
    'curl -si https://example.com/ | shortbread lint',
    "shortbread lint --json 'id=1; Max-Age=99999999' | jq '.lines[].problems'",
    'shortbread lint --strict --ignore session-missing-samesite --url http://127.0.0.1:8080/',
  ],
  async run(context) {
    const urls = context.args.strings('url');
    let lines: string[];
    if (urls.length > 0) {
      lines = [];
      for (const url of urls) lines.push(...(await fetchSetCookies(url)));
      lines.push(...context.args.positionals);
    } else {
      const input = await inputLines(context, 'Set-Cookie lines');
      // Piped `curl -si` output: keep the Set-Cookie header lines only.
      const headerLike = input.some((l) => /^set-cookie:/i.test(l));
      lines = headerLike
        ? input.filter((l) => /^set-cookie:/i.test(l)).map((l) => stripHeaderName(l, 'set-cookie'))
        : input;
    }
    const ignored = new Set(context.args.strings('ignore'));
    const results = lines.map((line) => ({
      line,
      problems: lintSetCookie(line, { now: context.now }).filter((p) => !ignored.has(p.rule)),
    }));
    const totals: Record<LintSeverity, number> = { error: 0, warning: 0, info: 0 };
    for (const r of results) for (const p of r.problems) totals[p.severity]++;
    const failed = totals.error > 0 || (context.args.flag('strict') && totals.warning > 0);
    const exitCode = failed ? 1 : 0;

    if (context.args.flag('json')) {
      return {
        stdout: jsonOutput({
          lines: results,
          errors: totals.error,
          warnings: totals.warning,
          infos: totals.info,
          ok: !failed,
        }),
        exitCode,
      };
    }
    const c = context.colors;
    const paint = (p: LintProblem): string =>
      p.severity === 'error'
        ? c.red(c.bold('error  '))
        : p.severity === 'warning'
          ? c.yellow('warning')
          : c.dim('info   ');
    const ruleWidth = Math.max(0, ...results.flatMap((r) => r.problems.map((p) => p.rule.length)));
    let out = '';
    if (results.length === 0) out += `${c.dim('no Set-Cookie lines found')}\n`;
    for (const { line, problems } of results) {
      const mark = problems.some((p) => p.severity === 'error')
        ? c.red('✗')
        : problems.some((p) => p.severity === 'warning')
          ? c.yellow('!')
          : c.green('✓');
      out += `${mark} ${c.bold(displayValue(line, 100))}\n`;
      for (const p of problems) {
        out += `  ${paint(p)}  ${c.cyan(p.rule.padEnd(ruleWidth))}  ${p.message}\n`;
      }
    }
    const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
    out += `\n${plural(results.length, 'line')}: ${plural(totals.error, 'error')}, ${plural(totals.warning, 'warning')}, ${totals.info} info\n`;
    return { stdout: out, exitCode };
  },
};
