// CI's API reference step (scripts/test.sh): builds it with TypeDoc as `npm run docs` does
// (typedoc.config.mjs sets treatWarningsAsErrors) and writes reports/apidocs.json, one check that
// scripts/test-summary.mjs counts: passed when TypeDoc exits 0 with no warning, failed otherwise.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const run = spawnSync('npx', ['typedoc', '--logLevel', 'Warn'], { encoding: 'utf8' });
const output = `${run.stdout}${run.stderr}`;
process.stdout.write(output);
const ok = run.status === 0 && !/\bwarning\b/i.test(output);
mkdirSync('reports', { recursive: true });
writeFileSync(
  'reports/apidocs.json',
  `${JSON.stringify({ name: 'apidocs', passed: ok ? 1 : 0, failed: ok ? 0 : 1 }, null, 2)}\n`,
);
console.log(ok ? 'API reference: built in api/ with no warning' : 'API reference: TypeDoc failed');
process.exit(ok ? 0 : 1);
