/** @module `shortbread parse-set-cookie`: a `Set-Cookie` line as a browser stores it. */
import { formatCookieDate } from '../../codec/cookie-date.js';
import { parseSetCookie } from '../../codec/set-cookie.js';
import type { SetCookie } from '../../codec/types.js';
import { COMMON_OPTIONS, type Command, JSON_OPTION, jsonOutput } from '../command.js';
import { inputLines, stripHeaderName } from '../input.js';
import { displayValue, formatTable } from '../table.js';

function rows(cookie: SetCookie, raw: SetCookie | undefined, now: number): string[][] {
  const out: string[][] = [
    ['name', displayValue(cookie.name)],
    ['value', displayValue(cookie.value)],
  ];
  if (cookie.expires !== undefined) {
    const capped =
      raw?.expires !== undefined && raw.expires.getTime() !== cookie.expires.getTime()
        ? ` (capped at 400 days; the line says ${formatCookieDate(raw.expires)})`
        : '';
    const past = cookie.expires.getTime() <= now ? ' (in the past: deletes the cookie)' : '';
    out.push(['expires', `${formatCookieDate(cookie.expires)}${capped}${past}`]);
  }
  if (cookie.maxAge !== undefined) {
    const capped =
      raw?.maxAge !== undefined && raw.maxAge !== cookie.maxAge
        ? ` (capped at 400 days; the line says ${raw.maxAge})`
        : '';
    const note = cookie.maxAge <= 0 ? ' (deletes the cookie)' : '';
    out.push(['max-age', `${cookie.maxAge}${capped}${note}`]);
  }
  if (cookie.expires === undefined && cookie.maxAge === undefined) {
    out.push(['lifetime', 'session (until the browser closes)']);
  }
  if (cookie.domain !== undefined) out.push(['domain', cookie.domain]);
  out.push(['path', cookie.path ?? '(default: the directory of the request path)']);
  out.push(['secure', String(cookie.secure)]);
  out.push(['httponly', String(cookie.httpOnly)]);
  out.push(['samesite', cookie.sameSite ?? '(unspecified: Lax in Chromium)']);
  if (cookie.partitioned) out.push(['partitioned', 'true']);
  if (cookie.priority !== undefined) out.push(['priority', cookie.priority]);
  for (const extension of cookie.extensions ?? []) out.push(['unknown', displayValue(extension)]);
  return out;
}

/**
 * `shortbread parse-set-cookie '<line>'`: the cookie a browser would store from a `Set-Cookie`
 * line (RFC 6265bis §5.6), with Expires and Max-Age capped at 400 days; exit 1 when a browser
 * ignores the line.
 *
 * @example
 * ```ts
 * await parseSetCookieCommand.run(context); // { stdout: 'attribute  value ...', exitCode: 0 }
 * ```
 */
export const parseSetCookieCommand: Command = {
  name: 'parse-set-cookie',
  summary: 'show what a browser stores from a Set-Cookie line',
  usage: "shortbread parse-set-cookie '<Set-Cookie line>'... [--json]",
  details:
    'Reads lines from the arguments, or one per line from stdin (a leading "Set-Cookie:" is\n' +
    'dropped). Exits 1 when a browser would ignore a line; run `shortbread lint` to see why.',
  options: { ...JSON_OPTION, ...COMMON_OPTIONS },
  examples: [
    "shortbread parse-set-cookie 'flavor=chocolate%20chip; Max-Age=30; Path=/cookies'",
    "shortbread parse-set-cookie --json 'id=1; Secure; HttpOnly; SameSite=Lax'",
    "curl -si http://localhost:3000/ | grep -i '^set-cookie' | shortbread parse-set-cookie",
  ],
  async run(context) {
    const lines = (await inputLines(context, 'a Set-Cookie line')).map((l) =>
      stripHeaderName(l, 'set-cookie'),
    );
    const now = context.now;
    const parsed = lines.map((line) => ({
      line,
      cookie: parseSetCookie(line, { now }),
      raw: parseSetCookie(line, { now, maxAgeLimit: Number.POSITIVE_INFINITY }),
    }));
    const ignored = parsed.filter((p) => p.cookie === undefined).length;
    const exitCode = ignored > 0 ? 1 : 0;
    if (context.args.flag('json')) {
      const values = parsed.map((p) => p.cookie ?? null);
      return { stdout: jsonOutput(values.length === 1 ? values[0] : values), exitCode };
    }
    const c = context.colors;
    let out = '';
    for (const [i, { line, cookie, raw }] of parsed.entries()) {
      if (parsed.length > 1) out += `${i > 0 ? '\n' : ''}${c.bold(displayValue(line, 100))}\n`;
      if (cookie === undefined) {
        out += `${c.red('ignored')}: a browser drops this line (run \`shortbread lint\` to see why)\n`;
        continue;
      }
      out += formatTable(['attribute', 'value'], rows(cookie, raw, now), c.bold);
    }
    return { stdout: out, exitCode };
  },
};
