import { defineConfig } from 'tsup';

// One entry per subpath export (ARCHITECTURE.md, "Public surface, per subpath"). The convention:
// each src/<entry>.ts only re-exports, naming every public export straight from the file that
// defines it (src/session.ts from src/session/*.ts, src/express.ts from
// src/adapters/express/shortbread.ts); folders hold no index.ts re-export layer of their own.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    codec: 'src/codec.ts',
    signing: 'src/signing.ts',
    node: 'src/node.ts',
    express: 'src/express.ts',
    fastify: 'src/fastify.ts',
    hono: 'src/hono.ts',
    browser: 'src/browser.ts',
    'browser-memory': 'src/browser-memory.ts',
    'browser-js-cookie': 'src/browser-js-cookie.ts',
    'compat-cookie0': 'src/compat-cookie0.ts',
    'compat-cookie1': 'src/compat-cookie1.ts',
    jar: 'src/jar.ts',
    'jar-sqlite': 'src/jar-sqlite.ts',
    'jar-tough': 'src/jar-tough.ts',
    session: 'src/session.ts',
    'session-sqlite': 'src/session-sqlite.ts',
    'session-redis': 'src/session-redis.ts',
    'session-postgres': 'src/session-postgres.ts',
    cli: 'src/cli/bin.ts',
  },
  format: ['esm'],
  dts: true,
  target: 'es2022',
  platform: 'neutral',
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  outDir: 'dist',
  // Keep `node:` on built-in imports: Deno and workerd's nodejs_compat resolve `node:http`, not a bare `http`.
  removeNodeProtocol: false,
  external: [/^node:/],
});
