// Used by scripts/tarball.ts, on the Node under test (no TypeScript, no dependency):
//   node tarball-imports.mjs '{"shortbread/codec": "<specifier to import>", ...}' [--smoke]
// imports each module and prints one JSON object: for each subpath, the kind of every export
// ('class', 'function', or typeof) and the file it resolved to, or the error. With --smoke it also opens the SQLite stores
// in memory (which loads better-sqlite3's native addon, built for this Node) and parses a cookie.
// Plain JavaScript so that the same file describes the sources (run through tsx) and the installed
// tarball (run by a bare Node 20.19 or the newest Node).

/** 'class' for a class, 'function' for any other function, else typeof. */
function kindOf(value) {
  if (typeof value !== 'function') return value === null ? 'null' : typeof value;
  return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
}

const smokes = {
  shortbread: async (m) => {
    if (m.parseCookie('a=1; b=x%20y').b !== 'x y') throw new Error('parseCookie');
  },
  'shortbread/compat/cookie0': async (m) => {
    if (m.serialize('a', 'b', { maxAge: '60' }) !== 'a=b; Max-Age=60') throw new Error('cookie0');
  },
  'shortbread/compat/cookie1': async (m) => {
    if (m.parseCookie('a="b"').a !== '"b"') throw new Error('cookie1');
  },
  'shortbread/browser/js-cookie': async (m) => {
    if (m.default !== m.Cookies || m.Cookies.get('a') !== undefined) throw new Error('js-cookie');
  },
  'shortbread/session/sqlite': async (m) => {
    const store = new m.SqliteSessionStore({ filename: ':memory:' });
    await store.close();
  },
  'shortbread/session/postgres': async (m) => {
    // Makes its pool without connecting (connections open on first use), then ends it.
    const store = new m.PostgresSessionStore({ url: 'postgres://127.0.0.1:1/none' });
    if (store.kind !== 'postgres') throw new Error(`kind is ${store.kind}`);
    await store.close();
  },
  'shortbread/jar/tough': async (m) => {
    const jar = new m.CookieJar();
    jar.setCookieSync('a=1', 'https://example.com/');
    if (jar.getCookieStringSync('https://example.com/') !== 'a=1') throw new Error('jar/tough');
  },
  'shortbread/jar/sqlite': async (m) => {
    const store = new m.SqliteJarStore(':memory:');
    if (store.keys().length !== 0) throw new Error('a new jar store is not empty');
    store.close();
  },
};

const modules = JSON.parse(process.argv[2] ?? '{}');
const smoke = process.argv.includes('--smoke');
const results = {};
for (const [subpath, specifier] of Object.entries(modules)) {
  try {
    const namespace = await import(specifier);
    const kinds = {};
    for (const name of Object.keys(namespace).sort()) kinds[name] = kindOf(namespace[name]);
    if (smoke) await smokes[subpath]?.(namespace);
    results[subpath] = {
      kinds,
      smoked: smoke && subpath in smokes,
      resolved: import.meta.resolve(specifier),
    };
  } catch (error) {
    results[subpath] = { error: `${error?.name}: ${error?.message}` };
  }
}
process.stdout.write(`${JSON.stringify({ node: process.version, results })}\n`);
