/**
 * @module A tiny test harness that runs unchanged on Node, Bun, Deno, workerd and Chromium: vitest
 * does not load in a worker or a page, so the portable suite registers its tests here instead.
 */

/** @typedef {{ name: string, fn: () => unknown, cookieHeaders: boolean }} TestCase */

/**
 * Whether this runtime's `Request` keeps a `Cookie` header and its `Response` a `Set-Cookie`
 * header. Server runtimes do; browsers drop both (forbidden header names of the Fetch standard),
 * so server-side cookie code cannot be observed through them in a page.
 */
export const fetchCarriesCookies = (() => {
  try {
    const request = new Request('https://runtimes.test/', { headers: { cookie: 'a=1' } });
    const response = new Response(null, { headers: { 'set-cookie': 'a=1' } });
    return request.headers.get('cookie') === 'a=1' && response.headers.getSetCookie().length === 1;
  } catch {
    return false;
  }
})();

/** @type {TestCase[]} */
const registered = [];
let prefix = '';

/**
 * Register one test. Names are prefixed by the enclosing {@link group}.
 *
 * `cookieHeaders: true` marks a test that sends `Cookie` in a `Request` or reads `Set-Cookie` from
 * a `Response`. Where the Fetch classes drop those headers (browsers, see {@link fetchCarriesCookies})
 * it runs in its browser form: the body runs up to the first place that needs the dropped header
 * ({@link setCookiesOf}, {@link requestWithCookie} throw {@link MissingCookieHeaders} there), and
 * every assertion before that must hold. It is counted as passed and listed in `adapted`, so the
 * report says which tests ran that way.
 *
 * @example
 * test('parses', () => assert.equal(parseCookie('a=1').a, '1'));
 *
 * @param {string} name
 * @param {() => unknown} fn
 * @param {{ cookieHeaders?: boolean }} [options]
 */
export function test(name, fn, options = {}) {
  const full = prefix ? `${prefix} > ${name}` : name;
  if (registered.some((t) => t.name === full)) throw new Error(`duplicate test name: ${full}`);
  registered.push({ name: full, fn, cookieHeaders: options.cookieHeaders === true });
}

/**
 * Register the tests `body` declares under a common name.
 *
 * @example
 * group('codec', () => { test('parses', () => {}); });
 *
 * @param {string} name
 * @param {() => void} body
 */
export function group(name, body) {
  const outer = prefix;
  prefix = outer ? `${outer} > ${name}` : name;
  try {
    body();
  } finally {
    prefix = outer;
  }
}

/** Thrown by the assertions; the runner prints its message. */
export class AssertionError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'AssertionError';
  }
}

/**
 * Thrown where a test needs a `Cookie` header in a `Request` or `Set-Cookie` in a `Response` and
 * the runtime's Fetch classes dropped it (a browser page). Only this error lets a `cookieHeaders`
 * test run in its browser form; any other failed assertion fails there as everywhere.
 */
export class MissingCookieHeaders extends AssertionError {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'MissingCookieHeaders';
  }
}

/**
 * The `Set-Cookie` lines of a Response. Where a page's Response dropped them, throws
 * {@link MissingCookieHeaders} instead of giving an empty list to assert on.
 *
 * @example
 * assert.deepEqual(setCookiesOf(makeResponse('x').setCookie('a', '1')), ['a=1; Path=/']);
 *
 * @param {Response} response
 * @returns {string[]}
 */
export function setCookiesOf(response) {
  const lines = response.headers.getSetCookie();
  if (lines.length === 0 && !fetchCarriesCookies) {
    throw new MissingCookieHeaders('this Response has no Set-Cookie (a page drops the header)');
  }
  return lines;
}

/**
 * A GET Request carrying `cookie` (none when undefined). Where a page's Request drops the header,
 * throws {@link MissingCookieHeaders}.
 *
 * @example
 * new RequestCookies(requestWithCookie('https://e.com/', 'a=1')).get('a'); // '1'
 *
 * @param {string} url
 * @param {string | undefined} cookie
 * @returns {Request}
 */
export function requestWithCookie(url, cookie) {
  const request = new Request(url, cookie === undefined ? {} : { headers: { cookie } });
  if (cookie !== undefined && cookie !== '' && request.headers.get('cookie') !== cookie) {
    const message = `this Request dropped its Cookie header ${JSON.stringify(cookie)}`;
    throw fetchCarriesCookies ? new AssertionError(message) : new MissingCookieHeaders(message);
  }
  return request;
}

/** @param {unknown} value */
function show(value) {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date)
    return `Date(${Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString()})`;
  if (value instanceof Uint8Array) return `Uint8Array[${Array.from(value).join(',')}]`;
  if (typeof value === 'function') return `[function ${value.name}]`;
  try {
    const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    return text === undefined ? String(value) : text;
  } catch {
    return String(value);
  }
}

