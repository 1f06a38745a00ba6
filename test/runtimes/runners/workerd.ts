/**
 * @module workerd runner: the suite and the built package bundled by esbuild into one Worker
 * module, run by Miniflare in the real workerd; the Worker's fetch handler runs the suite and
 * answers with its JSON. Twice: as a plain Worker (signing takes WebCrypto), and with the
 * `nodejs_compat` flag many Workers enable, where workerd has `process.getBuiltinModule` and
 * signing takes its node:crypto.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  brokenReport,
  bundleSuite,
  ROOT,
  RUNNER_TIMEOUT_MS,
  type RuntimeReport,
  runDirectly,
  toReport,
} from './runtime-report.js';

/** The Workers compatibility date the Worker runs with (within what this workerd supports). */
export const COMPATIBILITY_DATE = '2026-07-01';

function versionOf(pkg: string): string {
  return (
    JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

/** The suite inside a plain Worker. @example await runWorkerd(); */
export function runWorkerd(): Promise<RuntimeReport> {
  return runWorker('workerd', []);
}

/** The suite inside a Worker with `nodejs_compat`. @example await runWorkerdNodeCompat(); */
export function runWorkerdNodeCompat(): Promise<RuntimeReport> {
  return runWorker('workerd-nodejs-compat', ['nodejs_compat']);
}

async function runWorker(id: string, compatibilityFlags: string[]): Promise<RuntimeReport> {
  const started = performance.now();
  let miniflareVersion: string;
  let workerdVersion: string;
  try {
    miniflareVersion = versionOf('miniflare');
    workerdVersion = versionOf('workerd');
  } catch (error) {
    return brokenReport(id, `miniflare is not installed: ${error}`, 0, true);
  }
  const { Miniflare } = await import('miniflare');
  let mf: InstanceType<typeof Miniflare> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const script = await bundleSuite('test/runtimes/worker-entry.js');
    mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: COMPATIBILITY_DATE,
      compatibilityFlags,
    });
    const run = mf.dispatchFetch('http://runtimes.test/').then((r) => r.text());
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('workerd did not answer in time')),
        RUNNER_TIMEOUT_MS,
      );
    });
    const body = await Promise.race([run, timeout]);
    const version = `${workerdVersion} (miniflare ${miniflareVersion})`;
    return toReport(id, JSON.parse(body), performance.now() - started, version);
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return brokenReport(id, text, performance.now() - started);
  } finally {
    clearTimeout(timer);
    await mf?.dispose();
  }
}

await runDirectly(import.meta.url, () =>
  process.argv[2] === 'nodejs_compat' ? runWorkerdNodeCompat() : runWorkerd(),
);
