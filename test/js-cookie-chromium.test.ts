/**
 * `shortbread/browser/js-cookie` against js-cookie 3.0.8 in headless Chromium (issue 18, item 2).
 * Two pages at the same URL, one importing js-cookie's ES module build and one importing ours
 * (bundled by esbuild), run the same call sequences with the cookies cleared before each run; every
 * call must give the same return value (or the same error) and leave the same `document.cookie`.
 *
 * The sequences: every behaviour js-cookie's own QUnit suite covers (test/tests.js and
 * test/encoding.js at tag v3.0.8, written out here as calls; the iframe test and `noConflict`,
 * which belong to its UMD build, aside), then fast-check-generated sequences. Fails (never skips)
 * when Chromium is missing.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import fc from 'fast-check';
import {
  type BrowserContext,
  chromium,
  type Page,
  type Browser as PwBrowser,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './helpers/chromium.js';

const root = new URL('..', import.meta.url).pathname;

let server: Server;
let browser: PwBrowser;
let context: BrowserContext;
let theirs: Page;
let ours: Page;
let origin: string;

/** A page that imports `lib` as its `Cookies` and loads the sequence runner. */
function html(lib: string): string {
  return `<!doctype html><meta charset="utf-8"><script src="/runner.js"></script>
<script type="module">import Cookies from '${lib}'; window.Cookies = Cookies; window.ready = true;</script>`;
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [`${root}src/browser-js-cookie.ts`],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, [string, string]> = {
    '/runner.js': [
      'text/javascript',
      readFileSync(`${root}test/helpers/js-cookie-runner.js`, 'utf8'),
    ],
    '/js-cookie.mjs': [
      'text/javascript',
      readFileSync(`${root}node_modules/js-cookie/dist/js.cookie.mjs`, 'utf8'),
    ],
    '/ours.mjs': ['text/javascript', bundle.outputFiles[0]?.text ?? ''],
  };
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const file = files[url.pathname];
    if (file) {
      response.writeHead(200, { 'content-type': file[0] });
      response.end(file[1]);
    } else if (url.pathname === '/page/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html(url.searchParams.get('lib') === 'ours' ? '/ours.mjs' : '/js-cookie.mjs'));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  context = await browser.newContext();
  theirs = await context.newPage();
  ours = await context.newPage();
  await theirs.goto(`${origin}/page/?lib=js-cookie`);
  await ours.goto(`${origin}/page/?lib=ours`);
  await theirs.waitForFunction('window.ready === true');
  await ours.waitForFunction('window.ready === true');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A value JSON cannot carry, described for the runner's `revive`. */
const UNDEFINED = { $: 'undefined' } as const;
const date = (ms: number) => ({ $: 'date', ms });
const stringObject = (v: string) => ({ $: 'stringObject', v });
const json = (text: string) => ({ $: 'json', text });

/** One call of a sequence (see test/helpers/js-cookie-runner.js). */
type Op =
  | { op: 'set'; api?: number; name: unknown; value: unknown; attributes?: unknown }
  | { op: 'get'; api?: number; args: unknown[] }
  | { op: 'remove'; api?: number; name: unknown; attributes?: unknown }
  | { op: 'raw'; text: string }
  | { op: 'withAttributes'; api?: number; attributes: unknown }
  | { op: 'withConverter'; api?: number; converter: string }
  | { op: 'mutate'; api?: number }
  | { op: 'inspect'; api?: number }
  | { op: 'removeKeepsAttributes'; api?: number; name: string; attributes: unknown };

const set = (name: unknown, value: unknown, attributes?: unknown, api?: number): Op =>
  attributes === undefined
    ? { op: 'set', name, value, ...(api === undefined ? {} : { api }) }
    : { op: 'set', name, value, attributes, ...(api === undefined ? {} : { api }) };
const get = (...args: unknown[]): Op => ({ op: 'get', args });
const getOn = (api: number, ...args: unknown[]): Op => ({ op: 'get', api, args });
const remove = (name: unknown, attributes?: unknown, api?: number): Op => ({
  op: 'remove',
  name,
  ...(attributes === undefined ? {} : { attributes }),
  ...(api === undefined ? {} : { api }),
});
const raw = (text: string): Op => ({ op: 'raw', text });
const withAttributes = (attributes: unknown, api = 0): Op => ({
  op: 'withAttributes',
  api,
  attributes,
});
const withConverter = (converter: string, api = 0): Op => ({ op: 'withConverter', api, converter });
const expire = (name: string): Op => raw(`${name}=x; expires=Thu, 01 Jan 1970 00:00:00 GMT`);

type Step = { result?: unknown; threw?: string; cookie: string };

/** Runs `ops` on one page with its cookies cleared first, at the instant `now`. */
async function run(page: Page, ops: Op[], now: number): Promise<Step[]> {
  await context.clearCookies();
  return (await page.evaluate(
    `window.runCookieSequence(${JSON.stringify(ops)}, ${now})`,
  )) as Step[];
}

/** The same sequence on both pages: equal steps, returned for the caller's own checks. */
async function same(ops: Op[]): Promise<Step[]> {
  const now = Date.now();
  const expected = await run(theirs, ops, now);
  const actual = await run(ours, ops, now);
  expect(actual, JSON.stringify(ops)).toStrictEqual(expected);
  return expected;
}

/**
 * js-cookie's test/tests.js, module by module, as call sequences (its assertions become the
 * comparison with js-cookie itself; a few are also checked outright below).
 */
const SUITE: Record<string, Op[]> = {
  'setup: api instance creation': [
    withAttributes({ path: '/bar' }),
    set('c', 'v', undefined, 1),
    withAttributes({ sameSite: 'Lax' }),
    set('c', 'v', undefined, 2),
    withConverter('upperWrite'),
    withAttributes({ path: '/foo' }, 3),
    set('c', 'v', undefined, 4),
    withAttributes({ path: '/foo' }),
    withConverter('upperWrite', 5),
    set('c', 'v', undefined, 6),
  ],
  'setup: api instance with attributes (immutable)': [
    withAttributes({ path: '/' }),
    { op: 'mutate', api: 1 },
    { op: 'inspect', api: 1 },
    { op: 'inspect' },
  ],
  'setup: api instance with converter (immutable)': [
    withConverter('upperRead'),
    { op: 'mutate', api: 1 },
    { op: 'inspect', api: 1 },
  ],
  'read: simple value': [raw('c=v'), get('c')],
  'read: empty value': [set('c', ''), get('c')],
  'read: not existing': [get('whatever')],
  'read: equality sign in cookie value': [set('c', 'foo=bar'), get('c')],
  'read: percent character in cookie value': [raw('bad=foo%'), get('bad')],
  'read: unencoded percent mixed with encoded values': [
    raw('bad=foo%bar%22baz%qux'),
    get('bad'),
    expire('bad'),
  ],
  'read: lowercase percent character in cookie value': [raw('c=%d0%96'), get('c')],
  'read: read all when there are cookies': [set('c', 'v'), set('foo', 'bar'), get()],
  'read: read all when there are no cookies at all': [get()],
  'read: RFC 6265 cookie-octet enclosed in DQUOTE': [raw('c="v"'), get('c')],
  'read: malformed encoding in another name': [
    raw('%A1=foo'),
    raw('c=v'),
    get('c'),
    get(),
    expire('%A1'),
  ],
  'read: malformed encoding in another value': [
    raw('invalid=%A1'),
    raw('c=v'),
    get('c'),
    get(),
    expire('invalid'),
  ],
  'read: object literal as the second argument': [get('name', { path: '' })],
  'read: undefined first argument': [set('foo', 'bar'), get(UNDEFINED)],
  'read: null first argument': [set('foo', 'bar'), get(null)],
  'write: string primitive': [set('c', 'v'), get('c')],
  'write: String object': [set('c', stringObject('v')), get('c')],
  'write: value "[object Object]"': [set('c', '[object Object]'), get('c')],
  'write: number': [set('c', 1234), get('c')],
  'write: null': [set('c', null), get('c')],
  'write: undefined': [set('c', UNDEFINED), get('c')],
  'write: expires as days from now': [set('c', 'v', { expires: 200 })],
  'write: expires as a fraction of a day': [set('c', 'v', { expires: 0.5 })],
  'write: expires as a Date': [set('c', 'v', { expires: date(Date.now() + 7 * 864e5) })],
  'write: return value and predefined path': [set('c', 'v')],
  'write: API for changing defaults': [
    withAttributes({ path: '/foo' }),
    set('c', 'v', undefined, 1),
    set('c', 'v', { path: '/baz' }, 1),
    withAttributes({ path: UNDEFINED }),
    set('c', 'v', undefined, 2),
    remove('c'),
  ],
  'write: true and false secure': [
    set('c', 'v', { secure: true }),
    set('c', 'v', { secure: false }),
  ],
  'write: unofficial attribute': [set('c', 'v', { unofficial: 'anything' })],
  'write: undefined attribute values': [
    set('c', 'v', { expires: UNDEFINED }),
    set('c', 'v', { path: UNDEFINED }),
    set('c', 'v', { domain: UNDEFINED }),
    set('c', 'v', { secure: UNDEFINED }),
    set('c', 'v', { unofficial: UNDEFINED }),
  ],
  'write: attribute sanitization against injection': [
    set('c', 'v', {
      path: '/;domain=sub.domain.com',
      domain: 'site.com;remove_this',
      customAttribute: 'value;;remove_this',
    }),
  ],
  'write: attribute sanitization against prototype pollution': [
    set('c', 'v', json('{"__proto__":{"foo":"bar"}}')),
  ],
  'remove: deletion': [set('c', 'v'), remove('c')],
  'remove: with attributes': [set('c', 'v', { path: '/' }), remove('c', { path: '/' })],
  'remove: passing attributes reference': [
    { op: 'removeKeepsAttributes', name: 'foo', attributes: {} },
  ],
  'converters: decoding characters encoded by escape': [
    raw('c=%u5317%u4eac'),
    withConverter('unescapeRead'),
    getOn(1, 'c'),
  ],
  'converters: a malformed char that matches the decodeURIComponent regex': [
    raw('c=%E3'),
    withConverter('unescapeRead'),
    getOn(1, 'c'),
    remove('c', { path: '' }, 1),
  ],
  'converters: conditionally decode a single malformed cookie': [
    withConverter('conditionalRead'),
    raw('escaped=%u5317'),
    getOn(1, 'escaped'),
    getOn(1),
  ],
  'converters: a write converter': [withConverter('plusWrite'), set('c', '+', undefined, 1)],
  'converters: a read converter': [raw('c=%2B'), withConverter('plusRead'), getOn(1, 'c')],
  'converters: extend the read converter': [
    raw('c=A%23'),
    withConverter('extendRead'),
    getOn(1, 'c'),
  ],
  'converters: extend the write converter': [
    withConverter('extendWrite'),
    set('c', 'a%', undefined, 1),
  ],
  'converters: convert non-string values': [
    withConverter('jsonWrite'),
    set('c', { $: 'object', v: { foo: 'bar' } }, undefined, 1),
  ],
};

/** js-cookie's test/encoding.js: each name and value it writes, then read back. */
const ENCODED_VALUES = [
  '"',
  '"content',
  'content"',
  ' ',
  ',',
  ';',
  '\\',
  ';;',
  '#',
  '$',
  '%',
  '&',
  '+',
  ':',
  '<',
  '>',
  '=',
  '/',
  '?',
  '@',
  '[',
  ']',
  '^',
  '`',
  '{',
  '}',
  '|',
  '{{',
  'ã',
  '₯',
  '𩸽',
];
const ENCODED_NAMES = [
  ' ',
  '"',
  '#',
  '$',
  '%',
  '&',
  '(',
  ')',
  '(())',
  '+',
  ',',
  '/',
  ':',
  ';',
  '<',
  '=',
  '>',
  '?',
  '@',
  '[',
  '\\',
  '\t',
  ']',
  '^',
  '`',
  '{',
  '|',
  '||',
  '}',
  'ã',
  '₯',
  '𩸽',
];

describe('js-cookie 3.0.8 against shortbread/browser/js-cookie in Chromium: its own suite', () => {
  it.each(Object.entries(SUITE))('%s', async (_name, ops) => {
    await same(ops);
  });

  it.each(ENCODED_VALUES)('encoding: the value %j written and read back', async (value) => {
    const [written, read] = await same([set('c', value), get('c')]);
    expect(read?.result).toBe(value);
    expect(written?.cookie).toMatch(/^c=/);
  });

  it.each(ENCODED_NAMES)('encoding: the name %j written and read back', async (name) => {
    const [, read] = await same([set(name, 'v'), get(name)]);
    expect(read?.result).toBe('v');
  });

  it('the suite facts hold outright on our page too', async () => {
    const steps = await run(
      ours,
      [set('c', 'v', { secure: true }), set('c', 'v', { path: '/;domain=x' }), set('c', '+')],
      Date.now(),
    );
    expect(steps.map((s) => s.result ?? s.threw)).toEqual([
      'c=v; path=/; secure',
      'c=v; path=/',
      'c=+; path=/',
    ]);
  });
});

describe('deliberate differences (docs/coming-from-js-cookie.md)', () => {
  it('a cookie named like an Object.prototype key is read like any other', async () => {
    const ops = [raw('toString=1'), get('toString'), get('valueOf'), get()];
    const js = await run(theirs, ops, Date.now());
    const sb = await run(ours, ops, Date.now());
    // js-cookie's record is a plain object: `toString` is found on its prototype.
    expect(js.slice(1).map((s) => s.result)).toEqual([
      { $: 'function' },
      { $: 'function' },
      { $: 'record', entries: [] },
    ]);
    expect(sb.slice(1).map((s) => s.result)).toEqual([
      '1',
      { $: 'undefined' },
      { $: 'record', entries: [['toString', '1']] },
    ]);
  });
});

// --- Generated sequences ---------------------------------------------------------------------------

/** Names: plain, every character js-cookie's encoding treats specially, non-ASCII. */
const nameArb = fc.oneof(
  fc.constantFrom('c', 'foo', 'a b', 'x(y)', 'n=m', 'semi;colon', '%', '%41', 'ã', '𩸽', '#$&+^`|'),
  fc.stringMatching(/^[\x21-\x7e]{1,5}$/).filter((n) => !(n in Object.prototype)),
  fc
    .string({ minLength: 1, maxLength: 4, unit: 'grapheme' })
    .filter((n) => !(n in Object.prototype)),
);
const valueArb = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ maxLength: 4, unit: 'grapheme' }),
  fc.constantFrom('"q"', '%', '%E3', '%d0%96', '=', ';', '"', 'a%20b'),
  fc.constantFrom<unknown>(1234, null, UNDEFINED, true, stringObject('s')),
);
const attributesArb = fc.record(
  {
    expires: fc.oneof(
      fc.constantFrom(-1, 0, 0.5, 1, 200, UNDEFINED),
      fc.integer({ min: -5, max: 400 }).map((days) => date(Date.UTC(2026, 0, 1) + days * 864e5)),
    ),
    path: fc.constantFrom('/', '/page', '/page/', '/other', '', UNDEFINED, '/;x=1'),
    domain: fc.constantFrom('127.0.0.1', 'example.com', '', UNDEFINED),
    secure: fc.constantFrom(true, false, UNDEFINED),
    sameSite: fc.constantFrom('Lax', 'Strict', 'None', 'lax', UNDEFINED),
    'max-age': fc.constantFrom('60', '0', '-1', UNDEFINED),
    unofficial: fc.constantFrom('x', 'a;b', true, false, UNDEFINED),
  },
  { requiredKeys: [] },
);
const CONVERTERS = [
  'upperWrite',
  'upperRead',
  'unescapeRead',
  'conditionalRead',
  'plusWrite',
  'plusRead',
  'extendRead',
  'extendWrite',
  'throwingRead',
  'nameRead',
];

