/** @module `shortbread jar convert` and `shortbread jar list`: cookie jar files. */
import { formatCookieDate } from '../../codec/cookie-date.js';
import { CookieJar } from '../../jar/cookie-jar.js';
import { toJarJson } from '../../jar/formats/json.js';
import type { JarCookie, SameSiteContext } from '../../jar/types.js';
import { CliError } from '../cli-error.js';
import { COMMON_OPTIONS, type Command, JSON_OPTION, jsonOutput } from '../command.js';
import { formatOption, JAR_FORMATS, loadJar, outputFormat, saveJar } from '../jar-files.js';
import { displayValue, formatTable } from '../table.js';

const KEEP_EXPIRED = {
  'keep-expired': { type: 'boolean', description: 'keep cookies whose expiry has passed' },
} as const;

/** Show progress only for files large enough to take a moment. */
const PROGRESS_FROM = 5000;

/**
 * `shortbread jar convert <in> <out>`: between Netscape cookies.txt, tough-cookie JSON, shortbread
 * JSON and the SQLite store; progress on a terminal for large files.
 *
 * @example
 * ```ts
 * await jarConvertCommand.run(context); // { stdout: 'converted 3 cookies: netscape -> sqlite\n', exitCode: 0 }
 * ```
 */
export const jarConvertCommand: Command = {
  name: 'jar convert',
  summary:
    'convert a cookie jar between cookies.txt, tough-cookie JSON, shortbread JSON and SQLite',
  usage: 'shortbread jar convert <in> <out> [--from FORMAT] [--to FORMAT] [--force]',
  details:
    `Formats: ${JAR_FORMATS.join(', ')}. The input format is read from the file (SQLite header,\n` +
    'JSON markers, else Netscape); the output format from the name: .txt Netscape (curl -b/-c),\n' +
    '.tough.json tough-cookie, .json shortbread, .sqlite/.db the SQLite store. Expired cookies are\n' +
    'dropped unless --keep-expired. Netscape and tough-cookie have no partitions: partitioned\n' +
    'cookies are left out of them, and SameSite/Priority are lost in Netscape.',
  options: {
    from: {
      type: 'string',
      value: 'FORMAT',
      description: `input format (${JAR_FORMATS.join('|')})`,
    },
    to: {
      type: 'string',
      value: 'FORMAT',
      description: `output format (${JAR_FORMATS.join('|')})`,
    },
    force: { type: 'boolean', description: 'replace the output file if it exists' },
    ...KEEP_EXPIRED,
    ...JSON_OPTION,
    ...COMMON_OPTIONS,
  },
  examples: [
    'shortbread jar convert cookies.txt jar.sqlite',
    'shortbread jar convert jar.json cookies.txt --force && curl -b cookies.txt http://localhost:3000/',
    'shortbread jar convert tough.json jar.json --from tough',
  ],
  async run(context) {
    const [input, output, ...rest] = context.args.positionals;
    if (input === undefined || output === undefined || rest.length > 0) {
      throw new CliError(
        'E_MISSING_ARGUMENT',
        'jar convert needs an input and an output file: shortbread jar convert <in> <out>',
      );
    }
    const from = formatOption(context.args.string('from'), '--from');
    const to = outputFormat(output, formatOption(context.args.string('to'), '--to'));
    const loaded = await loadJar(input, from, {
      now: context.now,
      keepExpired: context.args.flag('keep-expired'),
    });
    const total = loaded.cookies.length;
    const progress =
      total >= PROGRESS_FROM && context.progress
        ? (done: number, all: number) => context.progress?.(done, all, 'converting')
        : undefined;
    const written = await saveJar(output, to, loaded.cookies, {
      now: context.args.flag('keep-expired') ? 0 : context.now,
      force: context.args.flag('force'),
      ...(progress === undefined ? {} : { progress }),
    });
    const skipped = total - written;
    const { expired } = loaded;
    if (context.args.flag('json')) {
      // read counts every cookie of the file: read = expired + written + skipped.
      return {
        stdout: jsonOutput({
          from: loaded.format,
          to,
          read: total + expired,
          expired,
          written,
          skipped,
        }),
        exitCode: 0,
      };
    }
    const notes: string[] = [];
    if (expired > 0) {
      notes.push(
        `${expired} expired, dropped; --keep-expired keeps ${expired === 1 ? 'it' : 'them'}`,
      );
    }
    if (skipped > 0) notes.push(`${skipped} left out: partitioned, which ${to} cannot hold`);
    const note = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    return {
      stdout: `converted ${written} cookie${written === 1 ? '' : 's'}: ${loaded.format} ${input} -> ${to} ${output}${note}\n`,
      exitCode: 0,
    };
  },
};

function flags(c: JarCookie): string {
  const out: string[] = [];
  if (c.secure) out.push('Secure');
  if (c.httpOnly) out.push('HttpOnly');
  if (c.sameSite !== 'unspecified') out.push(`SameSite=${c.sameSite}`);
  if (c.partitionKey !== undefined) out.push(`Partitioned(${c.partitionKey})`);
  if (c.hostOnly) out.push('host-only');
  return out.join(' ');
}

