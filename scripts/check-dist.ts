/**
 * @module `tsx scripts/check-dist.ts [dist]` (run by `npm run build`): the built pure entry points
 * import no Node built-in and load where there is no `process`, `Buffer`, `require` or `global`.
 * Exits 1, naming each problem, when one does not.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');

/**
 * The entry points that must run on any runtime (ARCHITECTURE.md's pure layers: codec, signing,
 * internal, server, browser, the jar without its SQLite store, the session layer without the
 * SQLite, Redis and PostgreSQL stores, and the Hono adapter, which imports only types from Hono).
 * Each has a smoke call, run inside the sandbox as JavaScript source so its literals belong to the
 * sandbox's realm; it resolves to a short account of what it did, and throws when a result is wrong.
 */
export const PURE_ENTRIES: Readonly<Record<string, string>> = {
  'index.js': `async (m) => {
    const parsed = m.parseCookie('a=1; flavor=chocolate%20chip');
    if (parsed.flavor !== 'chocolate chip') throw new Error('parseCookie gave ' + JSON.stringify(parsed));
    const request = new Request('https://example.com/', { headers: { cookie: 'theme=dark' } });
    if (new m.RequestCookies(request).get('theme') !== 'dark') throw new Error('RequestCookies');
    const response = m.makeResponse('ok');
    response.cookies.set('flavor', 'chocolate chip', { maxAge: 30 });
    const line = response.headers.getSetCookie()[0] ?? '';
    if (!line.startsWith('flavor=chocolate%20chip; ')) throw new Error('makeResponse gave ' + line);
    if (m.parse('foo="bar"').foo !== '"bar"') throw new Error('parse is not cookie 1.x');
    return 'parseCookie, parse, RequestCookies, makeResponse + cookies.set';
  }`,
  'codec.js': `async (m) => {
    const set = m.parseSetCookie('a=b; Max-Age=60; Path=/p; Secure');
    if (set?.maxAge !== 60 || set.path !== '/p') throw new Error('parseSetCookie gave ' + JSON.stringify(set));
    const line = m.stringifySetCookie('flavor', 'chocolate chip', { httpOnly: true });
    if (!line.startsWith('flavor=chocolate%20chip')) throw new Error('stringifySetCookie gave ' + line);
    return 'parseSetCookie, stringifySetCookie';
  }`,
  'compat-cookie0.js': `async (m) => {
    if (m.parse('foo="bar"').foo !== 'bar') throw new Error('parse kept the quotes');
    const line = m.serialize('foo', 'bar', { maxAge: '1000' });
    if (line !== 'foo=bar; Max-Age=1000') throw new Error('serialize gave ' + line);
    return 'parse, serialize (cookie 0.7)';
  }`,
  'compat-cookie1.js': `async (m) => {
    if (m.parse('foo="bar"').foo !== '"bar"') throw new Error('parse dropped the quotes');
    const line = m.stringifySetCookie({ name: 'foo', value: 'a b' });
    if (line !== 'foo=a%20b') throw new Error('stringifySetCookie gave ' + line);
    return 'parse, stringifySetCookie (cookie 1.x)';
  }`,
  'signing.js': `async (m) => {
    const signer = new m.Signer('secret');
    const token = await signer.sign('user-42');
    if ((await signer.unsign(token)) !== 'user-42') throw new Error('Signer round trip');
    const codec = new m.FlaskSessionCodec({ secretKey: 'dev' });
    const cookie = await codec.encode({ user: 'ada', long: 'x'.repeat(200) });
    if ((await codec.decode(cookie)).user !== 'ada') throw new Error('FlaskSessionCodec round trip');
    const keys = [{ id: 'k1', secret: 'TNFqhNle5x-W3IIw82KTexOyLEZOivCSODWOXQTCzmU' }];
    const sealed = await m.seal({ n: 1 }, { keys });
    if ((await m.unseal(sealed, { keys })).n !== 1) throw new Error('seal round trip');
    return 'Signer, FlaskSessionCodec (compressed), seal/unseal through WebCrypto';
  }`,
  'browser.js': `async (m) => {
    const doc = { cookie: '' };
    const jar = m.createCookies(doc);
    jar.set('flavor', 'chocolate chip', { maxAge: 30 });
    if (doc.cookie !== 'flavor=chocolate%20chip; Path=/; Max-Age=30') throw new Error('set wrote ' + doc.cookie);
    if (m.parseDocumentCookie('a=x%20y').a !== 'x y') throw new Error('parseDocumentCookie');
    return 'createCookies over a document double, parseDocumentCookie';
  }`,
  'browser-memory.js': `async (m) => {
    const jar = m.createMemoryCookies('https://example.com/', { cookie: 'theme=dark' });
    jar.set('flavor', 'chocolate chip');
    if (jar.document.cookie !== 'theme=dark; flavor=chocolate%20chip') throw new Error(jar.document.cookie);
    return 'createMemoryCookies';
  }`,
  'browser-js-cookie.js': `async (m) => {
    if (m.default !== m.Cookies) throw new Error('the default export is not Cookies');
    if (m.Cookies.set('a', 'b') !== undefined) throw new Error('set without a document wrote');
    const api = m.Cookies.withAttributes({ path: '/p' });
    if (api.attributes.path !== '/p' || !Object.isFrozen(api.attributes)) throw new Error('withAttributes');
    return 'Cookies without a document, withAttributes';
  }`,
  'jar.js': `async (m) => {
    const jar = new m.CookieJar();
    jar.setCookie('a=1; Domain=example.com', 'https://www.example.com/');
    if (jar.setCookie('b=2; Domain=co.uk', 'https://example.co.uk/') !== undefined) {
      throw new Error('a cookie on the public suffix co.uk was stored');
    }
    const header = jar.getCookieHeader('https://example.com/');
    if (header !== 'a=1') throw new Error('getCookieHeader gave ' + header);
    return 'CookieJar setCookie/getCookieHeader, public suffix list (tldts)';
  }`,
  'jar-tough.js': `async (m) => {
    const jar = new m.CookieJar();
    await jar.setCookie('a=1; Path=/', 'https://www.example.com/');
    const header = await jar.getCookieString('https://www.example.com/docs');
    if (header !== 'a=1') throw new Error('getCookieString gave ' + header);
    if (jar.getCookiesSync('https://www.example.com/')[0]?.key !== 'a') throw new Error('getCookiesSync');
    return 'tough-cookie CookieJar facade: setCookie/getCookieString/getCookiesSync';
  }`,
  'session.js': `async (m) => {
    const sessions = new m.Sessions({ secret: 'dev secret' });
    const first = await sessions.load(new Request('https://example.com/'));
    first.set('visits', 1);
    const response = await sessions.commit(first, new Response('ok'));
    const cookie = (response.headers.getSetCookie()[0] ?? '').split(';')[0];
    const again = await sessions.load(new Request('https://example.com/', { headers: { cookie } }));
    if (again.get('visits') !== 1) throw new Error('session round trip through ' + cookie);
    return 'Sessions with the signed-cookie store: load, commit, load';
  }`,
  'hono.js': `async (m) => {
    if (typeof m.shortbread({ secret: 'dev' }) !== 'function') throw new Error('shortbread()');
    return 'shortbread() middleware built';
  }`,
};