/** A sequence: calls on the default instance and on instances derived from earlier ones. */
const sequenceArb = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.constant('set'), nameArb, valueArb, attributesArb) },
      { weight: 3, arbitrary: fc.tuple(fc.constant('get'), nameArb) },
      { weight: 1, arbitrary: fc.tuple(fc.constant('getAll')) },
      { weight: 2, arbitrary: fc.tuple(fc.constant('remove'), nameArb, attributesArb) },
      { weight: 1, arbitrary: fc.tuple(fc.constant('raw'), nameArb, valueArb) },
      { weight: 1, arbitrary: fc.tuple(fc.constant('withAttributes'), attributesArb) },
      {
        weight: 1,
        arbitrary: fc.tuple(fc.constant('withConverter'), fc.constantFrom(...CONVERTERS)),
      },
    ),
    { minLength: 1, maxLength: 14 },
  )
  .chain((steps) =>
    fc.tuple(
      fc.constant(steps),
      fc.array(fc.nat(), { minLength: steps.length, maxLength: steps.length }),
    ),
  )
  .map(([steps, picks]) => {
    const ops: Op[] = [];
    let instances = 1;
    steps.forEach((step, index) => {
      const api = (picks[index] ?? 0) % instances;
      const [kind, a, b, c] = step as [string, unknown, unknown, unknown];
      if (kind === 'set') ops.push(set(a, b, c, api));
      else if (kind === 'get') ops.push(getOn(api, a));
      else if (kind === 'getAll') ops.push(getOn(api));
      else if (kind === 'remove') ops.push(remove(a, b, api));
      else if (kind === 'raw') ops.push(raw(`${String(a)}=${typeof b === 'string' ? b : 'v'}`));
      else if (kind === 'withAttributes') {
        ops.push(withAttributes(a, api));
        instances++;
      } else {
        ops.push(withConverter(a as string, api));
        instances++;
      }
    });
    return ops;
  });

describe('js-cookie 3.0.8 against shortbread/browser/js-cookie in Chromium: generated sequences', () => {
  it('300 generated call sequences give the same results and document.cookie', async () => {
    let calls = 0;
    await fc.assert(
      fc.asyncProperty(sequenceArb, async (ops) => {
        calls += (await same(ops)).length;
      }),
      { numRuns: 300 },
    );
    expect(calls).toBeGreaterThan(300);
  }, 240_000);
});