const CONTEXTS: readonly SameSiteContext[] = ['strict', 'lax', 'lax-allowing-unsafe', 'none'];

/**
 * `shortbread jar list <file> [--url U]`: the cookies of a jar file, or the ones a browser would
 * send to `U` and the `Cookie` header it would write.
 *
 * @example
 * ```ts
 * await jarListCommand.run(context); // { stdout: 'Cookie: a=1\n...', exitCode: 0 }
 * ```
 */
export const jarListCommand: Command = {
  name: 'jar list',
  summary: 'list the cookies of a jar file, or those sent to a URL',
  usage: 'shortbread jar list <file> [--url URL] [--same-site CONTEXT] [--script] [--json]',
  details:
    'With --url, shows what a browser sends to that URL (domain, path, Secure, HttpOnly, SameSite,\n' +
    'CHIPS partition rules of RFC 6265bis §5.8.3), in the order it sends them, and the Cookie\n' +
    'header. --same-site sets the request context (strict: same-site, lax: a cross-site link,\n' +
    'none: a cross-site subresource); --script is the document.cookie view (no HttpOnly).',
  options: {
    url: { type: 'string', value: 'URL', description: 'show only what is sent to this URL' },
    'same-site': {
      type: 'string',
      value: 'CONTEXT',
      description: `same-site context of the request (${CONTEXTS.join('|')}; default strict)`,
    },
    'top-level-site': {
      type: 'string',
      value: 'URL',
      description: 'top-level site, for partitioned cookies',
    },
    script: {
      type: 'boolean',
      description: 'the document.cookie view: leave out HttpOnly cookies',
    },
    from: {
      type: 'string',
      value: 'FORMAT',
      description: `file format (${JAR_FORMATS.join('|')})`,
    },
    ...KEEP_EXPIRED,
    ...JSON_OPTION,
    ...COMMON_OPTIONS,
  },
  examples: [
    'shortbread jar list cookies.txt',
    'shortbread jar list jar.sqlite --url https://app.example.com/account',
    'shortbread jar list jar.json --url https://example.com/ --same-site none --json',
  ],
  async run(context) {
    const [file, ...rest] = context.args.positionals;
    if (file === undefined || rest.length > 0) {
      throw new CliError(
        'E_MISSING_ARGUMENT',
        'jar list needs one jar file: shortbread jar list <file>',
      );
    }
    const loaded = await loadJar(file, formatOption(context.args.string('from'), '--from'), {
      now: context.now,
      keepExpired: context.args.flag('keep-expired'),
    });
    const url = context.args.string('url');
    let cookies = loaded.cookies;
    let header: string | undefined;
    if (url !== undefined) {
      if (!URL.canParse(url)) {
        throw new CliError(
          'E_URL',
          `--url is invalid: ${JSON.stringify(url)} (write https://example.com/path)`,
        );
      }
      const sameSite = context.args.string('same-site') ?? 'strict';
      if (!(CONTEXTS as readonly string[]).includes(sameSite)) {
        throw new CliError(
          'E_USAGE',
          `--same-site is invalid: ${JSON.stringify(sameSite)} (one of ${CONTEXTS.join(', ')})`,
        );
      }
      const topLevelSite = context.args.string('top-level-site');
      // A memory jar: reading must not touch (update last-access in) the file itself.
      const jar = new CookieJar({ limits: false });
      jar.importCookies(loaded.cookies, { now: context.now });
      const options = {
        now: context.now,
        http: !context.args.flag('script'),
        sameSiteContext: sameSite as SameSiteContext,
        ...(topLevelSite === undefined ? {} : { topLevelSite }),
      };
      cookies = jar.getCookies(url, options);
      header = cookies.map((c) => (c.name === '' ? c.value : `${c.name}=${c.value}`)).join('; ');
    }
    if (context.args.flag('json')) {
      return {
        stdout: jsonOutput({
          format: loaded.format,
          ...(url === undefined ? {} : { url, cookieHeader: header }),
          cookies: toJarJson(cookies).cookies,
        }),
        exitCode: 0,
      };
    }
    const c = context.colors;
    let out = '';
    if (url !== undefined) {
      out += `${c.bold('Cookie:')} ${header === '' ? c.dim('(nothing is sent)') : displayValue(header ?? '', 200)}\n\n`;
    }
    if (cookies.length === 0) {
      out += `${c.dim(url === undefined ? 'the jar is empty' : `no cookie of ${loaded.cookies.length} is sent to ${url}`)}\n`;
      return { stdout: out, exitCode: 0 };
    }
    out += formatTable(
      ['domain', 'path', 'name', 'value', 'expires', 'flags'],
      cookies.map((k) => [
        k.domain,
        k.path,
        c.cyan(displayValue(k.name, 30)),
        displayValue(k.value, 40),
        k.expires === undefined ? 'session' : formatCookieDate(k.expires),
        flags(k),
      ]),
      c.bold,
    );
    out += `${c.dim(`${cookies.length} of ${loaded.cookies.length} cookies (${loaded.format})`)}\n`;
    return { stdout: out, exitCode: 0 };
  },
};
