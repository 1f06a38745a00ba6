/**
 * @module Node runner: the suite on this Node (`process.execPath`) twice, once as it comes
 * (node:crypto through process.getBuiltinModule) and once with getBuiltinModule hidden
 * (WebCrypto and CompressionStream), so both signing paths run in the matrix.
 */
import { join } from 'node:path';
import { MAIN, ROOT, type RuntimeReport, runDirectly, runSuiteProcess } from './runtime-report.js';

/** The suite on Node, node:crypto path. @example await runNode(); */
export function runNode(): Promise<RuntimeReport> {
  return runSuiteProcess('node', process.execPath, [MAIN]);
}

/** The suite on Node with the WebCrypto path forced by a preload. @example await runNodeWebCrypto(); */
export function runNodeWebCrypto(): Promise<RuntimeReport> {
  const preload = join(ROOT, 'test/runtimes/webcrypto-only.js');
  return runSuiteProcess('node-webcrypto', process.execPath, ['--import', preload, MAIN]);
}

await runDirectly(import.meta.url, async () => {
  const mode = process.argv[2];
  return mode === 'webcrypto' ? runNodeWebCrypto() : runNode();
});
