/**
 * @module Runs a bench script as users run shortbread: bundled by esbuild with shortbread's sources
 * (as tsup builds `dist/`, without the `keepNames` helper tsx adds to every function, which cost our
 * closures up to 6% of a profile while the peers' plain JavaScript paid nothing), the packages
 * loaded from node_modules, under plain `node`. Usage: `tsx bench/run-bundled.ts bench/x.ts [args]`.
 * With `CODECS_BEFORE` set the script loads an older checkout's TypeScript, so tsx is kept then.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { bundleScript } from './bundle.js';

const [entry, ...args] = process.argv.slice(2);
if (entry === undefined) {
  console.error('usage: tsx bench/run-bundled.ts <bench script.ts> [arguments]');
  process.exit(2);
}
const outfile = await bundleScript(entry);
const loader = process.env.CODECS_BEFORE === undefined ? [] : ['--import', 'tsx'];
try {
  const run = spawnSync(process.execPath, [...loader, outfile, ...args], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(outfile, { force: true });
}
