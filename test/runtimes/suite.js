/**
 * @module The portable suite: every test of suite/*.js, plus a check that signing ran on the HMAC
 * backend this runtime should use. The same file runs on Node, Bun, Deno, workerd and Chromium.
 */
import {
  cryptoCounts,
  expectedCryptoPath,
  installCryptoProbe,
  observedCryptoPath,
  removeCryptoProbe,
} from './crypto-probe.js';
import { run } from './harness.js';
import { registerCodecTests } from './suite/codec.js';
import { registerCryptoCheck } from './suite/crypto.js';
import { registerJarTests } from './suite/jar.js';
import { registerServerTests } from './suite/server.js';
import { registerSessionTests } from './suite/session.js';
import { registerSigningTests } from './suite/signing.js';

registerCodecTests();
registerServerTests();
registerSigningTests();
registerSessionTests();
registerJarTests();
// Last, so it sees every signing call the suite made.
registerCryptoCheck();

/** Which runtime this is, by its own globals (Bun and Deno also fake `process.versions.node`). */
export function describeRuntime() {
  const g = /** @type {any} */ (globalThis);
  if (typeof g.Bun !== 'undefined') return { name: 'bun', version: String(g.Bun.version) };
  if (typeof g.Deno !== 'undefined') return { name: 'deno', version: String(g.Deno.version.deno) };
  const agent = String(g.navigator?.userAgent ?? '');
  if (agent === 'Cloudflare-Workers') return { name: 'workerd', version: 'Cloudflare-Workers' };
  if (g.process?.versions?.node) return { name: 'node', version: String(g.process.versions.node) };
  const chrome = /(?:HeadlessChrome|Chrome)\/([\d.]+)/.exec(agent);
  if (chrome) return { name: 'chromium', version: chrome[1] };
  return { name: 'unknown', version: agent };
}

/**
 * Run the suite with the crypto probe on; never throws.
 *
 * @example
 * const result = await runPortableSuite(); // { passed, failed, total, names, failures, ms, runtime, crypto }
 */
export async function runPortableSuite(/** @type {Parameters<typeof run>[0]} */ options) {
  installCryptoProbe();
  try {
    const result = await run(options);
    return {
      ...result,
      runtime: describeRuntime(),
      crypto: { expected: expectedCryptoPath(), observed: observedCryptoPath(), ...cryptoCounts() },
    };
  } finally {
    removeCryptoProbe();
  }
}