/**
 * The web-standard globals a runtime without Node gives (Workers, Deno, browsers), and nothing
 * Node-only. Everything else in the sandbox is the JavaScript built-ins of a fresh realm.
 */
export const WEB_GLOBALS = [
  'TextEncoder',
  'TextDecoder',
  'crypto',
  'CryptoKey',
  'SubtleCrypto',
  'URL',
  'URLSearchParams',
  'Headers',
  'Request',
  'Response',
  'FormData',
  'Blob',
  'File',
  'fetch',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'CompressionStream',
  'DecompressionStream',
  'AbortController',
  'AbortSignal',
  'Event',
  'EventTarget',
  'DOMException',
  'atob',
  'btoa',
  'structuredClone',
  'queueMicrotask',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'console',
  'performance',
] as const;

/** What must be missing from the sandbox: the Node globals the pure layers may not touch on import. */
export const NODE_GLOBALS = ['process', 'Buffer', 'require', 'global', 'module', 'setImmediate'];

/** A bundled entry: its code (an IIFE assigning the module namespace to `__entry`) and its imports. */
export interface Bundle {
  code: string;
  /** Each Node built-in in the graph, as `specifier (imported by file)`. */
  builtins: string[];
  /** Each package in the graph that is not a dependency of shortbread. */
  undeclared: string[];
}

const builtins = new Set(builtinModules);
const dependencies = Object.keys(
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: object })
    .dependencies ?? {},
);

/** `lodash/fp` -> `lodash`, `@scope/pkg/x` -> `@scope/pkg`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/**
 * Bundles `file` and everything it imports, as a runtime-neutral bundler does (esbuild, platform
 * `neutral`: no Node or browser conditions, no built-in left implicit), recording every Node
 * built-in it meets and every package that is not one of shortbread's `dependencies`.
 *
 * @example
 * ```ts
 * const { builtins } = await bundleEntry('dist/codec.js'); // [] when the entry is pure
 * ```
 */
