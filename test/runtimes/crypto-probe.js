/**
 * @module Watches which HMAC backend the signing layer really uses: it counts node:crypto loads
 * through `process.getBuiltinModule` and HMAC keys imported through WebCrypto. Installed before
 * the first signing call (the package caches the built-in it finds), removed after the suite.
 */

const seen = { nodeCryptoLoads: 0, webCryptoHmacImports: 0 };
/** The real `process.getBuiltinModule` while the probe is on, so our own look-ups are not counted. */
let realLoader = /** @type {((id: string) => unknown) | undefined} */ (undefined);
/** @type {(() => void)[]} */
const undo = [];

/**
 * The path the package should take here, by the rule of src/internal/node-builtin.ts: node:crypto
 * where `process.getBuiltinModule` gives it, WebCrypto otherwise.
 *
 * @example
 * expectedCryptoPath(); // 'node:crypto' on Node 20.16+, Bun, Deno; 'webcrypto' in workerd and browsers
 *
 * @returns {'node:crypto' | 'webcrypto'}
 */
export function expectedCryptoPath() {
  const load = realLoader ?? globalThis.process?.getBuiltinModule;
  if (typeof load !== 'function') return 'webcrypto';
  try {
    return load.call(globalThis.process, 'node:crypto')?.createHmac ? 'node:crypto' : 'webcrypto';
  } catch {
    return 'webcrypto';
  }
}

/**
 * Start counting. Wraps `process.getBuiltinModule` (where it exists) and `crypto.subtle.importKey`.
 *
 * @example
 * installCryptoProbe(); await new Signer('k').sign('v'); observedCryptoPath(); // 'node:crypto'
 */
export function installCryptoProbe() {
  const proc = globalThis.process;
  if (proc && typeof proc.getBuiltinModule === 'function') {
    const original = proc.getBuiltinModule;
    realLoader = original;
    proc.getBuiltinModule = function probedGetBuiltinModule(/** @type {string} */ id) {
      const loaded = original.call(this, id);
      if ((id === 'node:crypto' || id === 'crypto') && loaded) seen.nodeCryptoLoads++;
      return loaded;
    };
    undo.push(() => {
      proc.getBuiltinModule = original;
      realLoader = undefined;
    });
  }
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const original = subtle.importKey;
    const probed = function probedImportKey(/** @type {any[]} */ ...args) {
      const algorithm = args[2];
      const name = typeof algorithm === 'string' ? algorithm : algorithm?.name;
      if (String(name).toUpperCase() === 'HMAC') seen.webCryptoHmacImports++;
      return original.apply(subtle, /** @type {any} */ (args));
    };
    Object.defineProperty(subtle, 'importKey', {
      value: probed,
      configurable: true,
      writable: true,
    });
    undo.push(() => {
      delete (/** @type {any} */ (subtle).importKey);
      if (subtle.importKey !== original) {
        Object.defineProperty(subtle, 'importKey', {
          value: original,
          configurable: true,
          writable: true,
        });
      }
    });
  }
}

/** Stop counting and restore the originals. @example removeCryptoProbe(); */
export function removeCryptoProbe() {
  while (undo.length > 0) undo.pop()?.();
}

/**
 * What the counts show: `'node:crypto'` if only node:crypto was loaded, `'webcrypto'` if only
 * WebCrypto imported HMAC keys, `'mixed'` or `'none'` otherwise (both fail the suite's check).
 *
 * @example
 * observedCryptoPath(); // 'webcrypto'
 *
 * @returns {'node:crypto' | 'webcrypto' | 'mixed' | 'none'}
 */
export function observedCryptoPath() {
  if (seen.nodeCryptoLoads > 0 && seen.webCryptoHmacImports > 0) return 'mixed';
  if (seen.nodeCryptoLoads > 0) return 'node:crypto';
  if (seen.webCryptoHmacImports > 0) return 'webcrypto';
  return 'none';
}

/** The raw counts, for the report. @example cryptoCounts(); // { nodeCryptoLoads: 1, webCryptoHmacImports: 0 } */
export function cryptoCounts() {
  return { ...seen };
}
