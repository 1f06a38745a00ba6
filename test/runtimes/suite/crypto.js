/** @module The check that signing ran on the HMAC backend the runtime provides. */
import { cryptoCounts, expectedCryptoPath, observedCryptoPath } from '../crypto-probe.js';
import { assert, test } from '../harness.js';

/**
 * Register the backend check; register it after every signing test, so it sees their calls.
 *
 * @example
 * registerCryptoCheck(); await run();
 */
export function registerCryptoCheck() {
  test('crypto > signing used the HMAC backend this runtime provides', () => {
    assert.equal(observedCryptoPath(), expectedCryptoPath(), JSON.stringify(cryptoCounts()));
  });
}
