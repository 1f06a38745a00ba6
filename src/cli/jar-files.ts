/**
 * @module Reading and writing cookie jar files for `shortbread jar`: Netscape cookies.txt,
 * tough-cookie JSON, shortbread JSON and the SQLite store, picked by option, extension or content.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fromJarJson, toJarJson } from '../jar/formats/json.js';
import { fromNetscape, toNetscape } from '../jar/formats/netscape.js';
import { fromToughCookieJson, toToughCookieJson } from '../jar/formats/tough-cookie-json.js';
import { domainKey } from '../jar/public-suffix.js';
import type { JarCookie } from '../jar/types.js';
import { CliError } from './cli-error.js';

/**
 * The jar file formats.
 *
 * @example
 * ```ts
 * const f: JarFormat = 'netscape';
 * ```
 */
export type JarFormat = 'netscape' | 'tough' | 'json' | 'sqlite';

/**
 * Every format name, for `--from` / `--to` checks and help.
 *
 * @example
 * ```ts
 * JAR_FORMATS.join('|'); // 'netscape|tough|json|sqlite'
 * ```
 */
export const JAR_FORMATS: readonly JarFormat[] = ['netscape', 'tough', 'json', 'sqlite'];

/**
 * Progress callback: cookies done out of total.
 *
 * @example
 * ```ts
 * const progress: Progress = (done, total) => draw(renderProgress(done, total, 'converting'));
 * ```
 */
export type Progress = (done: number, total: number) => void;

/** Work in chunks of this many cookies, reporting progress after each. */
const CHUNK = 1000;

/**
 * Check a `--from` / `--to` value.
 *
 * @example
 * ```ts
 * formatOption('tough', '--from'); // 'tough'
 * ```
 */
export function formatOption(value: string | undefined, option: string): JarFormat | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if ((JAR_FORMATS as readonly string[]).includes(lower)) return lower as JarFormat;
  throw new CliError(
    'E_USAGE',
    `${option} is invalid: ${JSON.stringify(value)} (one of ${JAR_FORMATS.join(', ')})`,
  );
}

function byExtension(path: string): JarFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.tough.json')) return 'tough';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.txt') || lower.endsWith('.cookies')) return 'netscape';
  if (lower.endsWith('.sqlite') || lower.endsWith('.sqlite3') || lower.endsWith('.db'))
    return 'sqlite';
  return undefined;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';
/** A column of SqliteJarStore's table, as its CREATE TABLE text has it. */
const SQLITE_SCHEMA_MARK = 'host_only INTEGER NOT NULL';

/**
 * The format of a file from its content: SQLite magic; JSON whose `format` is ours, or any other
 * JSON object (tough-cookie's has no marker of its own); else Netscape.
 */
function sniff(data: Buffer): JarFormat {
  if (data.subarray(0, 16).toString('latin1') === SQLITE_MAGIC) return 'sqlite';
  const text = data.subarray(0, 64).toString('utf8').trimStart();
  if (!text.startsWith('{')) return 'netscape';
  try {
    const parsed = JSON.parse(data.toString('utf8')) as { format?: unknown } | null;
    return parsed?.format === 'shortbread-jar' ? 'json' : 'tough';
  } catch {
    // Not JSON after all: reported when it is read as JSON.
    return 'json';
  }
}

/**
 * Where cookies came from: the format and the cookies.
 *
 * @example
 * ```ts
 * const { format, cookies, expired }: LoadedJar = await loadJar('cookies.txt', undefined, { now: Date.now() });
 * ```
 */
export interface LoadedJar {
  readonly format: JarFormat;
  /** The cookies kept: every cookie of the file but the expired ones (unless `keepExpired`). */
  readonly cookies: JarCookie[];
  /** How many cookies of the file were dropped because their expiry had passed. */
  readonly expired: number;
}

/**
 * Read a jar file. The format is `format`, else the content (SQLite magic, JSON markers), else
 * Netscape. Expired cookies are dropped unless `keepExpired`.
 *
 * @example
 * ```ts
 * const { cookies } = await loadJar('jar.json', undefined, { now: Date.now() });
 * ```
 */
