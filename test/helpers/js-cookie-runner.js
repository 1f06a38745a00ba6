// Loaded by both pages of test/js-cookie-chromium.test.ts after the library under test has set
// `window.Cookies` (js-cookie 3.0.8's UMD build on one page, shortbread/browser/js-cookie on the
// other). `window.runCookieSequence(ops, now)` runs a JSON-described call sequence against it and
// returns, for each call, its result (or the error it threw) and `document.cookie` after it.
// Plain JavaScript, so that nothing a TypeScript transform adds reaches the page.
(() => {
  /** An error of the runner itself, never recorded as a library's outcome. */
  function harness(message) {
    return Object.assign(new Error(message), { harness: true });
  }

  /** Rebuilds what JSON cannot carry: undefined, Dates, String objects, parsed JSON, functions. */
  function revive(value) {
    if (Array.isArray(value)) return value.map(revive);
    if (value === null || typeof value !== 'object') return value;
    if (!('$' in value)) {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = revive(v);
      return out;
    }
    switch (value.$) {
      case 'undefined':
        return undefined;
      case 'date':
        return new Date(value.ms);
      case 'stringObject':
        return new String(value.v);
      case 'json':
        return JSON.parse(value.text);
      case 'object': {
        const out = {};
        for (const [k, v] of Object.entries(value.v)) out[k] = revive(v);
        return out;
      }
      default:
        throw harness(`unknown descriptor ${value.$}`);
    }
  }

  /** A result in a form both pages serialize alike: functions and undefined named, records listed. */
  function describe(value) {
    if (value === undefined) return { $: 'undefined' };
    if (typeof value === 'function') return { $: 'function' };
    if (value !== null && typeof value === 'object') {
      return { $: 'record', entries: Object.entries(value).map(([k, v]) => [k, describe(v)]) };
    }
    return value;
  }

  /** The converters js-cookie's suite uses, by name (`Cookies` is the page's default instance). */
  const converters = {
    upperWrite: { write: (value) => value.toUpperCase() },
    upperRead: { read: (value) => value.toUpperCase() },
    unescapeRead: { read: unescape },
    conditionalRead: { read: (value, name) => (name === 'escaped' ? unescape(value) : undefined) },
    plusWrite: { write: (value) => value.replace('+', '%2B') },
    plusRead: { read: (value) => value.replace('%2B', '+') },
    extendRead: { read: (value) => window.Cookies.converter.read(value.replace('A', 'a')) },
    extendWrite: { write: (value) => window.Cookies.converter.write(value.replace('a', 'A')) },
    jsonWrite: { write: (value) => JSON.stringify(value) },
    throwingRead: {
      read: () => {
        throw new Error('read failed');
      },
    },
    nameRead: { read: (value, name) => `${name}:${value}` },
  };

  /** What js-cookie's immutability tests try on an instance, and what stayed. */
  function mutate(api) {
    const attempts = [];
    const attempt = (label, change) => {
      try {
        change();
        attempts.push(`${label}: ok`);
      } catch (error) {
        attempts.push(`${label}: ${error.name}`);
      }
    };
    const read = api.converter.read;
    attempt('delete attributes', () => delete api.attributes);
    attempt('assign attributes', () => {
      api.attributes = {};
    });
    attempt('assign attributes.path', () => {
      api.attributes.path = '/foo';
    });
    attempt('delete converter', () => delete api.converter);
    attempt('assign converter', () => {
      api.converter = {};
    });
    attempt('assign converter.read', () => {
      api.converter.read = () => 'x';
    });
    return {
      attempts,
      path: api.attributes.path,
      sameRead: api.converter.read === read,
      attributes: describe(api.attributes),
    };
  }

  /** The instance's shape: own keys, prototype methods, frozen parts. */
  function inspect(api) {
    return {
      ownKeys: Object.keys(api),
      ownNames: Object.getOwnPropertyNames(api).sort(),
      methods: Object.keys(Object.getPrototypeOf(api)).sort(),
      types: ['get', 'set', 'remove', 'withAttributes', 'withConverter'].map((k) => typeof api[k]),
      attributes: describe(api.attributes),
      converterKeys: Object.keys(api.converter).sort(),
      frozen: [Object.isFrozen(api.attributes), Object.isFrozen(api.converter)],
    };
  }

  window.runCookieSequence = (ops, now) => {
    Date.now = () => now;
    const apis = [window.Cookies];
    const steps = [];
    for (const op of ops) {
      const api = apis[op.api ?? 0];
      let result;
      try {
        switch (op.op) {
          case 'set':
            result = api.set(revive(op.name), revive(op.value), revive(op.attributes));
            break;
          case 'get':
            result = api.get(...revive(op.args));
            break;
          case 'remove':
            result = api.remove(revive(op.name), revive(op.attributes));
            break;
          case 'raw':
            // biome-ignore lint/suspicious/noDocumentCookie: the suites write cookies behind the library's back
            document.cookie = op.text;
            result = null;
            break;
          case 'withAttributes':
            apis.push(api.withAttributes(revive(op.attributes)));
            result = apis.length - 1;
            break;
          case 'withConverter':
            apis.push(api.withConverter(converters[op.converter]));
            result = apis.length - 1;
            break;
          case 'mutate':
            result = mutate(api);
            break;
          case 'inspect':
            result = inspect(api);
            break;
          case 'removeKeepsAttributes': {
            const attributes = revive(op.attributes);
            const before = JSON.stringify(attributes);
            api.remove(revive(op.name), attributes);
            result = before === JSON.stringify(attributes);
            break;
          }
          default:
            throw harness(`unknown op ${op.op}`);
        }
        steps.push({ result: describe(result), cookie: document.cookie });
      } catch (error) {
        // A mistake of the test's own (not of the library) ends the run instead of being compared.
        if (error.harness) throw error;
        steps.push({ threw: `${error.name}: ${error.message}`, cookie: document.cookie });
      }
    }
    return steps;
  };
})();
