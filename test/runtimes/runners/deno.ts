/**
 * @module Deno runner: the suite's main.js under node_modules/.bin/deno (the `deno` dev
 * dependency), with no permissions and no network: `shortbread` resolves through the local
 * package.json and node_modules (manual mode), nothing remote, no lock file written.
 */
import { join } from 'node:path';
import { MAIN, ROOT, type RuntimeReport, runDirectly, runSuiteProcess } from './runtime-report.js';

/** The suite on Deno. @example await runDeno(); */
export function runDeno(): Promise<RuntimeReport> {
  return runSuiteProcess(
    'deno',
    join(ROOT, 'node_modules/.bin/deno'),
    [
      'run',
      '--no-prompt',
      '--no-remote',
      '--no-lock',
      '--cached-only',
      '--node-modules-dir=manual',
      MAIN,
    ],
    { DENO_NO_UPDATE_CHECK: '1' },
  );
}

await runDirectly(import.meta.url, runDeno);
