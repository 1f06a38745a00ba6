import { defineConfig } from 'tsup';

// One entry per subpath export of DESIGN.md; each src/<entry>.ts only re-exports.
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
    jar: 'src/jar.ts',
    'jar-sqlite': 'src/jar-sqlite.ts',
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
