// TypeDoc (`npm run docs`): the API reference from the TSDoc comments, one module per subpath
// export of package.json, written to api/ (not committed). A warning fails the build.
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

// Each subpath's `./dist/<name>.js` is built from `src/<name>.ts` (tsup.config.ts).
const entryPoints = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object')
  .map(([, target]) => target.default.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  entryPoints,
  out: 'api',
  tsconfig: 'tsconfig.json',
  name: `shortbread ${pkg.version}`,
  readme: 'none',
  treatWarningsAsErrors: true,
  excludePrivate: true,
  excludeInternal: true,
  // signing's DigestMethod is this internal alias: its union shows in the reference as it is.
  // connect-store's Done is express-session's callback type, shown inline where it is used.
  intentionallyNotExported: [
    'src/internal/hmac.ts:DigestName',
    'src/session/connect-store.ts:Done',
  ],
  sort: ['kind', 'instance-first', 'alphabetical-ignoring-documents'],
};