/**
 * Structural equality as vitest's toEqual sees it: plain and null-prototype objects alike, arrays,
 * Dates by time, typed arrays by bytes, Maps and Sets by entries, other classes by own fields and class.
 *
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean}
 */
export function deepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  }
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length)
      return false;
    return a.every((byte, i) => byte === b[i]);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) if (!b.has(key) || !deepEqual(value, b.get(key))) return false;
    return true;
  }
  const plain = (/** @type {object} */ o) => {
    const proto = Object.getPrototypeOf(o);
    return proto === null || proto === Object.prototype;
  };
  if (!(plain(a) && plain(b)) && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b))
    return false;
  const keysA = Object.keys(a).filter((k) => /** @type {any} */ (a)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => /** @type {any} */ (b)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (k) => Object.hasOwn(b, k) && deepEqual(/** @type {any} */ (a)[k], /** @type {any} */ (b)[k]),
  );
}

/** @param {string} message @param {string | undefined} note */
function fail(message, note) {
  throw new AssertionError(note ? `${note}: ${message}` : message);
}

/** The assertions the suite uses; each throws an {@link AssertionError} naming both values. */
export const assert = {
  /** `Object.is` equality. @param {unknown} actual @param {unknown} expected @param {string} [note] */
  equal(actual, expected, note) {
    if (!Object.is(actual, expected)) fail(`expected ${show(expected)}, got ${show(actual)}`, note);
  },
  /** Structural equality ({@link deepEqual}). @param {unknown} actual @param {unknown} expected @param {string} [note] */
  deepEqual(actual, expected, note) {
    if (!deepEqual(actual, expected)) fail(`expected ${show(expected)}, got ${show(actual)}`, note);
  },
  /** @param {unknown} value @param {string} [note] */
  ok(value, note) {
    if (!value) fail(`expected a truthy value, got ${show(value)}`, note);
  },
  /** @param {string} text @param {RegExp} pattern @param {string} [note] */
  match(text, pattern, note) {
    if (typeof text !== 'string' || !pattern.test(text))
      fail(`${show(text)} does not match ${pattern}`, note);
  },
  /** @param {unknown} value @param {Function} type @param {string} [note] */
  instanceOf(value, type, note) {
    if (!(value instanceof type))
      fail(`expected an instance of ${type.name}, got ${show(value)}`, note);
  },
  /**
   * `fn` throws synchronously; returns the error for further checks.
   * @param {() => unknown} fn @param {string} [note] @returns {any}
   */
  throws(fn, note) {
    try {
      fn();
    } catch (error) {
      return error;
    }
    return fail('expected a throw, nothing was thrown', note);
  },
  /**
   * The promise rejects; returns the reason for further checks.
   * @param {Promise<unknown> | (() => Promise<unknown>)} promise @param {string} [note] @returns {Promise<any>}
   */
  async rejects(promise, note) {
    try {
      await (typeof promise === 'function' ? promise() : promise);
    } catch (error) {
      return error;
    }
    return fail('expected a rejection, the promise resolved', note);
  },
};

/**
 * @typedef {object} SuiteResult
 * @property {number} passed
 * @property {number} failed
 * @property {number} total
 * @property {string[]} names every test's name, in order
 * @property {{ name: string, error: string }[]} failures
 * @property {string[]} adapted tests that ran in their browser form (see {@link test})
 * @property {boolean} fetchCarriesCookies
 * @property {number} ms
 */

/**
 * Run every registered test in order, each to completion (sequential: some share a clock or a
 * global). Never throws: a throwing test is a failure with its message.
 *
 * @example
 * const result = await run(); // { passed, failed, total, names, failures, ms }
 *
 * @param {{ onResult?: (name: string, error: unknown) => void }} [options]
 * @returns {Promise<SuiteResult>}
 */
export async function run(options = {}) {
  const started = Date.now();
  let passed = 0;
  /** @type {{ name: string, error: string }[]} */
  const failures = [];
  /** @type {string[]} */
  const adapted = [];
  for (const { name, fn, cookieHeaders } of registered) {
    let error;
    try {
      await fn();
      passed++;
    } catch (caught) {
      error = caught ?? new Error('thrown undefined');
      if (cookieHeaders && !fetchCarriesCookies && error instanceof MissingCookieHeaders) {
        // Browser form: the platform hid the headers; the code up to there ran and was right.
        adapted.push(name);
        passed++;
        error = undefined;
      } else {
        const text =
          error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${show(error)}`;
        failures.push({ name, error: text });
      }
    }
    options.onResult?.(name, error);
  }
  return {
    passed,
    failed: failures.length,
    total: registered.length,
    names: registered.map((t) => t.name),
    failures,
    adapted,
    fetchCarriesCookies,
    ms: Date.now() - started,
  };
}