export async function bundleEntry(file: string): Promise<Bundle> {
  const found: string[] = [];
  const undeclared: string[] = [];
  const result = await build({
    entryPoints: [file],
    bundle: true,
    format: 'iife',
    globalName: '__entry',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    // The dependencies come from the project's node_modules, wherever the built files are.
    nodePaths: [join(root, 'node_modules')],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'record-imports',
        setup(plugin) {
          plugin.onResolve({ filter: /^[^./]/ }, (args) => {
            const from = relative(root, args.importer) || args.importer;
            if (args.path.startsWith('node:') || builtins.has(packageOf(args.path))) {
              found.push(`${args.path} (imported by ${from})`);
              return { path: args.path, external: true };
            }
            // A package's own dependencies are its business; ours must be declared.
            const inPackage = args.importer.split(sep).includes('node_modules');
            if (!inPackage && !dependencies.includes(packageOf(args.path))) {
              undeclared.push(`${args.path} (imported by ${from})`);
              return { path: args.path, external: true };
            }
            return undefined;
          });
        },
      },
    ],
  });
  return { code: result.outputFiles[0]?.text ?? '', builtins: found, undeclared };
}

/**
 * A fresh realm with {@link WEB_GLOBALS} only: no `process`, `Buffer`, `require` or `global`, and
 * no `eval` or `new Function` (Workers forbid them too).
 *
 * @example
 * ```ts
 * vm.runInContext('typeof process', webSandbox()); // 'undefined'
 * ```
 */
export function webSandbox(): vm.Context {
  const globals: Record<string, unknown> = Object.create(null);
  const host = globalThis as unknown as Record<string, unknown>;
  for (const name of WEB_GLOBALS) if (name in host) globals[name] = host[name];
  const context = vm.createContext(globals, {
    name: 'web sandbox',
    codeGeneration: { strings: false, wasm: false },
  });
  const present = vm.runInContext(
    `${JSON.stringify(NODE_GLOBALS)}.filter((name) => typeof globalThis[name] !== 'undefined')`,
    context,
  ) as string[];
  if (present.length > 0) throw new Error(`the sandbox has Node globals: ${present.join(', ')}`);
  return context;
}

/** What {@link checkEntry} found: `problems` empty when the entry is pure and its smoke call passed. */
export interface EntryReport {
  file: string;
  problems: string[];
  /** What the smoke call did, when it ran and passed. */
  smoke?: string;
}

/**
 * Checks one built entry: (a) no Node built-in and no undeclared package in its import graph,
 * (b) it evaluates in {@link webSandbox}, and (c) `smoke` (JavaScript source of an async function
 * taking the module) resolves there.
 *
 * @example
 * ```ts
 * const { problems } = await checkEntry('dist/codec.js', PURE_ENTRIES['codec.js']);
 * ```
 */
export async function checkEntry(file: string, smoke?: string): Promise<EntryReport> {
  const report: EntryReport = { file, problems: [] };
  let bundle: Bundle;
  try {
    bundle = await bundleEntry(file);
  } catch (error) {
    report.problems.push(`does not bundle: ${(error as Error).message}`);
    return report;
  }
  for (const b of bundle.builtins) report.problems.push(`imports the Node built-in ${b}`);
  for (const u of bundle.undeclared) report.problems.push(`imports the undeclared package ${u}`);
  const context = webSandbox();
  let namespace: Record<string, unknown>;
  try {
    new vm.Script(bundle.code, { filename: file }).runInContext(context, { timeout: 10_000 });
    namespace = (context as { __entry?: Record<string, unknown> }).__entry ?? {};
  } catch (error) {
    report.problems.push(`fails to load without Node globals: ${describe(error)}`);
    return report;
  }
  if (smoke === undefined) return report;
  try {
    const run = vm.runInContext(`(${smoke})`, context) as (m: unknown) => Promise<unknown>;
    report.smoke = String(await withTimeout(run(namespace), 20_000));
  } catch (error) {
    report.problems.push(`smoke call failed without Node globals: ${describe(error)}`);
  }
  return report;
}

/** An error from either realm, as one line (`instanceof Error` fails across realms). */
function describe(error: unknown): string {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return typeof message === 'string' ? `${String(name)}: ${message}` : String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks every entry of {@link PURE_ENTRIES} in `dist`.
 *
 * @example
 * ```ts
 * const reports = await checkDist('dist');
 * reports.every((r) => r.problems.length === 0);
 * ```
 */
export async function checkDist(dist: string): Promise<EntryReport[]> {
  const reports: EntryReport[] = [];
  for (const [name, smoke] of Object.entries(PURE_ENTRIES)) {
    reports.push(await checkEntry(join(dist, name), smoke));
  }
  return reports;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = resolve(process.argv[2] ?? join(root, 'dist'));
  let failed = 0;
  for (const report of await checkDist(dist)) {
    const name = relative(root, report.file);
    if (report.problems.length === 0) {
      console.log(`pure: ${name} (no Node built-in; loads without Node globals; ${report.smoke})`);
    } else {
      failed++;
      for (const problem of report.problems) console.error(`NOT PURE: ${name} ${problem}`);
    }
  }
  if (failed > 0) {
    console.error(`${failed} pure entry point(s) touch Node: see ARCHITECTURE.md's layering`);
    process.exit(1);
  }
}