export async function loadJar(
  path: string,
  format: JarFormat | undefined,
  options: { now: number; keepExpired?: boolean },
): Promise<LoadedJar> {
  if (!existsSync(path)) {
    throw new CliError('E_FILE', `no such file: ${JSON.stringify(path)}`);
  }
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new CliError(
      'E_FILE',
      `cannot read ${JSON.stringify(path)}: ${(error as Error).message}`,
    );
  }
  const detected = format ?? sniff(data);
  // Every reader keeps expired cookies here, so the ones dropped are counted in one place.
  const keepExpired = options.keepExpired === true;
  const kept = (all: JarCookie[]): LoadedJar => {
    const cookies = keepExpired
      ? all
      : all.filter((c) => c.expires === undefined || c.expires.getTime() > options.now);
    return { format: detected, cookies, expired: all.length - cookies.length };
  };
  try {
    switch (detected) {
      case 'sqlite': {
        // Opening a store creates its table: never do that to someone else's database (a browser's
        // cookie file). The schema text sits in the file's first pages, so look for ours there.
        if (!data.subarray(0, 65_536).toString('latin1').includes(SQLITE_SCHEMA_MARK)) {
          throw new CliError(
            'E_FORMAT',
            `${JSON.stringify(path)} is an SQLite file but not a shortbread jar (browser cookie databases are not read; export them as cookies.txt)`,
          );
        }
        const { SqliteJarStore } = await import('../jar/stores/sqlite-jar-store.js');
        const store = new SqliteJarStore(path);
        try {
          return kept(store.all());
        } finally {
          store.close();
        }
      }
      // The readers skip what they cannot read, as received input should; a file the user named
      // that is not JSON at all is a mistake to report, so parse it here first.
      case 'json':
        return kept(fromJarJson(JSON.parse(data.toString('utf8'))));
      case 'tough':
        return kept(
          fromToughCookieJson(JSON.parse(data.toString('utf8')), {
            now: options.now,
            keepExpired: true,
          }),
        );
      default:
        return kept(fromNetscape(data.toString('utf8'), { now: options.now, keepExpired: true }));
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      'E_FORMAT',
      `cannot read ${JSON.stringify(path)} as ${detected}: ${(error as Error).message} (give --from to name the format)`,
    );
  }
}

/**
 * The format to write `path` in: `format`, else by extension (`.txt` Netscape, `.tough.json`
 * tough-cookie, `.json` shortbread, `.sqlite`/`.db` SQLite).
 *
 * @example
 * ```ts
 * outputFormat('out.tough.json', undefined); // 'tough'
 * ```
 */
export function outputFormat(path: string, format: JarFormat | undefined): JarFormat {
  const chosen = format ?? byExtension(path);
  if (chosen === undefined) {
    throw new CliError(
      'E_USAGE',
      `cannot tell the format of ${JSON.stringify(path)} from its name (use .txt, .json, .tough.json, .sqlite, or --to ${JAR_FORMATS.join('|')})`,
    );
  }
  return chosen;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Write cookies to `path` in `format`, reporting progress chunk by chunk. Refuses to replace an
 * existing file unless `force`.
 *
 * @example
 * ```ts
 * await saveJar('cookies.txt', 'netscape', cookies, { now: Date.now(), force: false });
 * ```
 */
export async function saveJar(
  path: string,
  format: JarFormat,
  cookies: readonly JarCookie[],
  options: { now: number; force: boolean; progress?: Progress },
): Promise<number> {
  if (existsSync(path)) {
    if (!options.force) {
      throw new CliError('E_FILE', `${JSON.stringify(path)} exists (pass --force to replace it)`);
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
  const total = cookies.length;
  let done = 0;
  const step = (n: number): void => {
    done += n;
    options.progress?.(done, total);
  };
  let written = 0;
  try {
    if (format === 'sqlite') {
      const { SqliteJarStore } = await import('../jar/stores/sqlite-jar-store.js');
      const store = new SqliteJarStore(path);
      try {
        // One transaction per chunk: one fsync per thousand cookies, not per cookie.
        const putAll = store.db.transaction((list: readonly JarCookie[]) => {
          for (const c of list) store.put(domainKey(c.domain), c);
        });
        for (const list of chunks(cookies)) {
          putAll(list);
          step(list.length);
        }
        written = store.size;
      } finally {
        store.close();
      }
      return written;
    }
    let text: string;
    if (format === 'netscape') {
      text = toNetscape([], { now: options.now });
      for (const list of chunks(cookies)) {
        const part = toNetscape(list, { now: options.now });
        const body = part.slice(part.indexOf('\n\n') + 2);
        written += body === '' ? 0 : body.split('\n').length - 1;
        text += body;
        step(list.length);
      }
    } else if (format === 'tough') {
      const base = toToughCookieJson([]);
      for (const list of chunks(cookies)) {
        base.cookies.push(...toToughCookieJson(list).cookies);
        step(list.length);
      }
      written = base.cookies.length;
      text = `${JSON.stringify(base)}\n`;
    } else {
      const base = toJarJson([]);
      for (const list of chunks(cookies)) {
        base.cookies.push(...toJarJson(list).cookies);
        step(list.length);
      }
      written = base.cookies.length;
      text = `${JSON.stringify(base, null, 1)}\n`;
    }
    writeFileSync(path, text);
    return written;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      'E_FILE',
      `cannot write ${JSON.stringify(path)}: ${(error as Error).message}`,
    );
  }
}
